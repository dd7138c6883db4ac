// One HTTP exchange: undici request with per-phase timeouts, manual redirects (max 5) that drop the
// credentials when leaving the original origin and never downgrade https to http, and logging of
// method, URL, status and duration (never headers).
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { classifyTransportError } from './classify';
import { proxyRouteFor } from './dispatcher';
import { AuditError, cancelledError } from './errors';
import type { Logger } from './log';
import { messages } from './messages';
import type { Timeouts } from './timeouts';

export type HttpMethod = 'GET' | 'PUT' | 'POST';
export type ResponseHeaders = Record<string, string | string[] | undefined>;
export type ResponseBody = Dispatcher.ResponseData['body'];

export interface HttpConfig {
  dispatcher: Dispatcher;
  timeouts: Timeouts;
  log: Logger;
  userAgent: string;
}

export interface ExchangeRequest {
  method: HttpMethod;
  url: URL;
  accept: string;
  authorization?: string;
  /** JSON text for PUT / POST. */
  body?: string;
  signal?: AbortSignal;
}

export interface Exchange {
  status: number;
  headers: ResponseHeaders;
  body: ResponseBody;
  /** The URL that produced this answer (after redirects). */
  url: URL;
  credentialsSent: boolean;
  /** A redirect left the original origin, so the credentials were dropped. */
  leftOrigin: boolean;
  proxy?: string;
}

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

const LOGGED_PARAMS = new Set(['start', 'limit', 'startDate', 'endDate', 'number', 'units', 'format']);

/** For logs: origin, path and the paging parameters; other values (search strings can be personal data) as '…'. */
export function describeUrl(url: URL): string {
  const query = [...url.searchParams].map(([k, v]) => `${k}=${LOGGED_PARAMS.has(k) ? v : '…'}`).join('&');
  return `${url.origin}${url.pathname}${query === '' ? '' : `?${query}`}`;
}

/** Stops reading a body we no longer want, without an unhandled 'error' event. */
export function abandon(body: ResponseBody): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** A promise rejected when `signal` aborts; dispose() detaches it. */
function rejectOnAbort(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) {
      onAbort();
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

async function discard(body: ResponseBody): Promise<void> {
  try {
    await body.dump({ limit: 64 * 1024 });
  } catch {
    // The body of a redirect is irrelevant; a failure to drain it only costs the connection.
  }
}

function nextHop(current: URL, status: number, location: string | undefined, method: HttpMethod, origin: string): URL {
  if (location === undefined || location.trim() === '') {
    throw new AuditError('redirect', messages.redirectNoLocation(status), { status, retryable: false });
  }
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new AuditError('redirect', messages.redirectNoLocation(status), { status, retryable: false });
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:') {
    throw new AuditError('redirect', messages.redirectInsecure(current.origin, next.origin), { status, retryable: false });
  }
  if (current.protocol === 'https:' && next.protocol === 'http:') {
    throw new AuditError('redirect', messages.redirectInsecure(current.origin, next.origin), { status, retryable: false });
  }
  // A write is only repeated where the method and body are kept (307/308) and on the same origin.
  if (method !== 'GET' && (status !== 307 && status !== 308 || next.origin !== origin)) {
    throw new AuditError('redirect', messages.redirectWrite(next.origin), { status, retryable: false });
  }
  return next;
}

export async function exchange(cfg: HttpConfig, req: ExchangeRequest): Promise<Exchange> {
  const origin = req.url.origin;
  let url = req.url;
  let authorization = req.authorization;
  let leftOrigin = false;
  for (let hop = 0; ; hop++) {
    if (req.signal?.aborted) {
      throw cancelledError(req.signal.reason);
    }
    const proxy = proxyRouteFor(cfg.dispatcher, url);
    const headers: Record<string, string> = { accept: req.accept, 'user-agent': cfg.userAgent };
    if (authorization !== undefined) {
      headers.authorization = authorization;
    }
    if (req.method !== 'GET') {
      headers['x-atlassian-token'] = 'no-check';
      if (req.body !== undefined) {
        headers['content-type'] = 'application/json';
      }
    }
    const started = performance.now();
    const elapsed = (): string => `${Math.round(performance.now() - started)} ms`;
    // A deadline for the whole way to the response head. undici's own timeouts do not cover every
    // path (a proxy that drops a CONNECT without answering leaves the request pending forever).
    const deadlineMs = cfg.timeouts.connectMs + cfg.timeouts.headersMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    const signal = req.signal === undefined ? deadline.signal : AbortSignal.any([req.signal, deadline.signal]);
    let res: Dispatcher.ResponseData;
    // dispatcher.request rather than undici's top-level request(): the bundle ships only undici's dispatchers.
    const pending = cfg.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers,
      body: req.body,
      signal,
      headersTimeout: cfg.timeouts.headersMs,
      bodyTimeout: cfg.timeouts.bodyMs,
    });
    const stop = rejectOnAbort(signal);
    try {
      // undici only notices an abort once the request is on a socket; until then, the race decides.
      res = await Promise.race([pending, stop.promise]);
    } catch (e) {
      // If the race was lost to an abort, a late answer must still free its connection.
      pending.then((late) => abandon(late.body), () => undefined);
      const err = deadline.signal.aborted && req.signal?.aborted !== true
        ? new AuditError('timeout', proxy === undefined ? messages.timeoutHeaders(url.host, deadlineMs) : messages.timeoutProxy(proxy, deadlineMs), { code: 'DEADLINE', cause: e })
        : classifyTransportError(e, { url, proxy, timeouts: cfg.timeouts, signal: req.signal });
      cfg.log(err.kind === 'cancelled' ? 'debug' : 'warn', `${req.method} ${describeUrl(url)} failed after ${elapsed()}: ${err.kind}${err.code ? ` (${err.code})` : ''}${proxy ? ` via proxy ${proxy}` : ''}`);
      throw err;
    } finally {
      clearTimeout(timer);
      stop.dispose();
    }
    cfg.log('debug', `${req.method} ${describeUrl(url)} → ${res.statusCode} (${elapsed()})${proxy ? ` via proxy ${proxy}` : ''}`);
    if (!REDIRECT_STATUS.has(res.statusCode)) {
      return { status: res.statusCode, headers: res.headers, body: res.body, url, credentialsSent: authorization !== undefined, leftOrigin, proxy };
    }
    await discard(res.body);
    if (hop >= MAX_REDIRECTS) {
      throw new AuditError('redirect', messages.redirectTooMany(MAX_REDIRECTS), { status: res.statusCode, retryable: false });
    }
    const next = nextHop(url, res.statusCode, headerValue(res.headers, 'location'), req.method, origin);
    if (next.origin !== origin && authorization !== undefined) {
      authorization = undefined;
      leftOrigin = true;
      cfg.log('info', `Redirect to another origin (${next.origin}): credentials are not sent there`);
    }
    cfg.log('debug', `Following redirect ${res.statusCode} to ${describeUrl(next)}`);
    url = next;
  }
}
