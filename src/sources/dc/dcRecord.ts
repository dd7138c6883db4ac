// A Data Center advanced auditing event as the record the tree, detail view and exports read: the first
// affected object is the record's affected object, the rest its associated objects, `from`/`to` the old
// and new values. Everything the record model has no place for (author id and type, links, i18n keys,
// method, system, extra attributes, unknown fields) travels as source fields, so nothing the server sent
// is lost on the way to the detail view or an export. Links are text: nothing here follows them.
import type { DcAuditEvent } from '../../api/dc';
import type { AffectedObject, AuditRecordAuthor, ChangedValue } from '../../api/types';
import type { SourceField, SourcedRecord } from '../../model/sourceFields';

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

function authorOf(event: DcAuditEvent): AuditRecordAuthor {
  const { author } = event;
  const record: AuditRecordAuthor = { type: 'user', displayName: author.name };
  const username = usernameFrom(author.uri);
  if (username !== undefined && username !== '') record.username = username;
  if (author.id !== '' && author.id !== ANONYMOUS_ID) {
    record.userKey = author.id;
    // The view's author filter matches account ids; on Data Center the user key is that id (and userIds).
    record.accountId = author.id;
  }
  return record;
}

function extraText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

export function dcEventRecord(event: DcAuditEvent): SourcedRecord {
  const fields: SourceField[] = [];
  const keep = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') fields.push({ name, value });
  };
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

  const objects: AffectedObject[] = event.affectedObjects.map((o) => ({ name: o.name, objectType: o.type }));
  const changedValues: ChangedValue[] = event.changedValues.map((v) => ({ name: v.key, oldValue: v.from ?? '', newValue: v.to ?? '' }));
  const record: SourcedRecord = {
    author: authorOf(event),
    remoteAddress: event.source,
    creationDate: event.time,
    summary: event.action,
    description: '',
    category: event.category,
    sysAdmin: false,
    affectedObject: objects[0] ?? { name: '', objectType: '' },
    changedValues,
    associatedObjects: objects.slice(1),
  };
  if (fields.length > 0) record.sourceFields = fields;
  return record;
}
