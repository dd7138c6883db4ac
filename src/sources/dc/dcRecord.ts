// A Data Center advanced auditing event (parsed by the API client's parseDcEvent) as the record the tree,
// detail view and exports read: the first affected object is the record's affected object, the rest its
// associated objects, `from`/`to` the old and new values. The one place that does so, for the live Data Center
// source (dcReader.ts) and for the offline reader of saved answers and audit log files
// (offline/core/formats/dataCenterEvent.ts, which may import this layer). Links are text: nothing here follows
// them. The two differ only in what a record keeps beyond the record model and how its author's ids read, each
// as it always has (pinned by test/unit/sources/dcRecord.test.ts and test/unit/offline/recordsUnchanged.test.ts).
import type { DcAuditEvent } from '../../api/dc';
import type { AffectedObject, AuditRecordAuthor } from '../../api/types';
import type { SourceField, SourcedRecord } from '../../model/sourceFields';

/** What a record made from an event keeps beyond the record model, and how its author's ids read. */
export interface DcRecordShape {
  /**
   * 'every': every field the event has, in the API's order, the modelled ones too (author id and type, links,
   * i18n keys, method, system, extra attributes, unknown fields: nothing the server sent is lost on the way to
   * the detail view or an export). 'unmodelled': only what the record model has no place for, as the offline
   * table has always shown a file's events.
   */
  readonly sourceFields: 'every' | 'unmodelled';
  /** The user key is also the account id (the view's author filter matches account ids, the server's userIds these keys). */
  readonly keyIsAccountId: boolean;
  /** A user name or key written "null" reads as null (as the offline table has always shown it: our own export writes null so). */
  readonly nullText: boolean;
}

/** Events read from a live Data Center site. */
export const SITE_EVENT: DcRecordShape = { sourceFields: 'every', keyIsAccountId: true, nullText: false };

/** Events read from a file: a saved /events answer or a node's audit log. */
export const FILE_EVENT: DcRecordShape = { sourceFields: 'unmodelled', keyIsAccountId: false, nullText: true };

/** Data Center's anonymous user has the id "-2"; it is not a user key. */
const ANONYMOUS_ID = '-2';

/** Data Center user links name the user: …/viewuser.action?username=admin. */
function usernameFrom(uri: string | undefined): string | undefined {
  const m = uri === undefined ? null : /[?&]username=([^&#]*)/.exec(uri);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1].replace(/\+/g, ' '));
  } catch {
    return m[1];
  }
}

function authorOf(event: DcAuditEvent, shape: DcRecordShape): AuditRecordAuthor {
  const { author } = event;
  const id = (text: string): string | null => (shape.nullText && text === 'null' ? null : text);
  const record: AuditRecordAuthor = { type: 'user', displayName: author.name };
  const username = usernameFrom(author.uri);
  if (username !== undefined && username !== '') record.username = id(username);
  if (author.id !== '' && author.id !== ANONYMOUS_ID) {
    record.userKey = id(author.id);
    if (shape.keyIsAccountId) record.accountId = author.id;
  }
  return record;
}

function extraText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

type Keep = (name: string, value: string | undefined) => void;

/** Every field of the event, in the API's order. */
function everyField(event: DcAuditEvent, keep: Keep): void {
  keep('Timestamp', event.timestampText);
  keep('Author id', event.author.id);
  keep('Author type', event.author.type);
  keep('Author URI', event.author.uri);
  keep('Author avatar URI', event.author.avatarUri);
  keep('Category', event.category);
  keep('Category key', event.categoryI18nKey);
  keep('Action', event.action);
  keep('Action key', event.actionI18nKey);
  keep('Area', event.area);
  keep('Level', event.level);
  event.affectedObjects.forEach((o, i) => {
    keep(`Object ${i + 1}`, `${o.type}: ${o.name}`);
    keep(`Object ${i + 1} id`, o.id);
    keep(`Object ${i + 1} URI`, o.uri);
  });
  for (const v of event.changedValues) keep(`Changed ${v.key}`, `${v.from ?? '(empty)'} → ${v.to ?? '(empty)'}`);
  keep('Source IP', event.source);
  keep('System', event.system);
  keep('Method', event.method);
  for (const a of event.extraAttributes) keep(a.name === '' ? 'Attribute' : a.name, a.value);
  for (const [name, value] of Object.entries(event.extra)) keep(name, extraText(value));
}

/** The fields the record model has no place for (a file's events: method, system, area, level, ids, attributes). */
function unmodelledFields(event: DcAuditEvent, keep: Keep): void {
  keep('Author type', event.author.type);
  keep('Author id', event.author.id);
  event.affectedObjects.forEach((o, i) => {
    keep(`Object ${i + 1} id`, o.id);
    keep(`Object ${i + 1} URI`, o.uri);
  });
  keep('Method', event.method);
  keep('System', event.system);
  keep('Area', event.area);
  keep('Level', event.level);
  keep('Action key', event.actionI18nKey);
  keep('Category key', event.categoryI18nKey);
  keep('Version', typeof event.extra.version === 'string' ? event.extra.version : undefined);
  for (const a of event.extraAttributes) keep(a.name, a.value);
}

/**
 * The record an event makes. `creationDate` is the event's time unless the caller kept its own (the offline
 * table keeps each row's time apart, exactly as it was read).
 */
export function dcEventRecord(event: DcAuditEvent, shape: DcRecordShape = SITE_EVENT, creationDate: number = event.time): SourcedRecord {
  const fields: SourceField[] = [];
  const keep: Keep = (name, value) => {
    if (value !== undefined && value !== '') fields.push({ name, value });
  };
  if (shape.sourceFields === 'every') everyField(event, keep);
  else unmodelledFields(event, keep);

  const objects: AffectedObject[] = event.affectedObjects.map((o) => ({ name: o.name, objectType: o.type }));
  const record: SourcedRecord = {
    author: authorOf(event, shape),
    remoteAddress: event.source,
    creationDate,
    summary: event.action,
    description: '',
    category: event.category,
    sysAdmin: false,
    affectedObject: objects[0] ?? { name: '', objectType: '' },
    changedValues: event.changedValues.map((v) => ({ name: v.key, oldValue: v.from ?? '', newValue: v.to ?? '' })),
    associatedObjects: objects.slice(1),
  };
  if (fields.length > 0) record.sourceFields = fields;
  return record;
}
