// Token bucket for the enforced rate limit (benchmarks). Uses the monotonic clock, not the
// simulator's `now`, so a frozen test clock cannot freeze the bucket.
import { performance } from 'node:perf_hooks';

export interface RateLimitOptions {
  requestsPerSecond: number;
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(private readonly options: RateLimitOptions) {
    this.tokens = options.burst;
  }

  /** Takes a token; otherwise returns the whole seconds until one is available (at least 1). */
  take(): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = performance.now();
    const rate = this.options.requestsPerSecond;
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.last) / 1000) * rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / rate)) };
  }
}
