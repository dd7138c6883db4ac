// The limiters of every organization API key, so that all clients (tree, export, search) using one
// key share its budget. Keys are held as SHA-256 digests: the registry never keeps the key itself.
import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import { TokenBucketLimiter, type Disposable, type RateLimit, type WaitListener } from './limiter';

/** What a well-known integration throttles its poll API use to: about 0.83 requests/s, burst 10. */
export const POLL_RATE_LIMIT: RateLimit = { requestsPerSecond: 50 / 60, burst: 10 };
/** The query API's published limit (lowered in 2025): 10 requests a minute per user and per path. */
export const QUERY_RATE_LIMIT: RateLimit = { requestsPerSecond: 10 / 60, burst: 10 };

export interface OrgRateLimitsOptions {
  poll?: RateLimit;
  query?: RateLimit;
}

export class OrgRateLimits {
  private readonly limiters = new Map<string, TokenBucketLimiter>();
  private readonly listeners = new Set<WaitListener>();
  private readonly poll: RateLimit;
  private readonly query: RateLimit;

  constructor(private readonly clock: Clock, options: OrgRateLimitsOptions = {}) {
    this.poll = options.poll ?? POLL_RATE_LIMIT;
    this.query = options.query ?? QUERY_RATE_LIMIT;
  }

  /** The poll API's limiter of this key (one for all its organizations). */
  pollLimiter(apiKey: string): TokenBucketLimiter {
    return this.limiter(`${digest(apiKey)} poll`, 'poll', this.poll);
  }

  /** The query-style limiter of this key for one path (e.g. /admin/v1/orgs/<id>/events). */
  queryLimiter(apiKey: string, path: string): TokenBucketLimiter {
    return this.limiter(`${digest(apiKey)} query ${path}`, `query ${path}`, this.query);
  }

  /** Hears every wait of every limiter here (present and future). */
  onWait(listener: WaitListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private limiter(id: string, name: string, limit: RateLimit): TokenBucketLimiter {
    let limiter = this.limiters.get(id);
    if (limiter === undefined) {
      limiter = new TokenBucketLimiter(name, limit, this.clock);
      limiter.onWait((w) => {
        for (const l of [...this.listeners]) {
          try {
            l(w);
          } catch {
            // A failing progress display must not stop the request or the other listeners.
          }
        }
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

function digest(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}
