// What every audit API client is built on: the HTTP config (dispatcher, timeouts, user agent), the retry
// policy, the clock, the redacting logger and the JSON size cap, from the options all clients share.
import type { Dispatcher } from 'undici';
import { realClock, type Clock } from './clock';
import { DEFAULT_USER_AGENT } from './deployment';
import { createDispatcher } from './dispatcher';
import type { HttpConfig } from './http';
import { safeLogger, type LogSink, type Logger } from './log';
import { resolveRetry, type RetryOptions, type RetryPolicy } from './retry';
import { resolveTimeouts, type TimeoutOptions } from './timeouts';

export const DEFAULT_MAX_JSON_BYTES = 32 * 1024 * 1024;

export interface TransportOptions {
  /** From createDispatcher(); default: one built from env HTTPS_PROXY / NO_PROXY, closed by close(). */
  dispatcher?: Dispatcher;
  /** connectMs applies to the default dispatcher only (a given dispatcher has its own). */
  timeouts?: TimeoutOptions;
  retry?: RetryOptions;
  clock?: Clock;
  random?: () => number;
  log?: LogSink;
  /** Size cap on one JSON answer, default 32 MiB. */
  maxJsonBytes?: number;
  userAgent?: string;
}

export interface Transport {
  http: HttpConfig;
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  log: Logger;
  maxJsonBytes: number;
  /** Closes the dispatcher if the transport created it. */
  close(): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
  const log = safeLogger(options.log);
  const timeouts = resolveTimeouts(options.timeouts);
  const dispatcher = options.dispatcher ?? createDispatcher({ connectTimeoutMs: timeouts.connectMs, log: options.log });
  const owned = options.dispatcher === undefined;
  return {
    http: { dispatcher, timeouts, log, userAgent: options.userAgent ?? DEFAULT_USER_AGENT },
    policy: resolveRetry(options.retry),
    clock: options.clock ?? realClock,
    random: options.random ?? Math.random,
    log,
    maxJsonBytes: options.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES,
    close: async () => {
      if (owned) await dispatcher.close();
    },
  };
}
