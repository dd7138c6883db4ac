// The windows resolved so far: each one's absolute range ("Last 7 days" pinned to when it was resolved), its
// buckets, the loads of the buckets expanded, and the auto-refresh mark. Dropping a window cancels its loads.
import type { RetryWait } from '../api';
import { bucketsFor, type Bucket, type Granularity } from '../model/buckets';
import type { SourcedRecord } from '../model/sourceFields';
import { resolveWindow, type WindowDefinition } from '../model/timeWindow';
import type { ZoneSetting } from '../model/timeZone';
import type { BucketLoad } from './bucketLoad';

export interface ResolvedWindow {
  range: { start: number; end: number };
  buckets: Bucket[];
  loads: Map<number, BucketLoad>;
  searchString: string | undefined;
  /** Records newer than this were brought in by an auto-refresh and are marked "new". */
  newSince: number | undefined;
}

export interface CachedWindow {
  sourceId: string;
  windowId: string;
  window: ResolvedWindow;
}

export class WindowCache {
  private readonly windows = new Map<string, CachedWindow>();

  get(sourceId: string, windowId: string): ResolvedWindow | undefined {
    return this.windows.get(key(sourceId, windowId))?.window;
  }

  /** The window as resolved before, unless its search string changed; otherwise resolved now. */
  resolve(sourceId: string, definition: WindowDefinition, now: number, zone: ZoneSetting, granularity: Granularity): ResolvedWindow {
    const existing = this.get(sourceId, definition.id);
    if (existing && existing.searchString === definition.searchString) return existing;
    const range = resolveWindow(definition.spec, now, zone);
    const window: ResolvedWindow = {
      range,
      buckets: bucketsFor(range, granularity, zone, { endsNow: definition.spec.kind !== 'absolute' }),
      loads: new Map(),
      searchString: definition.searchString,
      newSince: undefined,
    };
    this.windows.set(key(sourceId, definition.id), { sourceId, windowId: definition.id, window });
    return window;
  }

  /** A copy: dropping or resolving windows while going through it is safe. */
  entries(): CachedWindow[] {
    return [...this.windows.values()];
  }

  /** Forgets the windows that match, cancelling their requests in flight. */
  drop(match: (entry: CachedWindow) => boolean): void {
    for (const [k, entry] of this.windows) {
      if (!match(entry)) continue;
      cancelLoads(entry.window);
      this.windows.delete(k);
    }
  }

  /** Forgets one bucket's load (its next listing starts again from the first page). */
  dropLoad(sourceId: string, windowId: string, bucketStart: number): void {
    const window = this.get(sourceId, windowId);
    window?.loads.get(bucketStart)?.cancel();
    window?.loads.delete(bucketStart);
  }

  /** Every record loaded, window by window. */
  *records(): Iterable<SourcedRecord> {
    for (const { window } of this.windows.values()) for (const load of window.loads.values()) yield* load.records;
  }

  /** Loaded records marked new across windows (for the view badge). */
  countNew(): number {
    let count = 0;
    for (const { window } of this.windows.values()) {
      if (window.newSince === undefined) continue;
      const since = window.newSince;
      for (const load of window.loads.values()) count += load.records.filter((r) => r.creationDate > since).length;
    }
    return count;
  }

  /** Buckets whose request waits to retry, in window and bucket order. */
  waiting(): Array<CachedWindow & { bucket: Bucket; wait: RetryWait }> {
    return this.entries().flatMap((entry) =>
      entry.window.buckets.flatMap((bucket) => {
        const wait = entry.window.loads.get(bucket.start)?.waiting;
        return wait ? [{ ...entry, bucket, wait }] : [];
      }),
    );
  }

  /** Ends the wait to retry of every bucket, or of one: their requests end as cancelled. */
  cancelWaits(only?: { sourceId: string; windowId: string; bucketStart: number }): void {
    for (const { sourceId, windowId, window } of this.windows.values()) {
      for (const [start, load] of window.loads) {
        if (!load.waiting) continue;
        if (only && (sourceId !== only.sourceId || windowId !== only.windowId || start !== only.bucketStart)) continue;
        load.cancel();
      }
    }
  }
}

function key(sourceId: string, windowId: string): string {
  return `${sourceId}/${windowId}`;
}

export function cancelLoads(window: ResolvedWindow): void {
  for (const load of window.loads.values()) load.cancel();
}
