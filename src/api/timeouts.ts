// Timeouts per phase. connectMs is applied by the dispatcher (createDispatcher), headersMs and bodyMs
// per request by undici: headersMs until the response head arrives, bodyMs between two body chunks.

export interface TimeoutOptions {
  connectMs?: number;
  headersMs?: number;
  bodyMs?: number;
}

export type Timeouts = Required<TimeoutOptions>;

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 60_000 };

function positive(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

export function resolveTimeouts(o: TimeoutOptions = {}): Timeouts {
  return {
    connectMs: positive(o.connectMs, DEFAULT_TIMEOUTS.connectMs),
    headersMs: positive(o.headersMs, DEFAULT_TIMEOUTS.headersMs),
    bodyMs: positive(o.bodyMs, DEFAULT_TIMEOUTS.bodyMs),
  };
}
