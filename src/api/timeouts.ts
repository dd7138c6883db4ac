// Timeouts per phase. connectMs is applied by the dispatcher (createDispatcher), headersMs and bodyMs
// per request by undici: headersMs until the response head arrives, bodyMs between two body chunks.
// A body trickled one byte at a time never trips bodyMs, so every request also has an overall deadline
// (totalMs, head and body together), and an export, which may rightly take long, a stall limit instead:
// at least stallMinBytes in every stallMs.

export interface TimeoutOptions {
  connectMs?: number;
  headersMs?: number;
  bodyMs?: number;
  totalMs?: number;
  stallMs?: number;
  stallMinBytes?: number;
}

export type Timeouts = Required<TimeoutOptions>;

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 60_000, totalMs: 120_000, stallMs: 60_000, stallMinBytes: 1024 };

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

export function resolveTimeouts(o: TimeoutOptions = {}): Timeouts {
  return {
    connectMs: positive(o.connectMs, DEFAULT_TIMEOUTS.connectMs),
    headersMs: positive(o.headersMs, DEFAULT_TIMEOUTS.headersMs),
    bodyMs: positive(o.bodyMs, DEFAULT_TIMEOUTS.bodyMs),
    totalMs: positive(o.totalMs, DEFAULT_TIMEOUTS.totalMs),
    stallMs: positive(o.stallMs, DEFAULT_TIMEOUTS.stallMs),
    stallMinBytes: positive(o.stallMinBytes, DEFAULT_TIMEOUTS.stallMinBytes),
  };
}
