// Automatic retries for idempotent requests: Retry-After when the server gives one, otherwise
// exponential backoff with full jitter. Writes never come through here (see client.setRetention).
import type { Clock } from './clock';
import { AuditError, cancelledError } from './errors';
import type { Logger } from './log';
import { announceRetryWait } from './retryWaits';

export interface RetryOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export function resolveRetry(o: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, Math.floor(o.maxAttempts ?? 5)),
    baseDelayMs: Math.max(0, o.baseDelayMs ?? 500),
    maxDelayMs: Math.max(0, o.maxDelayMs ?? 30_000),
    maxRetryAfterMs: Math.max(0, o.maxRetryAfterMs ?? 120_000),
  };
}

/** Full jitter: uniform in [0, min(maxDelay, base * 2^(failures-1))). */
export function backoffDelay(policy: RetryPolicy, failures: number, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failures - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * exp);
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** Whether an idempotent request that failed this way is worth repeating automatically. */
export function isAutoRetryable(e: AuditError): boolean {
  switch (e.kind) {
    case 'rateLimited':
    case 'timeout':
      return true;
    case 'server':
      return e.status !== undefined && RETRYABLE_STATUS.has(e.status);
    case 'network':
      return e.retryable;
    default:
      return false;
  }
}

export interface RetryContext {
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  log: Logger;
  label: string;
  signal?: AbortSignal;
}

export async function withRetry<T>(ctx: RetryContext, op: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (ctx.signal?.aborted) {
      throw cancelledError(ctx.signal.reason);
    }
    try {
      return await op(attempt);
    } catch (e) {
      if (!(e instanceof AuditError) || !isAutoRetryable(e) || ctx.signal?.aborted) {
        throw e;
      }
      if (attempt >= ctx.policy.maxAttempts) {
        ctx.log('warn', `${ctx.label}: giving up after ${attempt} attempts (${e.kind}${e.status ? ` ${e.status}` : ''})`);
        throw e;
      }
      let delay: number;
      if (e.retryAfterMs !== undefined) {
        if (e.retryAfterMs > ctx.policy.maxRetryAfterMs) {
          ctx.log('warn', `${ctx.label}: server asks to wait ${Math.ceil(e.retryAfterMs / 1000)} s, more than the ${Math.ceil(ctx.policy.maxRetryAfterMs / 1000)} s limit; not waiting`);
          throw e;
        }
        delay = e.retryAfterMs;
      } else {
        delay = backoffDelay(ctx.policy, attempt, ctx.random);
      }
      ctx.log('info', `${ctx.label}: attempt ${attempt} failed (${e.kind}${e.status ? ` ${e.status}` : ''}${e.code ? ` ${e.code}` : ''}); retrying in ${delay} ms${e.retryAfterMs !== undefined ? ' (Retry-After)' : ''}`);
      // Whoever started the request can say it waits, and until when (a 429's Retry-After can be long).
      announceRetryWait(ctx.signal, { until: ctx.clock.now() + delay, kind: e.kind });
      try {
        await ctx.clock.sleep(delay, ctx.signal);
      } finally {
        announceRetryWait(ctx.signal, undefined);
      }
    }
  }
}
