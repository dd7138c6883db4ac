// A token bucket on the injected clock, shared by every request of one API key to one limit. Callers
// queue in order; a caller that has to wait is announced with its wake-up time first, so the UI can
// say "waiting for the organization API's rate limit until 10:42:10". A server's Retry-After pauses
// the whole bucket: every caller of that key waits, not only the one that got the 429.
import type { Clock } from '../clock';
import { cancelledError } from '../errors';

export interface RateLimit {
  requestsPerSecond: number;
  burst: number;
}

export type WaitReason = 'rateLimit' | 'retryAfter';

export interface RateLimitWait {
  /** Epoch ms (the clock's) when the request may go. */
  until: number;
  reason: WaitReason;
  /** Which limit: 'poll' or 'query <path>' (no key material). */
  limit: string;
}

export type WaitListener = (wait: RateLimitWait) => void;

export interface Disposable {
  dispose(): void;
}

/** Rounding slack: a bucket refilled for exactly the computed time must count as full. */
const EPSILON = 1e-9;

export class TokenBucketLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<WaitListener>();

  constructor(readonly name: string, private readonly limit: RateLimit, private readonly clock: Clock) {
    if (!(limit.requestsPerSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError(`A rate limit needs requestsPerSecond > 0 and burst >= 1, not ${limit.requestsPerSecond} and ${limit.burst}.`);
    }
    this.tokens = limit.burst;
    this.last = clock.now();
  }

  onWait(listener: WaitListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Waits for a token (in arrival order); rejects with 'cancelled' as soon as `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      return Promise.reject(cancelledError(signal.reason));
    }
    const turn = this.tail.then(() => this.take(signal));
    this.tail = turn.catch(() => undefined);
    return signal === undefined ? turn : raceAbort(turn, signal);
  }

  /** Nobody sends before `until` (a Retry-After); announced at once to the listeners. */
  pauseUntil(until: number): void {
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.emit({ until, reason: 'retryAfter', limit: this.name });
    }
  }

  /** The time the next request could go without waiting (for status displays). */
  nextFreeAt(): number {
    this.refill();
    const byTokens = this.tokens >= 1 - EPSILON ? this.clock.now() : this.clock.now() + this.msForOneToken();
    return Math.max(byTokens, this.pausedUntil);
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) {
        throw cancelledError(signal.reason);
      }
      const now = this.clock.now();
      const wake = this.nextFreeAt();
      if (wake <= now) {
        this.tokens -= 1;
        return;
      }
      this.emit({ until: wake, reason: wake === this.pausedUntil ? 'retryAfter' : 'rateLimit', limit: this.name });
      await this.clock.sleep(wake - now, signal);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    if (now > this.last) {
      this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.requestsPerSecond);
      this.last = now;
    }
  }

  private msForOneToken(): number {
    return Math.ceil(((1 - this.tokens) / this.limit.requestsPerSecond) * 1000);
  }

  private emit(wait: RateLimitWait): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(wait);
      } catch {
        // A failing progress display must not stop the request.
      }
    }
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
