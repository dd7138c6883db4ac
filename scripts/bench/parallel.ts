// Windows in parallel: the day buckets of "Last 7 days", each through its own pager with at most
// CONCURRENCY buckets in flight, versus one sequential pager over the whole window; both against a
// simulator that enforces a rate limit (429 + Retry-After beyond it).
import type { AuditClient } from '../../src/api';
import { bucketsFor } from '../../src/model/buckets';
import { resolveWindow } from '../../src/model/timeWindow';
import { mapBounded } from './bounded';
import { benchClient } from './clients';
import { ratio, type FigureResult } from './results';
import { startSimProcess, type SimProcess } from './simProcess';
import { alternate, median } from './stats';

export interface ParallelSettings {
  records: number;
  /** Server latency per request (the simulator's stall-before-headers at rate 1): Confluence is not a localhost. */
  latencyMs: number;
  pageSize: number;
  concurrency: number;
  rateLimit: { requestsPerSecond: number; burst: number };
}

/**
 * The tree's default page size (confluenceAudit.pageSize); a latency of 100 ms per page; a rate limit that
 * one sequential client stays far below and that unbounded parallelism (all 8 buckets) would exceed.
 */
export const PARALLEL_SETTINGS: ParallelSettings = {
  records: 7_000,
  latencyMs: 100,
  pageSize: 100,
  concurrency: 3,
  rateLimit: { requestsPerSecond: 30, burst: 10 },
};

const NOW = Date.UTC(2025, 0, 15, 15, 30, 0);

async function drain(client: AuditClient, startDate: number, endDate: number, pageSize: number): Promise<number> {
  const pager = client.pager({ kind: 'range', startDate, endDate }, { pageSize });
  let n = 0;
  for (;;) {
    const page = await pager.next();
    if (page.length === 0) return n;
    n += page.length;
  }
}

async function rateLimited(sim: SimProcess): Promise<number> {
  return (await sim.faultCounts()).rateLimited ?? 0;
}

export async function parallelFigure(repetitions: number, settings: ParallelSettings = PARALLEL_SETTINGS): Promise<FigureResult> {
  const started = Date.now();
  const sim = await startSimProcess({
    records: settings.records, seed: 21, anchor: NOW, fixedNow: NOW, periodDays: 7, rateLimit: settings.rateLimit, requestLogLimit: 1000,
    faults: settings.latencyMs > 0 ? { rateStallBeforeHeaders: 1, stallMs: settings.latencyMs } : undefined,
  });
  try {
    const range = resolveWindow({ kind: 'preset', id: 'last-7-days' }, NOW, 'utc');
    const buckets = bucketsFor(range, 'day', 'utc');
    const expected = await sim.rangeSize(range.start, range.end);
    const limited = { ours: 0, baseline: 0 };
    const check = (n: number, what: string): void => {
      if (n !== expected) throw new Error(`${what} returned ${n} records, the window holds ${expected}`);
    };
    const ours = async (): Promise<void> => {
      const client = benchClient(sim);
      const before = await rateLimited(sim);
      const counts = await mapBounded(buckets, settings.concurrency, (b) => drain(client, b.start, b.end, settings.pageSize));
      limited.ours += (await rateLimited(sim)) - before;
      await client.close();
      check(counts.reduce((a, b) => a + b, 0), 'the bucket pagers');
    };
    const baseline = async (): Promise<void> => {
      const client = benchClient(sim);
      const before = await rateLimited(sim);
      const n = await drain(client, range.start, range.end, settings.pageSize);
      limited.baseline += (await rateLimited(sim)) - before;
      await client.close();
      check(n, 'the sequential pager');
    };
    // No warm-up: these runs wait on the server's latency, not on the JIT.
    const samples = await alternate(repetitions, ours, baseline);
    // Once without the bound (every bucket at once), to show the bound is what keeps within the limit.
    const client = benchClient(sim);
    const before = await rateLimited(sim);
    await Promise.all(buckets.map((b) => drain(client, b.start, b.end, settings.pageSize)));
    const unbounded = (await rateLimited(sim)) - before;
    await client.close();
    const o = median(samples.ours);
    const b = median(samples.baseline);
    return {
      id: 'parallel',
      seconds: (Date.now() - started) / 1000,
      rows: [{
        figure: `"Last 7 days": ${buckets.length} day buckets ${settings.concurrency} at a time vs one sequential pager`,
        unit: 'ms',
        ours: o,
        baseline: b,
        ratio: ratio(o, b),
        goal: `faster, no 429 (limit ${settings.rateLimit.requestsPerSecond} req/s)`,
        met: o < b && limited.ours === 0,
        samples,
        notes: `${expected.toLocaleString('en')} records, pages of ${settings.pageSize}, ${settings.latencyMs} ms server latency; 429s over ${repetitions} runs: ${limited.ours} bounded, ${limited.baseline} sequential; all ${buckets.length} buckets at once: ${unbounded}`,
      }],
      details: { ...settings, buckets: buckets.length, records: expected, rateLimited: { ...limited, unboundedOnce: unbounded } },
    };
  } finally {
    await sim.stop();
  }
}
