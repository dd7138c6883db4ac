// Plain-text presentation of one audit record for tree items, tooltips and screen readers. Every string from
// the server is hostile: single-line values go through singleLine, and nothing here is markdown or HTML.
import type { AuditRecord, AuditRecordAuthor, ChangedValue } from '../api/types';
import { singleLine } from './safeText';
import { formatIso, isUtcZone, toWallMs, zoneLabel, type ZoneSetting } from './timeZone';
import { MONTH_NAMES, pad2, wallFields } from './wallCalendar';

export { categoryIconId } from './categoryIcon';

const LABEL_LENGTH = 120;
const NAME_LENGTH = 80;
const TOOLTIP_VALUE_LENGTH = 300;
const DESCRIPTION_LENGTH = 600;

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Confluence writes system events with displayName 'System' and no account. Display names are chosen by
 * users, so a real account named 'System' (it has an account id or username) is not taken for the system.
 */
export function isSystemAuthor(author: AuditRecordAuthor | undefined): boolean {
  if (!author) return false;
  return str(author.displayName) === 'System' && !str(author.accountId) && !str(author.username) && !str(author.userKey);
}

/**
 * Real Cloud sends publicName "Unknown user" for every author, real people included: it names nobody, so it
 * is never shown (nor used as a name).
 */
const PLACEHOLDER_PUBLIC_NAMES: ReadonlySet<string> = new Set(['unknown user']);

/** The public name when it says something the display name does not, else ''. */
export function informativePublicName(author: AuditRecordAuthor): string {
  const publicName = str(author.publicName);
  if (publicName === '' || PLACEHOLDER_PUBLIC_NAMES.has(publicName.toLowerCase()) || publicName === str(author.displayName)) return '';
  return publicName;
}

/** 'System', 'Alice Smith', or 'Alice Smith (alice)' when the public name differs from the display name. */
export function authorLabel(author: AuditRecordAuthor | undefined): string {
  if (!author) return 'Unknown author';
  if (isSystemAuthor(author)) return 'System';
  const display = str(author.displayName);
  const publicName = informativePublicName(author);
  const label =
    display && publicName && publicName !== display
      ? `${display} (${publicName})`
      : display || publicName || str(author.username) || str(author.accountId) || 'Unknown author';
  // A person named 'System' must not pass for the system in a list of records.
  if (label.toLowerCase() === 'system') return 'System (user account)';
  return singleLine(label, NAME_LENGTH);
}

/** The record's summary (Confluence's "Change" column) on one line, or '(no summary)'. */
export function recordLabel(r: AuditRecord): string {
  const summary = str(r.summary);
  return summary ? singleLine(summary, LABEL_LENGTH) : '(no summary)';
}

/** 'alice · 2026-11-25T14:03:22.123Z' */
export function recordDescription(r: AuditRecord, zone: ZoneSetting): string {
  return `${authorLabel(r.author)} · ${formatIso(r.creationDate, zone)}`;
}

function or(value: string, fallback: string, max = TOOLTIP_VALUE_LENGTH): string {
  return value ? singleLine(value, max) : fallback;
}

function authorLine(author: AuditRecordAuthor | undefined): string {
  const ids: string[] = [];
  if (author && !isSystemAuthor(author)) {
    if (str(author.accountId)) ids.push(`account ${singleLine(str(author.accountId), NAME_LENGTH)}`);
    // Real Cloud repeats the account id as the username: one mention is enough.
    if (str(author.username) && str(author.username) !== str(author.accountId)) ids.push(`username ${singleLine(str(author.username), NAME_LENGTH)}`);
  }
  return ids.length ? `${authorLabel(author)} (${ids.join(', ')})` : authorLabel(author);
}

function affectedObjectText(r: AuditRecord): string {
  const name = str(r.affectedObject?.name);
  const type = str(r.affectedObject?.objectType);
  if (!name && !type) return '';
  if (!type) return singleLine(name, TOOLTIP_VALUE_LENGTH);
  return `${singleLine(name || '(no name)', TOOLTIP_VALUE_LENGTH)} (${singleLine(type, NAME_LENGTH)})`;
}

function changedValuesText(r: AuditRecord): string {
  const list = Array.isArray(r.changedValues) ? r.changedValues : [];
  const hidden = list.filter((cv) => isHiddenValue(cv, 'old') || isHiddenValue(cv, 'new')).length;
  return hidden ? `${list.length} (${hidden} with hidden values)` : String(list.length);
}

/**
 * Multi-line plain text. Each value is flattened to one line, so a hostile description cannot add a line
 * that looks like another field.
 */
export function recordTooltip(r: AuditRecord, zone: ZoneSetting): string {
  const lines = [
    `Change: ${or(str(r.summary), '(no summary)')}`,
    `Event type: ${or(str(r.category), '(none)')}`,
  ];
  if (str(r.description)) lines.push(`Description: ${singleLine(str(r.description), DESCRIPTION_LENGTH)}`);
  lines.push(`Author: ${authorLine(r.author)}`);
  lines.push(`Time: ${formatIso(r.creationDate, zone)} (${zoneLabel(zone)})`);
  if (!isUtcZone(zone)) lines.push(`Time (UTC): ${formatIso(r.creationDate, 'utc')}`);
  lines.push(`Remote address: ${or(str(r.remoteAddress), '(none)')}`);
  lines.push(`Affected object: ${affectedObjectText(r) || '(none)'}`);
  lines.push(`Changed values: ${changedValuesText(r)}`);
  const associated = Array.isArray(r.associatedObjects) ? r.associatedObjects.length : 0;
  if (associated > 0) lines.push(`Associated objects: ${associated}`);
  return lines.join('\n');
}

/** 'Space permission added by alice at 14:03 on 25 November 2026 UTC, from 10.1.2.3, affecting Space Engineering' */
export function recordAccessibilityLabel(r: AuditRecord, zone: ZoneSetting): string {
  const summary = str(r.summary);
  let text = summary ? singleLine(summary, LABEL_LENGTH) : 'Audit record with no summary';
  text += ` by ${authorLabel(r.author)}`;
  const wall = toWallMs(r.creationDate, zone);
  if (Number.isFinite(wall)) {
    const f = wallFields(wall);
    text += ` at ${pad2(f.hour)}:${pad2(f.minute)} on ${f.day} ${MONTH_NAMES[f.month - 1]} ${f.year} ${zoneLabel(zone)}`;
  }
  if (str(r.remoteAddress)) text += `, from ${singleLine(str(r.remoteAddress), NAME_LENGTH)}`;
  const name = str(r.affectedObject?.name);
  if (name) {
    const type = str(r.affectedObject?.objectType);
    text += `, affecting ${type ? `${singleLine(type, NAME_LENGTH)} ` : ''}${singleLine(name, NAME_LENGTH)}`;
  }
  return text;
}

/**
 * Whether the server redacted the old or new value. Real Cloud sends hiddenOldValue/hiddenNewValue "" on every
 * value, visible ones included: only a marker that holds something means the value is hidden.
 */
export function isHiddenValue(cv: ChangedValue, which: 'old' | 'new'): boolean {
  const marker = which === 'old' ? cv.hiddenOldValue : cv.hiddenNewValue;
  return typeof marker === 'string' && marker !== '';
}

/** The value as a person should read it: hidden values say so, instead of looking empty. */
export function changedValueText(cv: ChangedValue, which: 'old' | 'new'): string {
  if (isHiddenValue(cv, which)) return '(hidden by Confluence)';
  const value = which === 'old' ? cv.oldValue : cv.newValue;
  return typeof value === 'string' && value !== '' ? value : '(empty)';
}

const DELETION = /\b(delet|remov|trash|purg)/i;
const PAGE_LIKE = /\b(page|blog|draft)/i;

/**
 * Confluence cleans up abandoned blank drafts itself: the log shows a page deletion by System (or an anonymous
 * author) with an empty title. Such records look alarming but are routine; the detail view explains them.
 * A heuristic: the wording of these records is not documented.
 */
export function isLikelyBlankDraftCleanup(r: AuditRecord): boolean {
  const author = r.author;
  const anonymous = !author || (!str(author.accountId) && !str(author.username) && !str(author.userKey) && ['', 'system', 'anonymous'].includes(str(author.displayName).toLowerCase()));
  if (!anonymous) return false;
  if (!DELETION.test(str(r.summary))) return false;
  const pageLike = PAGE_LIKE.test(str(r.affectedObject?.objectType)) || PAGE_LIKE.test(str(r.summary)) || PAGE_LIKE.test(str(r.category));
  return pageLike && str(r.affectedObject?.name) === '';
}
