// Turns a JSON value read from a file into audit records, recognised by its shape: a Cloud (or legacy Data
// Center) record, a saved AuditRecordArray page ({results}), a Data Center advanced-auditing event
// (/rest/auditing/1.0/events: {timestamp, type, …}), a saved events answer ({entities}), or a line of a Data
// Center audit log file ({timestamp{epochSecond,nano}, auditType, …}).
import { parseAuditRecord } from '../../../api/parse';
import type { SourcedRecord } from '../../../model/sourceFields';
import { FormatProblem } from '../../../exportFile/format/formatProblem';
import { dataCenterEventRecord } from './dataCenterEvent';

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

/** The records a value holds, in the order it lists them. */
export function recordsOfJson(value: unknown): SourcedRecord[] {
  const kind = jsonSourceKind(value);
  if (kind === undefined || !isObject(value)) throw new FormatProblem(`this is not ${JSON_EXPECTED}`);
  try {
    switch (kind) {
      case 'record':
        return [parseAuditRecord(value)];
      case 'page':
        return (value.results as unknown[]).map((r) => parseAuditRecord(r));
      case 'dataCenterEvent':
      case 'dataCenterAuditLog':
        return [dataCenterEventRecord(value)];
      case 'dataCenterEvents':
        return (value.entities as unknown[]).map((e) => dataCenterEventRecord(e));
    }
  } catch (e) {
    if (e instanceof FormatProblem) throw e;
    throw new FormatProblem(`this is not an audit record (${detail(e)})`);
  }
}
