// The Atlassian organization audit log client (admin API, organization API key as Bearer): the
// organizations a key sees, the poll API (events-stream) as the main path, the query API (events)
// for search, and the event actions' display names. Built on the Cloud client's HTTP exchange,
// retries and error handling; every request first waits for the key's shared rate limiter.
import type { Clock } from '../clock';
import { withDeadline } from '../deadline';
import { AuditError } from '../errors';
import { exchange, type HttpConfig } from '../http';
import type { Logger } from '../log';
import { registerSecret } from '../redact';
import type { ResponseContext } from '../responses';
import { withRetry, type RetryPolicy } from '../retry';
import { createTransport, type Transport, type TransportOptions } from '../transport';
import { normalizeSiteUrl } from '../urls';
import type { Disposable, TokenBucketLimiter, WaitListener } from './limiter';
import { eventsOf, OrgEventPager, type EventWindow } from './pager';
import { nextCursor, parseApiKeys, parseEventActions, parseOrgEventPage, parseOrgListPage } from './parse';
import { OrgRateLimits } from './rateLimits';
import { inOrgWords, readOrgJson } from './responses';
import type { OrgApiKey, OrgEvent, OrgEventAction, OrgEventPage, OrgListPage, OrgSearchQuery, OrgStreamQuery, OrgSummary, SortOrder } from './types';

export const DEFAULT_ORG_API_URL = 'https://api.atlassian.com';
/** Events per page the iterators ask for; servers may cap it. */
export const DEFAULT_ORG_PAGE_SIZE = 100;
/** Organization lists are short; more pages than this means a server looping its cursor. */
const MAX_LIST_PAGES = 1000;

export interface OrgAuditClientOptions extends TransportOptions {
  /** The organization API key (sent as Bearer; registered for redaction before first use). */
  apiKey: string;
  /** Default https://api.atlassian.com (tests point it at the simulator). */
  baseUrl?: string;
  /**
   * The limiters shared by every client of the same key. Pass one registry to all clients of the
   * extension; default: a registry private to this client.
   */
  rateLimits?: OrgRateLimits;
}

export interface StreamWindow {
  from: number;
  /** Default: the clock's now when the pager is made (pinned for the whole run). */
  to?: number;
  sortOrder?: SortOrder;
}

export interface IterateOptions {
  pageSize?: number;
  signal?: AbortSignal;
}

function wholeNumber(v: number | undefined, name: string, min: number): number | undefined {
  if (v !== undefined && (!Number.isSafeInteger(v) || v < min)) {
    throw new AuditError('badRequest', `${name} must be a whole number of ${min} or more, not ${v}.`, { retryable: false });
  }
  return v;
}

function orgPath(orgId: string, tail = ''): string {
  if (orgId === '') {
    throw new AuditError('badRequest', 'An organization id is needed.', { retryable: false });
  }
  return `/admin/v1/orgs/${encodeURIComponent(orgId)}${tail}`;
}

export class OrgAuditClient {
  readonly baseUrl: string;
  readonly rateLimits: OrgRateLimits;
  private readonly apiKey: string;
  private readonly authorization: string;
  private readonly http: HttpConfig;
  private readonly transport: Transport;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: Logger;
  private readonly maxJsonBytes: number;

  constructor(options: OrgAuditClientOptions) {
    if (options.apiKey.trim() === '') {
      throw new AuditError('badRequest', 'Enter the organization API key.', { retryable: false });
    }
    this.apiKey = options.apiKey;
    registerSecret(options.apiKey);
    this.authorization = `Bearer ${options.apiKey}`;
    this.baseUrl = normalizeSiteUrl(options.baseUrl ?? DEFAULT_ORG_API_URL);
    // The transport shared by every audit API client (src/api/transport.ts).
    this.transport = createTransport(options);
    this.log = this.transport.log;
    this.http = this.transport.http;
    this.policy = this.transport.policy;
    this.clock = this.transport.clock;
    this.random = this.transport.random;
    this.maxJsonBytes = this.transport.maxJsonBytes;
    this.rateLimits = options.rateLimits ?? new OrgRateLimits(this.clock);
  }

  /** Hears each wait for a rate limit (own limit or the server's Retry-After), with its wake-up time. */
  onRateLimitWait(listener: WaitListener): Disposable {
    return this.rateLimits.onWait(listener);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** One page of the organizations this key sees. */
  async listOrgsPage(cursor?: string, signal?: AbortSignal): Promise<OrgListPage> {
    const path = '/admin/v1/orgs';
    const params = new URLSearchParams();
    if (cursor !== undefined) {
      params.set('cursor', cursor);
    }
    return parseOrgListPage(await this.getJson(path, params, this.rateLimits.queryLimiter(this.apiKey, path), signal));
  }

  /** Every organization this key sees (all pages). Also the connection test of a new key. */
  async listOrgs(signal?: AbortSignal): Promise<OrgSummary[]> {
    const out: OrgSummary[] = [];
    const cursors = new Set<string>();
    let cursor: string | undefined;
    for (let pages = 0; pages < MAX_LIST_PAGES; pages++) {
      const page = await this.listOrgsPage(cursor, signal);
      out.push(...page.orgs);
      if (page.next === undefined || page.orgs.length === 0) {
        return out;
      }
      if (cursors.has(page.next)) {
        break;
      }
      cursors.add(page.next);
      cursor = page.next;
    }
    throw new AuditError('badResponse', 'The Atlassian organization API keeps sending more organization pages; paging cannot finish.', { retryable: false });
  }

  /** One page of the poll API (`…/events-stream`). */
  async streamPage(orgId: string, q: OrgStreamQuery, signal?: AbortSignal): Promise<OrgEventPage> {
    const params = new URLSearchParams();
    setNumber(params, 'from', wholeNumber(q.from, 'from', 0));
    setNumber(params, 'to', wholeNumber(q.to, 'to', 0));
    setNumber(params, 'limit', wholeNumber(q.limit, 'The page size', 1));
    if (q.sortOrder !== undefined) {
      params.set('sortOrder', q.sortOrder);
    }
    if (q.cursor !== undefined) {
      params.set('cursor', q.cursor);
    }
    const page = parseOrgEventPage(await this.getJson(orgPath(orgId, '/events-stream'), params, this.rateLimits.pollLimiter(this.apiKey), signal));
    this.noteSkipped(page);
    return page;
  }

  /** One page of the query API (`…/events`); `from`/`to` are sent as epoch ms; unset filters are not sent. */
  async searchPage(orgId: string, q: OrgSearchQuery, signal?: AbortSignal): Promise<OrgEventPage> {
    const path = orgPath(orgId, '/events');
    const params = new URLSearchParams();
    if (q.q !== undefined && q.q !== '') {
      params.set('q', q.q);
    }
    setNumber(params, 'from', wholeNumber(q.from, 'from', 0));
    setNumber(params, 'to', wholeNumber(q.to, 'to', 0));
    if (q.action !== undefined && q.action !== '') {
      params.set('action', q.action);
    }
    for (const [name, values] of [['actor', q.actor], ['ip', q.ip], ['product', q.product]] as const) {
      for (const v of values ?? []) {
        params.append(name, v);
      }
    }
    setNumber(params, 'limit', wholeNumber(q.limit, 'The page size', 1));
    if (q.cursor !== undefined) {
      params.set('cursor', q.cursor);
    }
    const page = parseOrgEventPage(await this.getJson(path, params, this.rateLimits.queryLimiter(this.apiKey, path), signal));
    this.noteSkipped(page);
    return page;
  }

  /** The actions' display names (`…/event-actions`), all pages. */
  async eventActions(orgId: string, signal?: AbortSignal): Promise<OrgEventAction[]> {
    const path = orgPath(orgId, '/event-actions');
    const limiter = this.rateLimits.queryLimiter(this.apiKey, path);
    const out: OrgEventAction[] = [];
    const cursors = new Set<string>();
    for (let cursor: string | undefined; ;) {
      const params = new URLSearchParams(cursor === undefined ? {} : { cursor });
      const json = await this.getJson(path, params, limiter, signal);
      out.push(...parseEventActions(json));
      const next = nextCursor(json);
      if (next === undefined || cursors.has(next)) {
        return out;
      }
      cursors.add(next);
      cursor = next;
    }
  }

  /**
   * The organization's API keys with their expiry dates (the API Access API, `/admin/api-access/v1`), all
   * pages. The answer never says which of them is this client's key.
   */
  async apiKeys(orgId: string, signal?: AbortSignal): Promise<OrgApiKey[]> {
    if (orgId === '') {
      throw new AuditError('badRequest', 'An organization id is needed.', { retryable: false });
    }
    const path = `/admin/api-access/v1/orgs/${encodeURIComponent(orgId)}/api-keys`;
    const limiter = this.rateLimits.queryLimiter(this.apiKey, path);
    const out: OrgApiKey[] = [];
    const cursors = new Set<string>();
    for (let cursor: string | undefined; ;) {
      const json = await this.getJson(path, new URLSearchParams(cursor === undefined ? {} : { cursor }), limiter, signal);
      out.push(...parseApiKeys(json));
      const next = nextCursor(json);
      if (next === undefined || cursors.has(next)) {
        return out;
      }
      cursors.add(next);
      cursor = next;
    }
  }

  /** A resumable pager over one pinned window of the poll API; `to` defaults to now. */
  streamPager(orgId: string, window: StreamWindow, options: { pageSize?: number; cursor?: string } = {}): OrgEventPager {
    const pinned: EventWindow = { from: wholeNumber(window.from, 'from', 0), to: wholeNumber(window.to, 'to', 0) ?? this.clock.now() };
    const limit = wholeNumber(options.pageSize, 'The page size', 1) ?? DEFAULT_ORG_PAGE_SIZE;
    const sortOrder = window.sortOrder ?? 'asc';
    orgPath(orgId);
    return new OrgEventPager(
      (cursor, signal) => this.streamPage(orgId, { ...pinned, sortOrder, limit, cursor }, signal),
      pinned,
      this.log,
      options.cursor,
    );
  }

  /** A pager over the query API's answers to one search (de-duplicated like the stream). */
  searchPager(orgId: string, query: OrgSearchQuery, options: { pageSize?: number } = {}): OrgEventPager {
    const limit = wholeNumber(options.pageSize, 'The page size', 1) ?? query.limit;
    orgPath(orgId);
    return new OrgEventPager(
      (cursor, signal) => this.searchPage(orgId, { ...query, limit, cursor: cursor ?? query.cursor }, signal),
      { from: query.from, to: query.to },
      this.log,
    );
  }

  /** Every event of the window, each exactly once, in the poll API's order (default oldest first). */
  events(orgId: string, window: StreamWindow, options: IterateOptions = {}): AsyncIterable<OrgEvent> {
    return eventsOf(this.streamPager(orgId, window, { pageSize: options.pageSize }), options.signal);
  }

  /** Every event matching a search, each exactly once (the query API: 10 requests a minute). */
  searchEvents(orgId: string, query: OrgSearchQuery, options: IterateOptions = {}): AsyncIterable<OrgEvent> {
    return eventsOf(this.searchPager(orgId, query, { pageSize: options.pageSize }), options.signal);
  }

  private context(signal?: AbortSignal): ResponseContext {
    return { token: 'API token', scoped: false, timeouts: this.http.timeouts, maxJsonBytes: this.maxJsonBytes, now: () => this.clock.now(), signal };
  }

  /** An idempotent GET: waits for the limiter before each attempt, pauses it on Retry-After, retries. */
  private async getJson(path: string, params: URLSearchParams, limiter: TokenBucketLimiter, signal?: AbortSignal): Promise<unknown> {
    const url = new URL(`${this.baseUrl}${path}`);
    url.search = params.toString();
    return withRetry({ policy: this.policy, clock: this.clock, random: this.random, log: this.log, label: `GET ${path}`, signal }, async () => {
      await limiter.acquire(signal);
      try {
        // The limiter's wait is outside the deadline: only the request itself is timed.
        return await withDeadline(url.host, this.http.timeouts.totalMs, signal, async (attempt) => {
          const ex = await exchange(this.http, { method: 'GET', url, accept: 'application/json', authorization: this.authorization, signal: attempt });
          return readOrgJson(ex, this.context(attempt));
        });
      } catch (e) {
        if (e instanceof AuditError && e.kind === 'rateLimited' && e.retryAfterMs !== undefined) {
          limiter.pauseUntil(this.clock.now() + e.retryAfterMs);
        }
        throw inOrgWords(e);
      }
    });
  }

  private noteSkipped(page: OrgEventPage): void {
    if (page.skipped > 0) {
      this.log('warn', `Skipped ${page.skipped} items of an unknown type in an organization events page`);
    }
  }
}

function setNumber(params: URLSearchParams, name: string, value: number | undefined): void {
  if (value !== undefined) {
    params.set(name, String(value));
  }
}
