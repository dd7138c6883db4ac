// An idempotent JSON GET with the client's transport rules: retries with Retry-After, timeouts, the
// size cap, Data Center's silent-anonymous check and the error taxonomy. For clients of other audit
// APIs than the Cloud v1 one (AuditClient keeps its own copy until the source seam unifies them).
import type { Dispatcher } from 'undici';
import { authorizationHeader, tokenName, type Credentials } from './auth';
import { realClock, type Clock } from './clock';
import { DEFAULT_USER_AGENT } from './deployment';
import { createDispatcher } from './dispatcher';
import { exchange, type Exchange, type HttpConfig } from './http';
import { safeLogger, type LogSink, type Logger } from './log';
import { ensureSuccess, readJson, type ResponseContext } from './responses';
import { resolveRetry, withRetry, type RetryOptions, type RetryPolicy } from './retry';
import { resolveTimeouts, type TimeoutOptions } from './timeouts';

export interface JsonGetterOptions {
  credentials: Credentials;
  dispatcher?: Dispatcher;
  timeouts?: TimeoutOptions;
  retry?: RetryOptions;
  clock?: Clock;
  random?: () => number;
  log?: LogSink;
  maxJsonBytes?: number;
  userAgent?: string;
}

export class JsonGetter {
  readonly log: Logger;
  readonly clock: Clock;
  private readonly http: HttpConfig;
  private readonly ownsDispatcher: boolean;
  private readonly authorization: string;
  private readonly credentials: Credentials;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  private readonly maxJsonBytes: number;

  constructor(options: JsonGetterOptions) {
    this.credentials = options.credentials;
    this.authorization = authorizationHeader(options.credentials);
    this.log = safeLogger(options.log);
    const timeouts = resolveTimeouts(options.timeouts);
    this.ownsDispatcher = options.dispatcher === undefined;
    const dispatcher = options.dispatcher ?? createDispatcher({ connectTimeoutMs: timeouts.connectMs, log: options.log });
    this.http = { dispatcher, timeouts, log: this.log, userAgent: options.userAgent ?? DEFAULT_USER_AGENT };
    this.policy = resolveRetry(options.retry);
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.maxJsonBytes = options.maxJsonBytes ?? 32 * 1024 * 1024;
  }

  private context(signal?: AbortSignal): ResponseContext {
    return {
      token: tokenName(this.credentials),
      scoped: this.credentials.kind === 'scoped',
      timeouts: this.http.timeouts,
      maxJsonBytes: this.maxJsonBytes,
      now: () => this.clock.now(),
      signal,
    };
  }

  /** GET `url` as JSON, retried as a whole (a broken body is retried too). */
  get(url: URL, label: string, signal?: AbortSignal): Promise<{ json: unknown; ex: Exchange }> {
    return withRetry({ policy: this.policy, clock: this.clock, random: this.random, log: this.log, label: `GET ${label}`, signal }, async () => {
      const ex = await exchange(this.http, { method: 'GET', url, accept: 'application/json', authorization: this.authorization, signal });
      await ensureSuccess(ex, this.context(signal));
      return { json: await readJson(ex, this.context(signal)), ex };
    });
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.http.dispatcher.close();
  }
}
