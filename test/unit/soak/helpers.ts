// Shared by the soak and fault tests: a fake clock that notes when each sleep happened, a collector of
// unhandled rejections, snapshots of the process's open handles, and polling for a condition.
import { AuditError, recordKey, type AuditRecord, type Clock } from '../../../src/api';

export interface Sleep {
  ms: number;
  /** How many requests the server had received when the client asked to sleep. */
  afterRequests: number;
}

/** Never waits: records the sleep and moves its own time forward. */
export class RecordingClock implements Clock {
  readonly sleeps: Sleep[] = [];

  constructor(
    private time: number,
    private readonly requestsSoFar: () => number,
  ) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new AuditError('cancelled', 'The request was cancelled.', { retryable: false });
    this.sleeps.push({ ms, afterRequests: this.requestsSoFar() });
    this.time += ms;
  }
}

/** Collects unhandled promise rejections while installed. */
export class RejectionCollector {
  readonly reasons: unknown[] = [];
  private readonly listener = (reason: unknown): void => {
    this.reasons.push(reason);
  };

  install(): void {
    process.on('unhandledRejection', this.listener);
  }

  uninstall(): void {
    process.off('unhandledRejection', this.listener);
  }
}

/** The process's active handles and requests by type, e.g. {TCPSocketWrap: 2, Timeout: 1}. */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** Types of which more are open now than in `baseline`, with how many more. */
export function leakedSince(baseline: Map<string, number>): Record<string, number> {
  const extra: Record<string, number> = {};
  for (const [type, n] of activeResources()) {
    const more = n - (baseline.get(type) ?? 0);
    if (more > 0) extra[type] = more;
  }
  return extra;
}

/** Polls (every 10 ms) until `check` returns true; false once `timeoutMs` passed. */
export async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

export type Multiset = Map<string, number>;

export function multisetOfKeys(records: Iterable<AuditRecord>): Multiset {
  const m: Multiset = new Map();
  for (const r of records) {
    const key = recordKey(r);
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

/** Differences between two multisets, as short sentences (empty when equal). */
export function multisetDifferences(got: Multiset, expected: Multiset, limit = 5): string[] {
  const out: string[] = [];
  for (const [key, n] of expected) {
    const g = got.get(key) ?? 0;
    if (g !== n) out.push(`${key.slice(0, 12)}: returned ${g} times, the window holds it ${n} times`);
  }
  for (const [key, g] of got) if (!expected.has(key)) out.push(`${key.slice(0, 12)}: returned ${g} times, not in the window`);
  return out.slice(0, limit);
}

/** mulberry32: a small seeded PRNG, so "random" test inputs repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
