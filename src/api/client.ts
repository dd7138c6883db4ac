// The Confluence audit API client: the six operations plus paging. How a request is sent (retries,
// deadlines, the scoped token's gateway) is clientRequests.ts; what the operations take is clientQueries.ts.
import type { Writable } from 'node:stream';
import type { Credentials } from './auth';
import { SiteRequests } from './clientRequests';
import { nonNegativeInt, positivePageSize, type ConnectionInfo, type ExportOptions, type ExportQuery, type RecordsRangeQuery, type RecordsSinceQuery } from './clientQueries';
import { contentDispositionFileName } from './contentDisposition';
import { DcAuditingClient } from './dc/client';
import { AuditError } from './errors';
import { streamExport } from './exportStream';
import { abandon, headerValue } from './http';
import type { LogSink } from './log';
import { messages } from './messages';
import { KeysetPager, type PinnedWindow, type RecordPager } from './pager';
import { parseAuditRecord, parseAuditRecordArray, parseRetentionPeriod } from './parse';
import { pinWindow, type RecordQuery } from './query';
import { DEFAULT_MAX_JSON_BYTES, type Transport, type TransportOptions } from './transport';
import type { AuditRecord, AuditRecordArray, AuditRecordCreate, Deployment, RetentionPeriod } from './types';
import { normalizeSiteUrl } from './urls';

export { DEFAULT_MAX_JSON_BYTES };

export interface AuditClientOptions extends TransportOptions {
  siteUrl: string;
  deployment: Deployment;
  credentials: Credentials;
  /** Default 'https://api.atlassian.com'. */
  gatewayUrl?: string;
  log?: LogSink;
  /**
   * The life of the credentials: once aborted (sign-out, a new token, the site removed), every request of
   * this client in flight is cancelled and no new one is sent.
   */
  lifetime?: AbortSignal;
}

export const DEFAULT_GATEWAY_URL = 'https://api.atlassian.com';
export const DEFAULT_PAGE_SIZE = 100;
/** records() wants everything, so it asks for the documented maximum; servers may cap it. */
const RECORDS_PAGE_SIZE = 1000;
const WRITE_UNCERTAIN: ReadonlySet<string> = new Set(['timeout', 'network', 'server']);

export class AuditClient {
  readonly deployment: Deployment;
  readonly siteUrl: string;
  private readonly requests: SiteRequests;
  private readonly transport: Transport;
  private readonly options: AuditClientOptions;
  private dc: DcAuditingClient | undefined;

  constructor(options: AuditClientOptions) {
    this.options = options;
    this.deployment = options.deployment;
    if (options.credentials.kind === 'scoped' && options.deployment !== 'cloud') {
      throw new AuditError('badRequest', 'Scoped API tokens work only with Confluence Cloud.', { retryable: false });
    }
    this.siteUrl = normalizeSiteUrl(options.siteUrl, options.deployment);
    this.requests = new SiteRequests({ ...options, siteUrl: this.siteUrl, gatewayUrl: (options.gatewayUrl ?? DEFAULT_GATEWAY_URL).replace(/\/+$/, '') });
    this.transport = this.requests.transport;
  }

  /** The REST base, e.g. https://acme.atlassian.net/wiki/rest/api; '' for a scoped token until the cloudId is known. */
  get apiBase(): string {
    return this.requests.apiBase;
  }

  /** The cloudId in use for a scoped token (given or discovered). */
  get cloudId(): string | undefined {
    return this.requests.cloudId;
  }

  /** Closes the dispatcher if this client created it. */
  close(): Promise<void> {
    return Promise.all([this.transport.close(), this.dc?.close()]).then(() => undefined);
  }

  /**
   * Data Center advanced auditing of the same site with the same credentials and network settings, so a
   * token change (which replaces this client) replaces it too.
   */
  dataCenterAuditing(): DcAuditingClient {
    this.dc ??= new DcAuditingClient({ ...this.options, siteUrl: this.siteUrl });
    return this.dc;
  }

  resolveApiBase(signal?: AbortSignal): Promise<string> {
    return this.requests.resolveApiBase(signal);
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
    const { json } = await this.requests.getJson('/audit', query, signal);
    return parseAuditRecordArray(json, { start, limit });
  }

  async getRecordsSince(q: RecordsSinceQuery, signal?: AbortSignal): Promise<AuditRecordArray> {
    const start = nonNegativeInt(q.start, 'start');
    const limit = nonNegativeInt(q.limit, 'limit');
    const query = { number: nonNegativeInt(q.number, 'number'), units: q.units, searchString: q.searchString === '' ? undefined : q.searchString, start, limit };
    const { json } = await this.requests.getJson('/audit/since', query, signal);
    return parseAuditRecordArray(json, { start, limit });
  }

  /** A resumable pager over one window; a 'since' query is pinned to [now - period, now] here. */
  pager(q: RecordQuery, options: { pageSize?: number } = {}): RecordPager {
    const window: PinnedWindow = pinWindow(q, this.transport.clock.now());
    const size = positivePageSize(options.pageSize, DEFAULT_PAGE_SIZE);
    return new KeysetPager((r, signal) => this.getRecords(r, signal), window, size, this.transport.log);
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
    const signal = this.requests.scoped(options.signal);
    const query = {
      startDate: nonNegativeInt(q.startDate, 'startDate'),
      endDate: nonNegativeInt(q.endDate, 'endDate'),
      searchString: q.searchString === '' ? undefined : q.searchString,
      format: q.format,
    };
    const ex = await this.requests.get('/audit/export', query, q.format === 'zip' ? 'application/zip, */*' : 'text/csv, */*', signal, async (res) => {
      const type = headerValue(res.headers, 'content-type') ?? '';
      if (/^text\/html\b/i.test(type)) {
        abandon(res.body);
        throw new AuditError('notConfluence', messages.notConfluence(res.url.origin + res.url.pathname, 'got an HTML page instead of an export file'), { status: res.status, retryable: false });
      }
      return res;
    });
    const contentType = headerValue(ex.headers, 'content-type') ?? (q.format === 'zip' ? 'application/zip' : 'text/csv');
    const fileName = contentDispositionFileName(headerValue(ex.headers, 'content-disposition'));
    const bytes = await streamExport(ex, sink, { timeouts: this.transport.http.timeouts, log: this.transport.log, signal, onProgress });
    this.transport.log('info', `Export finished: ${bytes} bytes of ${contentType}`);
    return fileName === undefined ? { bytes, contentType } : { bytes, contentType, fileName };
  }

  async getRetention(signal?: AbortSignal): Promise<RetentionPeriod> {
    const { json } = await this.requests.getJson('/audit/retention', {}, signal);
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
      return { stored: parseRetentionPeriod(await this.requests.write('PUT', '/audit/retention', period, signal)), confirmedByRead: false };
    } catch (e) {
      if (!(e instanceof AuditError) || !WRITE_UNCERTAIN.has(e.kind) || this.requests.scoped(signal)?.aborted) {
        throw e;
      }
      this.transport.log('warn', `PUT /audit/retention outcome unknown (${e.kind}); reading the value back`);
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
    return parseAuditRecord(await this.requests.write('POST', '/audit', r, signal));
  }

  /** GET /audit?limit=1: proves address, credentials and permission; Data Center's silent anonymous answer is an error. */
  async checkConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const { json, ex } = await this.requests.getJson('/audit', { limit: 1 }, signal);
    parseAuditRecordArray(json, { start: 0, limit: 1 });
    const user = headerValue(ex.headers, 'x-ausername');
    return { deployment: this.deployment, apiBase: this.apiBase, ...(user !== undefined && user !== '' ? { username: user } : {}) };
  }
}
