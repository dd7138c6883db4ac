// How AuditClient sends its requests: every call's signal joined with the credentials' lifetime, the REST
// base (for a scoped token, found through the site's cloudId on first use), GETs with retries inside the
// overall deadline, and writes sent exactly once.
import { authorizationHeader, type Credentials } from './auth';
import { withDeadline } from './deadline';
import { discoverCloudId } from './deployment';
import { cancelledError } from './errors';
import { exchange, type Exchange } from './http';
import type { LogSink } from './log';
import { ensureSuccess, readJson, responseContext, type ResponseContext } from './responses';
import { withRetry } from './retry';
import { anySignal } from './retryWaits';
import { createTransport, type Transport, type TransportOptions } from './transport';
import type { Deployment } from './types';
import { buildUrl, gatewayRestBase, restBase, type QueryValue } from './urls';

export interface SiteRequestsOptions extends TransportOptions {
  /** Already normalised. */
  siteUrl: string;
  deployment: Deployment;
  credentials: Credentials;
  /** Without a trailing slash. */
  gatewayUrl: string;
  log?: LogSink;
  lifetime?: AbortSignal;
}

export class SiteRequests {
  /** The transport shared by every audit API client (src/api/transport.ts). */
  readonly transport: Transport;
  private readonly siteUrl: string;
  private readonly credentials: Credentials;
  private readonly authorization: string;
  private readonly gatewayUrl: string;
  private readonly logSink: LogSink | undefined;
  private readonly lifetime: AbortSignal | undefined;
  private base: string | undefined;
  private discoveredCloudId: string | undefined;

  constructor(options: SiteRequestsOptions) {
    this.siteUrl = options.siteUrl;
    this.credentials = options.credentials;
    this.authorization = authorizationHeader(options.credentials);
    this.gatewayUrl = options.gatewayUrl;
    this.logSink = options.log;
    this.transport = createTransport(options);
    this.lifetime = options.lifetime;
    if (options.credentials.kind === 'scoped') {
      const id = options.credentials.cloudId;
      this.base = id !== undefined && id !== '' ? gatewayRestBase(this.gatewayUrl, id) : undefined;
      this.discoveredCloudId = id !== '' ? id : undefined;
    } else {
      this.base = restBase(this.siteUrl, options.deployment);
    }
  }

  /** The REST base; '' for a scoped token until the cloudId is known. */
  get apiBase(): string {
    return this.base ?? '';
  }

  /** The cloudId in use for a scoped token (given or discovered). */
  get cloudId(): string | undefined {
    return this.discoveredCloudId;
  }

  /** The caller's signal joined with the credentials' lifetime. */
  scoped(signal: AbortSignal | undefined): AbortSignal | undefined {
    if (this.lifetime === undefined) return signal;
    return signal === undefined ? this.lifetime : anySignal([signal, this.lifetime]);
  }

  async resolveApiBase(given?: AbortSignal): Promise<string> {
    const signal = this.scoped(given);
    if (signal?.aborted) throw cancelledError(signal.reason);
    if (this.base === undefined) {
      const { http, clock, policy } = this.transport;
      const id = await discoverCloudId(this.siteUrl, { dispatcher: http.dispatcher, signal, timeoutMs: http.timeouts.headersMs, log: this.logSink, clock, retry: policy, userAgent: http.userAgent });
      this.discoveredCloudId = id;
      this.base = gatewayRestBase(this.gatewayUrl, id);
      this.transport.log('info', `Scoped token: using the API gateway for cloud ${id}`);
    }
    return this.base;
  }

  private context(signal?: AbortSignal): ResponseContext {
    return responseContext(this.credentials, this.transport, this.scoped(signal));
  }

  /** An idempotent GET with retries; `read` runs inside the retry so a broken body is retried too. */
  async get<T>(path: string, query: Record<string, QueryValue>, accept: string, given: AbortSignal | undefined, read: (ex: Exchange, attempt: AbortSignal) => Promise<T>): Promise<T> {
    const signal = this.scoped(given);
    const url = buildUrl(await this.resolveApiBase(signal), path, query);
    const { http, policy, clock, random, log } = this.transport;
    return withRetry({ policy, clock, random, log, label: `GET ${path}`, signal }, () =>
      withDeadline(url.host, http.timeouts.totalMs, signal, async (attempt) => {
        const ex = await exchange(http, { method: 'GET', url, accept, authorization: this.authorization, signal: attempt });
        await ensureSuccess(ex, this.context(attempt));
        return read(ex, attempt);
      }),
    );
  }

  getJson(path: string, query: Record<string, QueryValue>, signal?: AbortSignal): Promise<{ json: unknown; ex: Exchange }> {
    return this.get(path, query, 'application/json', signal, async (ex, attempt) => ({ json: await readJson(ex, this.context(attempt)), ex }));
  }

  /** One attempt of a write: PUT and POST are never repeated blindly. */
  async write(method: 'PUT' | 'POST', path: string, body: unknown, given?: AbortSignal): Promise<unknown> {
    const signal = this.scoped(given);
    const url = buildUrl(await this.resolveApiBase(signal), path);
    const { http } = this.transport;
    return withDeadline(url.host, http.timeouts.totalMs, signal, async (attempt) => {
      const ex = await exchange(http, { method, url, accept: 'application/json', authorization: this.authorization, body: JSON.stringify(body), signal: attempt });
      await ensureSuccess(ex, this.context(attempt));
      return readJson(ex, this.context(attempt));
    });
  }
}
