// A Data Center advanced-auditing event (an /rest/auditing/1.0/events entity, or a line of a node's
// *.audit.log file) as an AuditRecord. The first affected object is the record's affected object, the others
// its associated objects; `from`/`to` are the old and new values. What the record model has no place for
// (method, system, area, level, ids and extra attributes) is kept as source fields.
import type { AffectedObject, AuditRecordAuthor, ChangedValue } from '../../../api/types';
import type { SourceField, SourcedRecord } from '../../../model/sourceFields';
import { FormatProblem, preview } from '../../../exportFile/format/formatProblem';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new FormatProblem(`${where}.${key} is not text`);
}

function list(o: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new FormatProblem(`"${key}" is not a list`);
  return v.map((item, i) => {
    if (!isObject(item)) throw new FormatProblem(`"${key}"[${i}] is not an object`);
    return item;
  });
}

/** ISO 8601 (events answers) or {epochSecond, nano} (audit log files). */
function instant(v: unknown): number {
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    if (Number.isFinite(ms) && /(Z|[+-]\d{2}:?\d{2})$/i.test(v.trim())) return ms;
  } else if (isObject(v) && typeof v.epochSecond === 'number' && Number.isFinite(v.epochSecond)) {
    const nano = typeof v.nano === 'number' && Number.isFinite(v.nano) ? v.nano : 0;
    return v.epochSecond * 1000 + Math.floor(nano / 1e6);
  }
  throw new FormatProblem(`"timestamp" is not a time (ISO 8601 with a zone, or {epochSecond, nano}, was expected): ${preview(JSON.stringify(v) ?? '')}`);
}

/** Data Center user links name the user: …/viewuser.action?username=admin. */
function usernameFrom(uri: string): string {
  const m = /[?&]username=([^&#]*)/.exec(uri);
  if (!m) return '';
  try {
    return decodeURIComponent(m[1].replace(/\+/g, ' '));
  } catch {
    return m[1];
  }
}

export function dataCenterEventRecord(raw: unknown): SourcedRecord {
  if (!isObject(raw)) throw new FormatProblem('an event is not an object');
  const type = isObject(raw.auditType) ? raw.auditType : isObject(raw.type) ? raw.type : {};
  const who = isObject(raw.author) ? raw.author : {};
  const sourceFields: SourceField[] = [];
  const keep = (name: string, value: string): void => {
    if (value !== '') sourceFields.push({ name, value });
  };
  const author: AuditRecordAuthor = { type: 'user', displayName: text(who, 'name', 'author') };
  const username = usernameFrom(text(who, 'uri', 'author'));
  if (username !== '') author.username = username;
  const userKey = text(who, 'id', 'author');
  // "-2" is Data Center's anonymous user, not a key.
  if (userKey !== '' && userKey !== '-2') author.userKey = userKey;
  keep('Author type', text(who, 'type', 'author'));
  keep('Author id', userKey);
  const objects: AffectedObject[] = list(raw, 'affectedObjects').map((o, i) => {
    keep(`Object ${i + 1} id`, text(o, 'id', 'affectedObjects'));
    keep(`Object ${i + 1} URI`, text(o, 'uri', 'affectedObjects'));
    return { name: text(o, 'name', 'affectedObjects'), objectType: text(o, 'type', 'affectedObjects') };
  });
  const changedValues: ChangedValue[] = list(raw, 'changedValues').map((v) => ({
    name: text(v, 'key', 'changedValues') || text(v, 'i18nKey', 'changedValues'),
    oldValue: text(v, 'from', 'changedValues'),
    newValue: text(v, 'to', 'changedValues'),
  }));
  keep('Method', text(raw, 'method', 'event'));
  keep('System', text(raw, 'system', 'event'));
  keep('Area', text(type, 'area', 'type'));
  keep('Level', text(type, 'level', 'type'));
  keep('Action key', text(type, 'actionI18nKey', 'type'));
  keep('Category key', text(type, 'categoryI18nKey', 'type'));
  keep('Version', text(raw, 'version', 'event'));
  for (const attribute of list(raw, 'extraAttributes')) keep(text(attribute, 'name', 'extraAttributes') || text(attribute, 'nameI18nKey', 'extraAttributes'), text(attribute, 'value', 'extraAttributes'));
  const record: SourcedRecord = {
    author,
    remoteAddress: text(raw, 'source', 'event'),
    creationDate: instant(raw.timestamp),
    summary: text(type, 'action', 'type'),
    description: '',
    category: text(type, 'category', 'type'),
    sysAdmin: false,
    affectedObject: objects[0] ?? { name: '', objectType: '' },
    changedValues,
    associatedObjects: objects.slice(1),
  };
  if (sourceFields.length > 0) record.sourceFields = sourceFields;
  return record;
}
