// What the rows of windows and buckets say (label, state, menus), as plain data: views/treeItems.ts turns
// rows into TreeItems. Every string from a server is plain text here and there.
import type { AuditRecord } from '../api/types';
import type { Bucket } from '../model/buckets';
import { describeWindow, windowTooltip, type WindowDefinition } from '../model/timeWindow';
import { formatIso, type ZoneSetting } from '../model/timeZone';
import type { SourceRow, WindowNote } from '../sources/source';
import type { BucketLoad } from './bucketLoad';

export interface WindowRow {
  label: string;
  icon: 'calendar' | 'history';
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

export interface RowFilter {
  readonly isEmpty: boolean;
  matches(record: AuditRecord): boolean;
}

/**
 * 'live' lets the menus offer the server's export (package.json); a window of a source without one (a
 * snapshot) is 'offline'.
 */
export function originWord(hasServerExport: boolean): 'live' | 'offline' {
  return hasServerExport ? 'live' : 'offline';
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
  /** `events`: its records can be exported by writing them (no server export); `note`: the source's remark. */
  flags: { custom: boolean; live: boolean; events?: boolean; note?: WindowNote },
): WindowRow {
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
    contextValue: `window${flags.custom ? ' custom' : ''}${search ? ' searched' : ''} ${originWord(flags.live)}${flags.events ? ' events' : ''}`,
  };
}

export function bucketRow(bucket: Bucket, load: BucketLoad | undefined, filters: RowFilter, zone: ZoneSetting, live: boolean): BucketRow {
  const description = load ? countLabel(load, filters) : undefined;
  return {
    label: bucket.label,
    description,
    tooltip: `${formatIso(bucket.start, zone)} → ${formatIso(bucket.end, zone)}`,
    accessibilityLabel: description ? `${bucket.label}, ${description}` : bucket.label,
    contextValue: `bucket ${originWord(live)}`,
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
