// The Confluence audit API client: the six operations plus paging, on top of exchange/retry.
import type { Writable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { authorizationHeader, tokenName, type Credentials } from './auth';
import type { Clock } from './clock';
import { contentDispositionFileName } from './contentDisposition';
import { withDeadline } from './deadline';
import { discoverCloudId } from './deployment';
import { AuditError, cancelledError } from './errors';
import { streamExport } from './exportStream';
import { abandon, exchange, headerValue, type Exchange, type HttpConfig } from './http';
import type { LogSink, Logger } from './log';
import { messages } from './messages';
import { KeysetPager, type PinnedWindow, type RecordPager } from './pager';
import { parseAuditRecord, parseAuditRecordArray, parseRetentionPeriod } from './parse';
import { pinWindow, type RecordQuery } from './query';
import { ensureSuccess, readJson, type ResponseContext } from './responses';
import { withRetry, type RetryOptions, type RetryPolicy } from './retry';
import { anySignal } from './retryWaits';
import type { TimeoutOptions } from './timeouts';
import { createTransport, DEFAULT_MAX_JSON_BYTES, type Transport } from './transport';
import type { AuditRecord, AuditRecordArray, AuditRecordCreate, Deployment, ExportFormat, RetentionPeriod, SinceUnit } from './types';
import { buildUrl, gatewayRestBase, normalizeSiteUrl, restBase, type QueryValue } from './urls';

export { DEFAULT_MAX_JSON_BYTES };

export interface AuditClientOptions {
  siteUrl: string;
  deployment: Deployment;
  credentials: Credentials;
  /** From createDispatcher(); default: one built from env HTTPS_PROXY / NO_PROXY, closed by close(). */
  dispatcher?: Dispatcher;
  /** Default 'https://api.atlassian.com'. */
  gatewayUrl?: string;
  /** connectMs applies to the default dispatcher only (a given dispatcher has its own). */
  timeouts?: TimeoutOptions;
  retry?: RetryOptions;
  clock?: Clock;
  random?: () => number;
  log?: LogSink;
  /** Size cap on one JSON answer, default 32 MiB. */
  maxJsonBytes?: number;
  userAgent?: string;
  /**
   * The life of the credentials: once aborted (sign-out, a new token, the site removed), every request of
   * this client in flight is cancelled and no new one is sent.
   */
  lifetime?: AbortSignal;
}

export interface RecordsRangeQuery {
  startDate?: number;
  endDate?: number;
  searchString?: string;
  start?: number;
  limit?: number;
}

export interface RecordsSinceQuery {
  number?: number;
  units?: SinceUnit;
  searchString?: string;
  start?: number;
  limit?: number;
}

export interface ExportQuery {
  startDate?: number;
  endDate?: number;
  searchString?: string;
  format: ExportFormat;
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
}

export interface ConnectionInfo {
  deployment: Deployment;
  apiBase: string;
  username?: string;
}

export const DEFAULT_GATEWAY_URL = 'https://api.atlassian.com';
export const DEFAULT_PAGE_SIZE = 100;
/** records() wants everything, so it asks for the documented maximum; servers may cap it. */
const RECORDS_PAGE_SIZE = 1000;
const WRITE_UNCERTAIN: ReadonlySet<string> = new Set(['timeout', 'network', 'server']);

function nonNegativeInt(v: number | undefined, name: string): number | undefined {
  if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
    throw new AuditError('badRequest', `${name} must be a whole number of zero or more, not ${v}.`, { retryable: false });
  }
  return v;
}

function positivePageSize(v: number | undefined, fallback: number): number {
  const size = v ?? fallback;
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new AuditError('badRequest', `The page size must be a whole number of 1 or more, not ${size}.`, { retryable: false });
  }
  return size;
}

export class AuditClient {
  readonly deployment: Deployment;
  readonly siteUrl: string;
  private readonly http: HttpConfig;
  private readonly transport: Transport;
  private readonly authorization: string;
  private readonly credentials: Credentials;
  private readonly gatewayUrl: string;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: Logger;
  private readonly logSink?: LogSink;
  private readonly maxJsonBytes: number;
  private readonly lifetime: AbortSignal | undefined;
  private base: string | undefined;
  private discoveredCloudId: string | undefined;

  constructor(options: AuditClientOptions) {
    this.deployment = options.deployment;
    this.credentials = options.credentials;
    if (options.credentials.kind === 'scoped' && options.deployment !== 'cloud') {
      throw new AuditError('badRequest', 'Scoped API tokens work only with Confluence Cloud.', { retryable: false });
    }
    this.siteUrl = normalizeSiteUrl(options.siteUrl, options.deployment);
    this.authorization = authorizationHeader(options.credentials);
    this.gatewayUrl = (options.gatewayUrl ?? DEFAULT_GATEWAY_URL).replace(/\/+$/, '');
    this.logSink = options.log;
    // The transport shared by every audit API client (src/api/transport.ts).
    this.transport = createTransport(options);
    this.log = this.transport.log;
    this.http = this.transport.http;
    this.policy = this.transport.policy;
    this.clock = this.transport.clock;
    this.random = this.transport.random;
    this.maxJsonBytes = this.transport.maxJsonBytes;
    this.lifetime = options.lifetime;
    if (options.credentials.kind === 'scoped') {
      const id = options.credentials.cloudId;
      this.base = id !== undefined && id !== '' ? gatewayRestBase(this.gatewayUrl, id) : undefined;
      this.discoveredCloudId = id !== '' ? id : undefined;
    } else {
      this.base = restBase(this.siteUrl, this.deployment);
    }
  }

  /** The REST base, e.g. https://acme.atlassian.net/wiki/rest/api; '' for a scoped token until the cloudId is known. */
  get apiBase(): string {
    return this.base ?? '';
  }

  /** The cloudId in use for a scoped token (given or discovered). */
  get cloudId(): string | undefined {
    return this.discoveredCloudId;
  }

  /** Closes the dispatcher if this client created it. */
  close(): Promise<void> {
    return this.transport.close();
  }

  /** The caller's signal joined with the credentials' lifetime. */
  private scoped(signal: AbortSignal | undefined): AbortSignal | undefined {
    if (this.lifetime === undefined) return signal;
    return signal === undefined ? this.lifetime : anySignal([signal, this.lifetime]);
  }

  async resolveApiBase(given?: AbortSignal): Promise<string> {
    const signal = this.scoped(given);
    if (signal?.aborted) throw cancelledError(signal.reason);
    if (this.base === undefined) {
      const id = await discoverCloudId(this.siteUrl, { dispatcher: this.http.dispatcher, signal, timeoutMs: this.http.timeouts.headersMs, log: this.logSink, clock: this.clock, retry: this.policy, userAgent: this.http.userAgent });
      this.discoveredCloudId = id;
      this.base = gatewayRestBase(this.gatewayUrl, id);
      this.log('info', `Scoped token: using the API gateway for cloud ${id}`);
    }
    return this.base;
  }

  private context(signal?: AbortSignal): ResponseContext {
    return {
      token: tokenName(this.credentials),
      scoped: this.credentials.kind === 'scoped',
      timeouts: this.http.timeouts,
      maxJsonBytes: this.maxJsonBytes,
      now: () => this.clock.now(),
      signal: this.scoped(signal),
    };
  }

  /** An idempotent GET with retries; `read` runs inside the retry so a broken body is retried too. */
  private async get<T>(path: string, query: Record<string, QueryValue>, accept: string, given: AbortSignal | undefined, read: (ex: Exchange, attempt: AbortSignal) => Promise<T>): Promise<T> {
    const signal = this.scoped(given);
    const url = buildUrl(await this.resolveApiBase(signal), path, query);
    return withRetry({ policy: this.policy, clock: this.clock, random: this.random, log: this.log, label: `GET ${path}`, signal }, () =>
      withDeadline(url.host, this.http.timeouts.totalMs, signal, async (attempt) => {
        const ex = await exchange(this.http, { method: 'GET', url, accept, authorization: this.authorization, signal: attempt });
        await ensureSuccess(ex, this.context(attempt));
        return read(ex, attempt);
      }),
    );
  }

  private getJson(path: string, query: Record<string, QueryValue>, signal?: AbortSignal): Promise<{ json: unknown; ex: Exchange }> {
    return this.get(path, query, 'application/json', signal, async (ex, attempt) => ({ json: await readJson(ex, this.context(attempt)), ex }));
  }

  /** One attempt of a write: PUT and POST are never repeated blindly. */
  private async write(method: 'PUT' | 'POST', path: string, body: unknown, given?: AbortSignal): Promise<unknown> {
    const signal = this.scoped(given);
    const url = buildUrl(await this.resolveApiBase(signal), path);
    return withDeadline(url.host, this.http.timeouts.totalMs, signal, async (attempt) => {
      const ex = await exchange(this.http, { method, url, accept: 'application/json', authorization: this.authorization, body: JSON.stringify(body), signal: attempt });
      await ensureSuccess(ex, this.context(attempt));
      return readJson(ex, this.context(attempt));
    });
  }

  async getRecords(q: RecordsRangeQuery, signal?: AbortSignal): Promise<AuditRecordArray> {
    const start = nonNegativeInt(q.start, 'start');
    const limit = nonNegativeInt(q.limit, 'limit');
    const query = {
      startDate: nonNegativeInt(q.startDate, 'startDate'),
      endDate: nonNegativeInt(q.endDate, 'endDate'),
      searchString: q.searchString === '' ? undefined : q.searchString,
      start,
      limit,
    };
    const { json } = await this.getJson('/audit', query, signal);
    return parseAuditRecordArray(json, { start, limit });
  }

  async getRecordsSince(q: RecordsSinceQuery, signal?: AbortSignal): Promise<AuditRecordArray> {
    const start = nonNegativeInt(q.start, 'start');
    const limit = nonNegativeInt(q.limit, 'limit');
    const query = { number: nonNegativeInt(q.number, 'number'), units: q.units, searchString: q.searchString === '' ? undefined : q.searchString, start, limit };
    const { json } = await this.getJson('/audit/since', query, signal);
    return parseAuditRecordArray(json, { start, limit });
  }

  /** A resumable pager over one window; a 'since' query is pinned to [now - period, now] here. */
  pager(q: RecordQuery, options: { pageSize?: number } = {}): RecordPager {
    const window: PinnedWindow = pinWindow(q, this.clock.now());
    const size = positivePageSize(options.pageSize, DEFAULT_PAGE_SIZE);
    return new KeysetPager((r, signal) => this.getRecords(r, signal), window, size, this.log);
  }

  /** Every record of the window, newest first, each exactly once. */
  async *records(q: RecordQuery, options: { pageSize?: number; signal?: AbortSignal } = {}): AsyncIterable<AuditRecord> {
    const pager = this.pager(q, { pageSize: options.pageSize ?? RECORDS_PAGE_SIZE });
    for (;;) {
      const page = await pager.next(options.signal);
      if (page.length === 0) {
        return;
      }
      // A plain loop: `yield*` over an array in an async generator adds a promise per record.
      for (const record of page) {
        yield record;
      }
    }
  }

  /**
   * Streams the server's export into `sink` with backpressure (never buffered whole). The sink is
   * ended on success and destroyed on failure, so a partial file never looks complete.
   */
  /** `fileName`: the name the server gave the file (Content-Disposition), made safe; undefined when none. */
  async exportTo(q: ExportQuery, sink: NodeJS.WritableStream | Writable, options: ExportOptions = {}): Promise<{ bytes: number; contentType: string; fileName?: string }> {
    const { onProgress } = options;
    const signal = this.scoped(options.signal);
    const query = {
      startDate: nonNegativeInt(q.startDate, 'startDate'),
      endDate: nonNegativeInt(q.endDate, 'endDate'),
      searchString: q.searchString === '' ? undefined : q.searchString,
      format: q.format,
    };
    const ex = await this.get('/audit/export', query, q.format === 'zip' ? 'application/zip, */*' : 'text/csv, */*', signal, async (res) => {
      const type = headerValue(res.headers, 'content-type') ?? '';
      if (/^text\/html\b/i.test(type)) {
        abandon(res.body);
        throw new AuditError('notConfluence', messages.notConfluence(res.url.origin + res.url.pathname, 'got an HTML page instead of an export file'), { status: res.status, retryable: false });
      }
      return res;
    });
    const contentType = headerValue(ex.headers, 'content-type') ?? (q.format === 'zip' ? 'application/zip' : 'text/csv');
    const fileName = contentDispositionFileName(headerValue(ex.headers, 'content-disposition'));
    const bytes = await streamExport(ex, sink, { timeouts: this.http.timeouts, log: this.log, signal, onProgress });
    this.log('info', `Export finished: ${bytes} bytes of ${contentType}`);
    return fileName === undefined ? { bytes, contentType } : { bytes, contentType, fileName };
  }

  async getRetention(signal?: AbortSignal): Promise<RetentionPeriod> {
    const { json } = await this.getJson('/audit/retention', {}, signal);
    return parseRetentionPeriod(json);
  }

  /**
   * PUT once. When the outcome is unknown (timeout, broken connection, 5xx) the value is read back:
   * if the server holds the requested period the change is reported as done (confirmedByRead),
   * otherwise the original error is thrown.
   */
  async setRetention(p: RetentionPeriod, signal?: AbortSignal): Promise<{ stored: RetentionPeriod; confirmedByRead: boolean }> {
    const period = parseRetentionPeriod(p);
    try {
      return { stored: parseRetentionPeriod(await this.write('PUT', '/audit/retention', period, signal)), confirmedByRead: false };
    } catch (e) {
      if (!(e instanceof AuditError) || !WRITE_UNCERTAIN.has(e.kind) || this.scoped(signal)?.aborted) {
        throw e;
      }
      this.log('warn', `PUT /audit/retention outcome unknown (${e.kind}); reading the value back`);
      let stored: RetentionPeriod;
      try {
        stored = await this.getRetention(signal);
      } catch {
        throw e;
      }
      if (stored.number === period.number && stored.units === period.units) {
        return { stored, confirmedByRead: true };
      }
      throw e;
    }
  }

  /** POST once (never repeated: a repeat could log the event twice). */
  async createRecord(r: AuditRecordCreate, signal?: AbortSignal): Promise<AuditRecord> {
    return parseAuditRecord(await this.write('POST', '/audit', r, signal));
  }

  /** GET /audit?limit=1: proves address, credentials and permission; Data Center's silent anonymous answer is an error. */
  async checkConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const { json, ex } = await this.getJson('/audit', { limit: 1 }, signal);
    parseAuditRecordArray(json, { start: 0, limit: 1 });
    const user = headerValue(ex.headers, 'x-ausername');
    return { deployment: this.deployment, apiBase: this.apiBase, ...(user !== undefined && user !== '' ? { username: user } : {}) };
  }
}
