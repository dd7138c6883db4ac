// The timeline of a window as data: record counts per bucket, stacked by category, oldest bucket first (the
// chart puts the newest on the right), and a range of bars turned into the window it covers. Pure: the tree
// counts (tree/timelineCount.ts), the host sends this to the webview, the tests check it in plain Node.
import type { Bucket } from './buckets';
import type { BarState, TimelineBar, TimelineChart } from './timelineChart';
import type { AbsoluteSpec } from './windowSpec';
import type { ZoneSetting } from './timeZone';

export type { BarState, TimelineBar, TimelineChart } from './timelineChart';

/** Categories with their own colour; the rest are summed as "other" (theme palettes have few distinct colours). */
export const MAX_STACKED_CATEGORIES = 6;

/** A bucket as the count knows it: its counts per category once counted. */
export interface CountedBucket {
  bucket: Bucket;
  state: BarState;
  /** Records per category (records loaded so far while counting). */
  byCategory: ReadonlyMap<string, number>;
}

/** Tallies records by category. */
export function countByCategory(records: Iterable<{ category: string }>, matches: (record: { category: string }) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) if (matches(record)) counts.set(record.category, (counts.get(record.category) ?? 0) + 1);
  return counts;
}

/**
 * Stacks buckets given newest first (as the tree lists them) into bars oldest first. The categories with the
 * most records over the whole window get their own colour, ties by name so the order is stable.
 */
export function stackTimeline(buckets: readonly CountedBucket[], maxCategories = MAX_STACKED_CATEGORIES): TimelineChart {
  const totals = new Map<string, number>();
  for (const b of buckets) for (const [category, n] of b.byCategory) totals.set(category, (totals.get(category) ?? 0) + n);
  const categories = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, maxCategories))
    .map(([category]) => category);
  const bars = [...buckets].reverse().map(({ bucket, state, byCategory }): TimelineBar => {
    const counts = categories.map((c) => byCategory.get(c) ?? 0);
    let total = 0;
    for (const n of byCategory.values()) total += n;
    const stacked = counts.reduce((a, b) => a + b, 0);
    return { label: bucket.label, start: bucket.start, end: bucket.end, counts, other: total - stacked, total, state };
  });
  return { categories, bars };
}

/**
 * The window covering bars `from`..`to` (either order, inclusive) of a chart: from the older bar's start to
 * the newer bar's end, in `zone`. Undefined when an index is outside the chart.
 */
export function rangeWindowSpec(bars: readonly Pick<TimelineBar, 'start' | 'end'>[], from: number, to: number, zone: ZoneSetting): AbsoluteSpec | undefined {
  const low = Math.min(from, to);
  const high = Math.max(from, to);
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 0 || high >= bars.length) return undefined;
  return { kind: 'absolute', start: bars[low].start, end: bars[high].end, zone };
}
