// Fault injection: seeded random faults by rate, plus a queue of one-shot faults for the very next
// matching request. Decisions depend only on the seed and the order of matching requests.
import { Prng, hash32 } from './prng';

export interface FaultConfig {
  seed?: number;
  /** Substrings of the request path the faults apply to; default all audit paths. */
  paths?: string[];
  /** Probability 0..1 of a 429; `retryAfter` is its Retry-After value (default '1', '' sends none). */
  rate429?: number;
  retryAfter?: string;
  rate503?: number;
  rate500?: number;
  /** Destroy the socket before responding. */
  rateReset?: number;
  rateStallBeforeHeaders?: number;
  /** Length of both kinds of stall (default 2000 ms). */
  stallMs?: number;
  rateStallMidBody?: number;
  /** Promise a Content-Length, send half of it, destroy the socket. */
  rateTruncate?: number;
  /** Every N matching requests insert K records (default 1) at the head, dated now. */
  insertEvery?: number;
  insertCount?: number;
  /** Cap `limit` below maxPageSize. */
  pageCap?: number;
}

export type OneShotFault =
  | { kind: '429'; retryAfter?: string }
  | { kind: '503'; retryAfter?: string }
  | { kind: '500' }
  | { kind: 'reset' }
  | { kind: 'stallBeforeHeaders'; ms: number }
  | { kind: 'stallMidBody'; ms: number }
  | { kind: 'truncate' }
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> };

export interface FaultController {
  /** Replaces the random fault configuration (and restarts its PRNG and insert counter). */
  set(c: FaultConfig): void;
  /** Removes the configuration and any queued one-shot faults; counts are kept. */
  clear(): void;
  /** Queues a fault for the very next request whose path matches. */
  once(fault: OneShotFault): void;
  /** How many of each fault were injected: '429', '503', '500', 'reset', 'stallBeforeHeaders',
   * 'stallMidBody', 'truncate', 'status', 'insert' (events) and 'insertedRecords'; the rate
   * limiter adds 'rateLimited'. */
  readonly counts: Record<string, number>;
}

/** A response the fault replaces the real one with. */
export interface FaultResponse {
  kind: '429' | '503' | '500' | 'status';
  status: number;
  retryAfter?: string;
  body?: string;
  headers?: Record<string, string>;
}

export type MidBodyFault = { kind: 'stall'; ms: number } | { kind: 'truncate' };

/** What to do to one request. */
export interface FaultPlan {
  reset?: boolean;
  respond?: FaultResponse;
  stallBeforeMs?: number;
  midBody?: MidBodyFault;
  insertCount?: number;
}

export const DEFAULT_FAULT_PATHS = ['/rest/api/audit', '/rest/auditing/'];
const DEFAULT_STALL_MS = 2000;

export class Faults implements FaultController {
  readonly counts: Record<string, number> = {};
  private config: FaultConfig = {};
  private rng = new Prng(hash32(1, 0xfa17));
  private matching = 0;
  private readonly queue: OneShotFault[] = [];

  constructor(initial?: FaultConfig) {
    if (initial) {
      this.set(initial);
    }
  }

  set(c: FaultConfig): void {
    this.config = { ...c };
    this.rng = new Prng(hash32(c.seed ?? 1, 0xfa17));
    this.matching = 0;
  }

  clear(): void {
    this.config = {};
    this.queue.length = 0;
    this.matching = 0;
  }

  once(fault: OneShotFault): void {
    this.queue.push(fault);
  }

  /** The page-size cap in force, if any. */
  get pageCap(): number | undefined {
    return this.config.pageCap;
  }

  count(kind: string, by = 1): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + by;
  }

  /** Decides the faults for one request; an empty plan when the path does not match. */
  plan(path: string): FaultPlan {
    const paths = this.config.paths ?? DEFAULT_FAULT_PATHS;
    if (!paths.some((p) => path.includes(p))) {
      return {};
    }
    this.matching++;
    const plan: FaultPlan = {};
    const every = this.config.insertEvery ?? 0;
    if (every > 0 && this.matching % every === 0) {
      plan.insertCount = this.config.insertCount ?? 1;
      this.count('insert');
      this.count('insertedRecords', plan.insertCount);
    }
    const queued = this.queue.shift();
    if (queued) {
      this.applyOneShot(plan, queued);
    } else {
      this.applyRandom(plan);
    }
    return plan;
  }

  private applyOneShot(plan: FaultPlan, fault: OneShotFault): void {
    this.count(fault.kind);
    switch (fault.kind) {
      case '429':
        plan.respond = { kind: '429', status: 429, retryAfter: fault.retryAfter ?? '1' };
        return;
      case '503':
        plan.respond = { kind: '503', status: 503, retryAfter: fault.retryAfter ?? '1' };
        return;
      case '500':
        plan.respond = { kind: '500', status: 500 };
        return;
      case 'status':
        plan.respond = { kind: 'status', status: fault.status, body: fault.body, headers: fault.headers };
        return;
      case 'reset':
        plan.reset = true;
        return;
      case 'stallBeforeHeaders':
        plan.stallBeforeMs = fault.ms;
        return;
      case 'stallMidBody':
        plan.midBody = { kind: 'stall', ms: fault.ms };
        return;
      case 'truncate':
        plan.midBody = { kind: 'truncate' };
        return;
    }
  }

  /** Draws the same seven numbers for every matching request, so one rate does not shift another. */
  private applyRandom(plan: FaultPlan): void {
    const c = this.config;
    const [reset, r429, r503, r500, stallBefore, stallMid, truncate] = Array.from({ length: 7 }, () => this.rng.next()) as [
      number, number, number, number, number, number, number,
    ];
    const stallMs = c.stallMs ?? DEFAULT_STALL_MS;
    const retryAfter = c.retryAfter ?? '1';
    if (reset < (c.rateReset ?? 0)) {
      plan.reset = true;
      this.count('reset');
      return;
    }
    if (r429 < (c.rate429 ?? 0)) {
      plan.respond = { kind: '429', status: 429, retryAfter };
    } else if (r503 < (c.rate503 ?? 0)) {
      plan.respond = { kind: '503', status: 503, retryAfter };
    } else if (r500 < (c.rate500 ?? 0)) {
      plan.respond = { kind: '500', status: 500 };
    }
    if (plan.respond) {
      this.count(plan.respond.kind);
    }
    if (stallBefore < (c.rateStallBeforeHeaders ?? 0)) {
      plan.stallBeforeMs = stallMs;
      this.count('stallBeforeHeaders');
    }
    if (plan.respond) {
      return;
    }
    if (truncate < (c.rateTruncate ?? 0)) {
      plan.midBody = { kind: 'truncate' };
      this.count('truncate');
    } else if (stallMid < (c.rateStallMidBody ?? 0)) {
      plan.midBody = { kind: 'stall', ms: stallMs };
      this.count('stallMidBody');
    }
  }
}
