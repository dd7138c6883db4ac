// What the rows of windows and buckets say (label, state, menus), as plain data: views/treeItems.ts turns
// rows into TreeItems. Every string from a server is plain text here and there.
import type { Bucket } from '../model/buckets';
import type { FilterKind } from '../model/filters';
import { describeSplit, splitQuery, type Query } from '../model/query';
import { describeWindow, windowTooltip, type WindowDefinition } from '../model/timeWindow';
import { formatIso, type ZoneSetting } from '../model/timeZone';
import type { SourceRow, WindowNote } from '../sources/source';
import type { BucketLoad } from './bucketLoad';
import type { RowFilter } from './windowFilter';

export interface WindowRow {
  label: string;
  icon: 'calendar' | 'history' | 'bookmark';
  description?: string;
  tooltip?: string;
  accessibilityLabel: string;
  contextValue: string;
}

export interface BucketRow {
  label: string;
  description?: string;
  tooltip: string;
  accessibilityLabel: string;
  contextValue: string;
}

/** How a source exports a whole window or bucket, which decides what its rows' menus offer (package.json). */
export interface ExportOffer {
  /** It exports whole windows: by its server, or written from its events. */
  live: boolean;
  /** Written from its events (Data Center advanced auditing): CSV with JSON Lines, never ZIP. */
  events: boolean;
}

/**
 * The context value's words for the export menus: 'live' offers "Export Audit Log as CSV…", and ZIP too
 * unless 'events' follows; a source without whole-window export (a snapshot) is 'offline'.
 */
export function exportWords(offer: ExportOffer): string {
  return `${offer.live ? 'live' : 'offline'}${offer.events ? ' events' : ''}`;
}

export function windowLabel(definition: WindowDefinition, zone: ZoneSetting): string {
  return definition.label ?? describeWindow(definition.spec, zone);
}

/** `range`: the window as resolved (or as it would resolve now); `definition` is gone for a removed window. */
export function windowRow(
  windowId: string,
  definition: WindowDefinition | undefined,
  range: { start: number; end: number } | undefined,
  zone: ZoneSetting,
  /** `offer`: how its source exports it; `note`: the source's remark. */
  flags: { custom: boolean; offer: ExportOffer; note?: WindowNote },
): WindowRow {
  if (definition?.query !== undefined && range) return savedQueryRow(definition, definition.query, range, zone, flags.note);
  const label = definition ? windowLabel(definition, zone) : windowId;
  const search = definition?.searchString;
  const note = flags.note;
  const base = definition && range ? windowTooltip(definition.spec, range, zone) + (search ? `\nServer-side search: ${search}` : '') : undefined;
  const tooltip = base !== undefined && note ? `${base}\n${note.tooltip}` : base;
  const description = [search ? `search: ${search}` : undefined, note?.description].filter((d) => d !== undefined).join(' · ');
  return {
    label,
    icon: definition?.spec.kind === 'absolute' ? 'calendar' : 'history',
    description: description === '' ? undefined : description,
    tooltip,
    accessibilityLabel: search ? `${label}, searching for ${search}` : label,
    contextValue: `window${flags.custom ? ' custom' : ''}${search ? ' searched' : ''} ${exportWords(flags.offer)}`,
  };
}

/**
 * A saved query's window: its name, its window as description, the query and the window's bounds in the
 * tooltip. Its records are the loaded ones that match the query, so the server's export of the whole window
 * is not offered on it (contextValue without 'live'); "Export Shown Records" is.
 */
function savedQueryRow(definition: WindowDefinition, query: string, range: { start: number; end: number }, zone: ZoneSetting, note: WindowNote | undefined): WindowRow {
  const label = windowLabel(definition, zone);
  const window = describeWindow(definition.spec, zone);
  return {
    label,
    icon: 'bookmark',
    description: [window, note?.description].filter((d) => d !== undefined).join(' · '),
    tooltip: [`Saved query "${label}": ${query}`, windowTooltip(definition.spec, range, zone), ...(note ? [note.tooltip] : [])].join('\n'),
    accessibilityLabel: `${label}, saved query ${query}, ${window}`,
    // No 'custom' (Remove Time Window), no server search, no 'live' (the server's export): see above.
    contextValue: 'window saved',
  };
}

export function bucketRow(bucket: Bucket, load: BucketLoad | undefined, filters: RowFilter, zone: ZoneSetting, offer: ExportOffer): BucketRow {
  const description = load ? countLabel(load, filters) : undefined;
  return {
    label: bucket.label,
    description,
    tooltip: `${formatIso(bucket.start, zone)} → ${formatIso(bucket.end, zone)}`,
    accessibilityLabel: description ? `${bucket.label}, ${description}` : bucket.label,
    contextValue: `bucket ${exportWords(offer)}`,
  };
}

/** "12 records", "100+ records", "3 of 100+ shown", "failed"; nothing before the first page is in. */
export function countLabel(load: BucketLoad, filters: RowFilter): string | undefined {
  if (load.status === 'error' && load.records.length === 0) return 'failed';
  if (load.status === 'idle' || (load.status === 'loading' && load.records.length === 0)) return undefined;
  const total = load.records.length;
  const more = load.done ? '' : '+';
  const noun = total === 1 && load.done ? 'record' : 'records';
  if (filters.isEmpty) return `${total}${more} ${noun}`;
  const shown = load.records.filter((r) => filters.matches(r)).length;
  return `${shown} of ${total}${more} shown`;
}

/** The row of a source that is gone (removed while its row was still on screen). */
export function missingSourceRow(sourceId: string): SourceRow {
  return { label: sourceId, icon: 'globe', contextValue: 'site unknown', accessibilityLabel: `Site ${sourceId}` };
}

/**
 * The source's remark on a window, with a line saying which part of the query its server ran and which the
 * view did, and `saved`, the same of a saved query's own query.
 */
export function withQueryNote(note: WindowNote | undefined, query: Query, serverFilters: readonly FilterKind[], saved?: string): WindowNote | undefined {
  const lines = [query.terms.length > 0 ? `Query ${describeSplit(splitQuery(query, serverFilters))} (the view applies all of it to what arrives).` : undefined, saved];
  const added = lines.filter((l): l is string => l !== undefined);
  if (added.length === 0) return note;
  return { tooltip: [...(note ? [note.tooltip] : []), ...added].join('\n'), description: note?.description };
}
