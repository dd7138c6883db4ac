// Moves an offline source's records forward in time by a fixed offset: queries are moved back before they reach
// the source and records forward on the way out, so windows, buckets, filters and the detail all agree.
// The shipped sample audit log is dated when it was generated; shifted, it reads like a live site's recent days.
import { pinWindow, type PinnedWindow, type RecordPager, type RecordQuery } from '../api';
import type { AuditRecord } from '../api/types';
import type { RecordSource } from '../sources/snapshot/snapshotSource';

const MINUTE_MS = 60_000;

/** The offset that moves `newest` to the start of the minute holding `now` (whole minutes keep times readable). */
export function offsetToNow(newest: number, now: number): number {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS - newest;
}

export function shiftedSource(source: RecordSource, offsetMs: number, now: () => number = Date.now): RecordSource {
  return { pager: (query, options) => new ShiftedPager(source, query, offsetMs, options, now()) };
}

class ShiftedPager implements RecordPager {
  /** The window as asked for, in shifted time (a "since" query is pinned to the real clock). */
  readonly window: PinnedWindow;
  private readonly inner: RecordPager;

  constructor(source: RecordSource, query: RecordQuery, private readonly offsetMs: number, options: { pageSize?: number } | undefined, now: number) {
    this.window = pinWindow(query, now);
    // Epoch milliseconds cannot be negative: a window reaching before the source's time 0 starts there.
    const back = (t: number): number => Math.max(0, t - offsetMs);
    const { startDate, endDate, searchString } = this.window;
    this.inner = source.pager({ kind: 'range', startDate: back(startDate), endDate: back(endDate), searchString }, options);
  }

  get done(): boolean {
    return this.inner.done;
  }

  get pageSize(): number {
    return this.inner.pageSize;
  }

  async next(signal?: AbortSignal): Promise<AuditRecord[]> {
    const page = await this.inner.next(signal);
    return page.map((record) => ({ ...record, creationDate: record.creationDate + this.offsetMs }));
  }
}
