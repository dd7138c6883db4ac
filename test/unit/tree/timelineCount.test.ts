// Counting a window for the timeline through the tree's bucket loads: every page of every bucket, no bucket
// fetched twice (neither one the tree loaded already nor on a second count), the tree's rows then show the
// counts, a bounded number of buckets at a time, failures per bucket, cancel, and a refresh of the tree
// mid-count (counted again, never read as 0 or failed) or after it (stale, counted again on request).
import * as assert from 'node:assert/strict';
import { AuditError } from '../../../src/api/errors';
import type { SourceWindow, WindowPager } from '../../../src/sources/source';
import type { BucketNode, WindowNode } from '../../../src/tree/nodes';
import { TimelineCount } from '../../../src/tree/timelineCount';
import { FakeSource, recordAt, serverError, treeOver } from './fakes';

const AT = (day: number, hour: number): number => Date.UTC(2025, 0, day, hour);
const RECORDS = [
  recordAt(AT(12, 1), { category: 'Security' }),
  recordAt(AT(12, 2), { category: 'Users' }),
  recordAt(AT(12, 3), { category: 'Security' }),
  recordAt(AT(14, 9), { category: 'Security' }),
  recordAt(AT(14, 10), { category: 'Spaces' }),
];

async function windowOf(state: ReturnType<typeof treeOver>['state']): Promise<WindowNode> {
  const [window] = await state.children();
  return window as WindowNode;
}

/** A source that counts pagers open at once. */
class GatedSource extends FakeSource {
  open_ = 0;
  maxOpen = 0;
  override async open() {
    const access = await super.open();
    if (!access.ok) return access;
    const reader = access.reader;
    return {
      ok: true as const,
      reader: {
        pager: (window: SourceWindow, options: { pageSize: number }): WindowPager => {
          const inner = reader.pager(window, options);
          return {
            get done() {
              return inner.done;
            },
            next: async (signal?: AbortSignal) => {
              this.open_ += 1;
              this.maxOpen = Math.max(this.maxOpen, this.open_);
              await new Promise((resolve) => setTimeout(resolve, 1));
              this.open_ -= 1;
              return inner.next(signal);
            },
          };
        },
      },
    };
  }
}

/** A source whose pages take a moment and end as cancelled when aborted, as an HTTP request does. */
class SlowSource extends FakeSource {
  override async open() {
    const access = await super.open();
    if (!access.ok) return access;
    const reader = access.reader;
    return {
      ok: true as const,
      reader: {
        pager: (window: SourceWindow, options: { pageSize: number }): WindowPager => {
          const inner = reader.pager(window, options);
          return {
            get done() {
              return inner.done;
            },
            next: async (signal?: AbortSignal) => {
              await new Promise<void>((resolve, reject) => {
                const timer = setTimeout(resolve, 2);
                signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new AuditError('cancelled', 'The request was cancelled.'))), { once: true });
              });
              return inner.next(signal);
            },
          };
        },
      },
    };
  }
}

describe('tree/timelineCount', () => {
  it('counts every page of every bucket, stacked by category, oldest bar first', async () => {
    const { state } = treeOver([new FakeSource('site-1', RECORDS)]);
    const count = new TimelineCount(state, await windowOf(state));
    assert.equal(count.progress.state, 'idle');
    await count.start();
    const chart = count.chart();
    assert.deepEqual(chart.categories, ['Security', 'Spaces', 'Users']);
    assert.deepEqual(chart.bars.map((b) => [b.total, b.counts, b.state]), [[3, [2, 0, 1], 'counted'], [0, [0, 0, 0], 'counted'], [2, [1, 1, 0], 'counted']]);
    assert.deepEqual(count.progress, { state: 'complete', counted: 3, failed: 0, buckets: 3, stale: false });
  });

  it('loads into the tree: its buckets then show their counts and list every record without fetching again', async () => {
    const site = new FakeSource('site-1', RECORDS);
    const { state } = treeOver([site]);
    const window = await windowOf(state);
    const changed: string[] = [];
    state.onDidChange((node) => node && changed.push(node.id));
    await new TimelineCount(state, window).start();
    const buckets = (await state.children(window)) as BucketNode[];
    assert.deepEqual(buckets.map((b) => state.rows.bucketRow(b).description), ['2 records', '0 records', '3 records']);
    assert.ok(changed.includes(buckets[2].id), 'the row of a counted bucket re-renders');
    const asked = site.asked.length;
    assert.deepEqual((await state.children(buckets[2])).map((n) => n.kind), ['record', 'record', 'record']);
    await new TimelineCount(state, window).start();
    assert.equal(site.asked.length, asked, 'nothing is fetched twice');
  });

  it('does not fetch a bucket the tree loaded completely already', async () => {
    const site = new FakeSource('site-1', RECORDS.slice(3));
    const { state } = treeOver([site]);
    const window = await windowOf(state);
    const [newest] = (await state.children(window)) as BucketNode[];
    await state.children(newest);
    assert.equal(site.asked.length, 1);
    const count = new TimelineCount(state, window);
    assert.equal(count.progress.counted, 1, 'counted before any request');
    await count.start();
    assert.equal(site.asked.length, 3, 'one cursor for each of the two other buckets');
  });

  it('counts what the filters show', async () => {
    const { state, filters } = treeOver([new FakeSource('site-1', RECORDS)]);
    filters.add('categories', 'Security');
    const count = new TimelineCount(state, await windowOf(state));
    await count.start();
    assert.deepEqual(count.chart().bars.map((b) => b.total), [2, 0, 1]);
  });

  it('keeps at most the bound of buckets loading at once', async () => {
    const many = Array.from({ length: 12 }, (_, i) => recordAt(AT(12 + (i % 3), i)));
    const site = new GatedSource('site-1', many);
    const { state } = treeOver([site]);
    await new TimelineCount(state, await windowOf(state), { concurrency: 2 }).start();
    assert.equal(site.maxOpen, 2);
    const wide = new GatedSource('site-2', many);
    const other = treeOver([wide]);
    await new TimelineCount(other.state, await windowOf(other.state), { concurrency: 1 }).start();
    assert.equal(wide.maxOpen, 1);
  });

  it('marks a bucket whose page failed, and counts the others', async () => {
    const site = new FakeSource('site-1', RECORDS);
    site.failures.push(serverError());
    const { state } = treeOver([site]);
    const count = new TimelineCount(state, await windowOf(state), { concurrency: 1 });
    await count.start();
    assert.deepEqual(count.chart().bars.map((b) => b.state), ['counted', 'counted', 'failed']);
    assert.deepEqual(count.progress, { state: 'complete', counted: 2, failed: 1, buckets: 3, stale: false, failure: count.progress.failure });
    assert.ok(count.progress.failure, 'the panel says why');
  });

  it('marks every bucket failed when the source cannot be read, instead of waiting forever', async () => {
    const site = new FakeSource('site-1', RECORDS);
    const { state } = treeOver([site]);
    const window = await windowOf(state);
    site.notices = [{ text: 'Signed out', severity: 'warning' }];
    const count = new TimelineCount(state, window);
    await count.start();
    assert.equal(count.progress.failed, 3);
  });

  it('stops taking pages on cancel; what was not finished stays pending', async () => {
    const site = new FakeSource('site-1', RECORDS);
    const { state } = treeOver([site]);
    const window = await windowOf(state);
    const count: TimelineCount = new TimelineCount(state, window, { concurrency: 1, changed: () => count.cancel() });
    await count.start();
    assert.equal(count.progress.state, 'cancelled');
    assert.deepEqual(count.chart().bars.map((b) => b.state), ['pending', 'pending', 'pending']);
    assert.equal(site.asked.length, 0, 'cancelled before the first page');
  });

  it('counts the buckets again when the tree refreshes mid-count: the final counts equal the records, none read as 0 or failed', async () => {
    const site = new SlowSource('site-1', RECORDS);
    const { state } = treeOver([site]);
    const window = await windowOf(state);
    let refreshes = 0;
    // Refreshes once the first bucket is counted, while the others' pages are in flight (and are cancelled).
    const count: TimelineCount = new TimelineCount(state, window, {
      changed: () => {
        if (refreshes === 0 && count.progress.counted === 1) {
          refreshes += 1;
          state.refresh();
        }
      },
    });
    await count.start();
    assert.equal(refreshes, 1);
    assert.deepEqual(count.progress, { state: 'complete', counted: 3, failed: 0, buckets: 3, stale: false });
    assert.deepEqual(count.chart().bars.map((b) => [b.total, b.state]), [[3, 'counted'], [0, 'counted'], [2, 'counted']]);
    // The counts are in the tree's loads as they are now, not in the ones the refresh dropped.
    const buckets = (await state.children(window)) as BucketNode[];
    assert.deepEqual(buckets.map((b) => state.rows.bucketRow(b).description), ['2 records', '0 records', '3 records']);
  });

  it('counts into the tree\'s new loads when the tree refreshes between opening and starting', async () => {
    const { state } = treeOver([new FakeSource('site-1', RECORDS)]);
    const window = await windowOf(state);
    const count = new TimelineCount(state, window);
    state.refresh();
    await count.start();
    assert.deepEqual(count.progress, { state: 'complete', counted: 3, failed: 0, buckets: 3, stale: false });
    const buckets = (await state.children(window)) as BucketNode[];
    assert.deepEqual(buckets.map((b) => state.rows.bucketRow(b).description), ['2 records', '0 records', '3 records']);
  });

  it('counts a bucket again when only that bucket is refreshed mid-count', async () => {
    const { state } = treeOver([new SlowSource('site-1', RECORDS)]);
    const window = await windowOf(state);
    let refreshed = false;
    // The oldest bucket (3 records, two pages) refreshed after its first page.
    const sub = state.onDidLoad(() => {
      const oldest = count.bucketAt(0);
      if (!refreshed && oldest && state.records.shownRecords(oldest).length === 2) {
        refreshed = true;
        state.refreshNode(oldest);
      }
    });
    const count = new TimelineCount(state, window, { concurrency: 1 });
    await count.start();
    sub.dispose();
    assert.ok(refreshed);
    assert.deepEqual(count.progress, { state: 'complete', counted: 3, failed: 0, buckets: 3, stale: false });
    assert.deepEqual(count.chart().bars.map((b) => b.total), [3, 0, 2]);
  });

  it('keeps its counts after the tree refreshes once counted, says they are stale, and counts again on request', async () => {
    const site = new FakeSource('site-1', RECORDS);
    const { state } = treeOver([site]);
    const window = await windowOf(state);
    const count = new TimelineCount(state, window);
    await count.start();
    state.refresh();
    assert.equal(count.progress.stale, true);
    assert.deepEqual(count.chart().bars.map((b) => b.total), [3, 0, 2], 'the counts made, not the emptied loads');
    const asked = site.asked.length;
    await count.recount();
    assert.ok(site.asked.length > asked, 'counted again from the source');
    assert.deepEqual(count.progress, { state: 'complete', counted: 3, failed: 0, buckets: 3, stale: false });
    assert.deepEqual(count.chart().bars.map((b) => b.total), [3, 0, 2]);
  });

  it('retries a failed bucket on recount, and ignores the refresh of another window', async () => {
    const site = new FakeSource('site-1', RECORDS);
    site.failures.push(serverError());
    const { state } = treeOver([site]);
    const window = await windowOf(state);
    const count = new TimelineCount(state, window, { concurrency: 1 });
    await count.start();
    assert.equal(count.progress.failed, 1);
    state.refreshNode({ ...window, windowId: 'another', id: 'site-1/another' });
    assert.equal(count.progress.stale, false);
    await count.recount();
    assert.deepEqual(count.progress, { state: 'complete', counted: 3, failed: 0, buckets: 3, stale: false });
    assert.deepEqual(count.chart().bars.map((b) => b.total), [3, 0, 2]);
  });

  it('maps a bar back to its bucket', async () => {
    const { state } = treeOver([new FakeSource('site-1', RECORDS)]);
    const count = new TimelineCount(state, await windowOf(state));
    assert.equal(count.bucketAt(0)?.bucket.start, Date.UTC(2025, 0, 12));
    assert.equal(count.bucketAt(2)?.bucket.start, Date.UTC(2025, 0, 14));
    assert.equal(count.bucketAt(3), undefined);
    assert.equal(state.bucketNode('site-1', 'three-days', Date.UTC(2025, 0, 13))?.id, count.bucketAt(1)?.id);
  });
});
