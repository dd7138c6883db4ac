// Turns an AuditRecord into the detail webview's view model. Pure (no 'vscode'), so it is unit-tested.
// Values are passed verbatim: the webview inserts them as text, so nothing here escapes or trims them,
// except that hidden values become a marker and absent optional fields stay absent.
import type { AuditRecord, AuditRecordAuthor, ChangedValue } from '../api/types';
import { informativePublicName, isHiddenValue, isLikelyBlankDraftCleanup, isSystemAuthor, recordLabel } from '../model/recordView';
import type { SourceFieldsOrigin, SourcedRecord } from '../model/sourceFields';
import { formatIso, isUtcZone, zoneLabel, type ZoneSetting } from '../model/timeZone';
import type { AuthorView, ChangedValueView, ObjectView, RecordView, ValueView } from '../shared/protocol';

/** A value longer than this, or with a line break, is offered in VS Code's diff editor. */
export const COMPARE_THRESHOLD = 200;

export const NOTES = {
  blankDraftCleanup:
    'A page deletion by System or an anonymous author, with no page title, is usually Confluence cleaning up ' +
    'abandoned blank drafts automatically, not a person deleting a page.',
  trashOrPurge:
    'The audit log does not say whether a deleted page went to the trash or was purged. A later ' +
    '"purged from trash" record for the same page means it is gone for good.',
} as const;

const CONTENT_DELETION = /\bdelet/i;
const CONTENT_TYPE = /\b(page|blog|draft|comment|attachment|content|whiteboard|database)/i;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function optionalFlag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function valueView(cv: ChangedValue, which: 'old' | 'new'): ValueView {
  if (isHiddenValue(cv, which)) return { kind: 'hidden' };
  const value = text(which === 'old' ? cv.oldValue : cv.newValue);
  return value === '' ? { kind: 'empty' } : { kind: 'text', text: value };
}

function isLong(v: ValueView): boolean {
  return v.kind === 'text' && (v.text.length > COMPARE_THRESHOLD || /[\r\n]/.test(v.text));
}

function changedValueView(cv: ChangedValue): ChangedValueView {
  const oldValue = valueView(cv, 'old');
  const newValue = valueView(cv, 'new');
  return { name: text(cv.name), oldValue, newValue, comparable: isLong(oldValue) || isLong(newValue) };
}

function authorView(author: AuditRecordAuthor | undefined): AuthorView {
  if (!author) return { system: false, label: 'Unknown author', displayName: '', type: '' };
  const system = isSystemAuthor(author);
  const displayName = text(author.displayName);
  // "Unknown user" (sent for everyone by real Cloud) and a copy of the display name say nothing.
  const publicName = informativePublicName(author);
  const view: AuthorView = {
    system,
    label: system ? 'System' : displayName || publicName || 'Unknown author',
    displayName,
    type: text(author.type),
  };
  const accountId = optionalText(author.accountId);
  const username = optionalText(author.username);
  const optional: [keyof AuthorView, string | undefined][] = [
    ['publicName', optionalText(publicName)],
    ['accountId', accountId],
    ['accountType', optionalText(author.accountType)],
    // Real Cloud repeats the account id as the username.
    ['username', username === accountId ? undefined : username],
    ['userKey', optionalText(author.userKey)],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(view, { [key]: value });
  const guest = optionalFlag(author.isGuest);
  if (guest !== undefined) view.isGuest = guest;
  // Confluence has sent both spellings; either one set means external.
  const external = optionalFlag(author.isExternalCollaborator) ?? optionalFlag(author.externalCollaborator);
  if (external !== undefined) view.isExternalCollaborator = external;
  return view;
}

function objectView(o: { name?: unknown; objectType?: unknown } | undefined): ObjectView {
  return { name: text(o?.name), objectType: text(o?.objectType) };
}

export function recordNotes(r: AuditRecord): string[] {
  const notes: string[] = [];
  if (isLikelyBlankDraftCleanup(r)) notes.push(NOTES.blankDraftCleanup);
  const summary = text(r.summary);
  const isContentDeletion =
    CONTENT_DELETION.test(summary) && (CONTENT_TYPE.test(text(r.affectedObject?.objectType)) || CONTENT_TYPE.test(summary));
  if (isContentDeletion) notes.push(NOTES.trashOrPurge);
  return notes;
}

/** `fieldsFrom`: what the record was read from (its source's origin), named above its source fields. */
export function buildRecordView(r: AuditRecord, siteLabel: string, zone: ZoneSetting, fieldsFrom: SourceFieldsOrigin): RecordView {
  const author = authorView(r.author);
  const affectedObject = objectView(r.affectedObject);
  const remoteAddress = text(r.remoteAddress);
  // 'local' on a machine set to UTC is UTC: format it as such, so the page does not show a second
  // "Time (UTC)" line that differs only in writing +00:00 for Z.
  const shownZone: ZoneSetting = isUtcZone(zoneLabel(zone)) ? 'utc' : zone;
  const view: RecordView = {
    siteLabel,
    title: recordLabel(r),
    time: {
      epochMs: r.creationDate,
      zoned: formatIso(r.creationDate, shownZone),
      zoneLabel: zoneLabel(shownZone),
      utc: formatIso(r.creationDate, 'utc'),
    },
    summary: text(r.summary),
    category: text(r.category),
    description: text(r.description),
    author,
    remoteAddress,
    sysAdmin: r.sysAdmin === true,
    affectedObject,
    associatedObjects: Array.isArray(r.associatedObjects) ? r.associatedObjects.map(objectView) : [],
    changedValues: Array.isArray(r.changedValues) ? r.changedValues.map(changedValueView) : [],
    notes: recordNotes(r),
    pivots: {
      author: authorFilterValue(r) !== undefined,
      remoteAddress: remoteAddress.trim() !== '',
      affectedObject: affectedObject.name.trim() !== '',
      around: Number.isFinite(r.creationDate),
    },
  };
  const superAdmin = optionalFlag(r.superAdmin);
  if (superAdmin !== undefined) view.superAdmin = superAdmin;
  const { sourceFields } = r as SourcedRecord;
  if (sourceFields !== undefined && sourceFields.length > 0) view.sourceFields = { from: fieldsFrom, fields: sourceFields.map((f) => ({ name: text(f.name), value: text(f.value) })) };
  return view;
}

/**
 * The value "filter by this author" uses. The tree's author filter matches display name, public name, account
 * id or username; the account id (then the username) is preferred because anyone can pick a display name.
 */
export function authorFilterValue(r: AuditRecord): string | undefined {
  const a = r.author;
  if (!a) return undefined;
  if (isSystemAuthor(a)) return 'System';
  for (const candidate of [a.accountId, a.username, a.displayName, a.publicName]) {
    const value = text(candidate).trim();
    if (value !== '') return value;
  }
  return undefined;
}
