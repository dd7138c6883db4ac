// Timeline: counting "Last 30 days" over 100,000 records the way the timeline panel does (the tree state's
// bucket loads, through the source seam, TIMELINE_CONCURRENCY buckets at a time, counts stacked by
// category) versus the bare parallel fetch of the same pages (the same client, buckets, page size and
// bound, records counted and dropped); both against one simulator process, alternating in the same run.
import { AuditClient } from '../../src/api';
import { bucketsFor } from '../../src/model/buckets';
import { Emitter } from '../../src/model/emitter';
import { resolveWindow, type WindowDefinition } from '../../src/model/timeWindow';
import type { AuditSource } from '../../src/sources/source';
import { FilterState } from '../../src/tree/filters';
import type { WindowNode } from '../../src/tree/nodes';
import { TimelineCount, TIMELINE_CONCURRENCY } from '../../src/tree/timelineCount';
import { TreeState } from '../../src/tree/treeState';
import { WindowStore } from '../../src/tree/windowStore';
import type { KeyValueState } from '../../src/tree/storage';
import { mapBounded } from './bounded';
import { benchClient } from './clients';
import { ratio, type FigureResult } from './results';
import { startSimProcess } from './simProcess';
import { alternate, median } from './stats';

const RECORDS = 100_000;
/** The tree's default page size (confluenceAudit.pageSize). */
const PAGE_SIZE = 100;
const GOAL = 1.2;
const NOW = Date.UTC(2025, 0, 31, 15, 30, 0);
const WINDOW: WindowDefinition = { id: 'last-30-days', spec: { kind: 'preset', id: 'last-30-days' } };

class MemoryState implements KeyValueState {
  private readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

/** A configured site as the tree sees it, reading through `client`. */
function siteSource(client: AuditClient): AuditSource {
  return {
    id: 'bench-site',
    kind: 'cloud',
    lifetime: 'configured',
    label: 'Bench',
    origin: { url: 'http://bench', label: 'Bench', recordSite: 'Bench' },
    windows: [WINDOW],
    capabilities: { search: true, serverFilters: [] },
    row: () => ({ label: 'Bench', icon: 'globe', contextValue: 'site' }),
    open: async () => ({ ok: true, reader: client }),
  };
}

/** The timeline's count over a fresh tree state; returns the records counted. */
async function timeline(client: AuditClient): Promise<{ records: number; buckets: number }> {
  const source = siteSource(client);
  const tree = new TreeState({
    sources: { list: () => [source], get: (id) => (id === source.id ? source : undefined), onDidChange: new Emitter<never>().event },
    windows: new WindowStore(new MemoryState()),
    filters: new FilterState(new MemoryState()),
    settings: () => ({ zone: 'utc', pageSize: PAGE_SIZE, granularity: 'auto' }),
    log: () => undefined,
    now: () => NOW,
  });
  const node: WindowNode = { kind: 'window', id: 'site:bench-site/window:last-30-days', siteId: source.id, windowId: WINDOW.id };
  const count = new TimelineCount(tree, node);
  await count.start();
  const bars = count.chart().bars;
  if (count.progress.counted !== bars.length) throw new Error(`only ${count.progress.counted} of ${bars.length} buckets counted`);
  const records = bars.reduce((n, b) => n + b.total, 0);
  tree.dispose();
  return { records, buckets: bars.length };
}

/** The same pages with nothing around them: a pager per bucket, the same bound, records counted and dropped. */
async function bare(client: AuditClient, buckets: ReadonlyArray<{ start: number; end: number }>): Promise<number> {
  const counts = await mapBounded(buckets, TIMELINE_CONCURRENCY, async (b) => {
    const pager = client.pager({ kind: 'range', startDate: b.start, endDate: b.end }, { pageSize: PAGE_SIZE });
    let n = 0;
    for (let page = await pager.next(); page.length > 0; page = await pager.next()) n += page.length;
    return n;
  });
  return counts.reduce((a, b) => a + b, 0);
}

export async function timelineFigure(repetitions: number): Promise<FigureResult> {
  const started = Date.now();
  const sim = await startSimProcess({ records: RECORDS, seed: 41, anchor: NOW, fixedNow: NOW, periodDays: 30 });
  try {
    const range = resolveWindow(WINDOW.spec, NOW, 'utc');
    const expected = await sim.rangeSize(range.start, range.end);
    // A first count warms the JIT and checks the result.
    const client = benchClient(sim);
    const warm = await timeline(client);
    if (warm.records !== expected) throw new Error(`the timeline counted ${warm.records}, the window holds ${expected}`);
    // The buckets the tree makes for this window (tree/windowCache.ts).
    const buckets = bucketsFor(range, 'auto', 'utc', { endsNow: true });
    if (buckets.length !== warm.buckets) throw new Error(`${buckets.length} buckets here, ${warm.buckets} in the tree`);
    const check = (n: number, what: string): void => {
      if (n !== expected) throw new Error(`${what} gave ${n} records, the window holds ${expected}`);
    };
    const samples = await alternate(
      repetitions,
      async () => check((await timeline(client)).records, 'the timeline'),
      async () => check(await bare(client, buckets), 'the bare fetch'),
    );
    await client.close();
    const o = median(samples.ours);
    const b = median(samples.baseline);
    return {
      id: 'timeline',
      seconds: (Date.now() - started) / 1000,
      rows: [{
        figure: `Timeline of "Last 30 days" (${expected.toLocaleString('en')} records, ${warm.buckets} buckets) vs the bare parallel fetch of the same pages`,
        unit: 'ms',
        ours: o,
        baseline: b,
        ratio: ratio(o, b),
        goal: `≤ ${GOAL}×`,
        met: o <= GOAL * b,
        samples,
        notes: `pages of ${PAGE_SIZE}, ${TIMELINE_CONCURRENCY} buckets at a time, no added latency (the overhead shows most on localhost)`,
      }],
      details: { records: expected, buckets: warm.buckets, pageSize: PAGE_SIZE, concurrency: TIMELINE_CONCURRENCY },
    };
  } finally {
    await sim.stop();
  }
}
