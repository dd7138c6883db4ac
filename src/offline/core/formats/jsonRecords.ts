// Turns a JSON value read from a file into audit records, recognised by its shape: a Cloud (or legacy Data
// Center) record, a saved AuditRecordArray page ({results}), a Data Center advanced-auditing event
// (/rest/auditing/1.0/events: {timestamp, type, …}), a saved events answer ({entities}), or a line of a Data
// Center audit log file ({timestamp{epochSecond,nano}, auditType, …}).
import { parseAuditRecord } from '../../../api/parse';
import type { SourcedRecord } from '../../../model/sourceFields';
import { FormatProblem } from '../../../exportFile/format/formatProblem';

export type JsonSourceKind = 'record' | 'page' | 'dataCenterEvent' | 'dataCenterEvents' | 'dataCenterAuditLog';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function jsonSourceKind(value: unknown): JsonSourceKind | undefined {
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.results)) return 'page';
  if (Array.isArray(value.entities)) return 'dataCenterEvents';
  if (isObject(value.auditType) && isObject(value.timestamp)) return 'dataCenterAuditLog';
  if (isObject(value.type) && typeof value.timestamp === 'string') return 'dataCenterEvent';
  if ('creationDate' in value || 'author' in value || 'summary' in value) return 'record';
  return undefined;
}

export const JSON_EXPECTED =
  'an audit record, a saved page of records ({"results": […]}), a Data Center event or events answer ({"entities": […]}), or a line of a Data Center audit log file';

function detail(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^.*cannot read: /, '').replace(/\.$/, '');
}

/** Where the records of a value go: records parsed whole, or Data Center events kept as they were read. */
export interface JsonTargets {
  record(record: SourcedRecord): void;
  dataCenterEvent(raw: unknown): void;
}

/** Sends the records a value holds to `to`, in the order it lists them. */
export function addJsonValue(value: unknown, to: JsonTargets): void {
  const kind = jsonSourceKind(value);
  if (kind === undefined || !isObject(value)) throw new FormatProblem(`this is not ${JSON_EXPECTED}`);
  try {
    switch (kind) {
      case 'record':
        return to.record(parseAuditRecord(value));
      case 'page':
        for (const r of value.results as unknown[]) to.record(parseAuditRecord(r));
        return;
      case 'dataCenterEvent':
      case 'dataCenterAuditLog':
        return to.dataCenterEvent(value);
      case 'dataCenterEvents':
        for (const e of value.entities as unknown[]) to.dataCenterEvent(e);
        return;
    }
  } catch (e) {
    if (e instanceof FormatProblem) throw e;
    throw new FormatProblem(`this is not an audit record (${detail(e)})`);
  }
}
