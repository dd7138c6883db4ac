// An idempotent JSON GET with the client's transport rules: retries with Retry-After, the overall
// deadline, the size cap, Data Center's silent-anonymous check and the error taxonomy. For clients of
// other audit APIs than the Cloud v1 one.
import { authorizationHeader, type Credentials } from './auth';
import type { Clock } from './clock';
import { withDeadline } from './deadline';
import { exchange, type Exchange } from './http';
import type { Logger } from './log';
import { ensureSuccess, readJson, responseContext, type ResponseContext } from './responses';
import { withRetry } from './retry';
import { createTransport, type Transport, type TransportOptions } from './transport';

export interface JsonGetterOptions extends TransportOptions {
  credentials: Credentials;
}

export class JsonGetter {
  readonly log: Logger;
  readonly clock: Clock;
  private readonly transport: Transport;
  private readonly authorization: string;
  private readonly credentials: Credentials;

  constructor(options: JsonGetterOptions) {
    this.credentials = options.credentials;
    this.authorization = authorizationHeader(options.credentials);
    this.transport = createTransport(options);
    this.log = this.transport.log;
    this.clock = this.transport.clock;
  }

  private context(signal?: AbortSignal): ResponseContext {
    return responseContext(this.credentials, this.transport, signal);
  }

  /** GET `url` as JSON, retried as a whole (a broken body is retried too). */
  get(url: URL, label: string, signal?: AbortSignal): Promise<{ json: unknown; ex: Exchange }> {
    const { http, policy, random } = this.transport;
    return withRetry({ policy, clock: this.clock, random, log: this.log, label: `GET ${label}`, signal }, () =>
      withDeadline(url.host, http.timeouts.totalMs, signal, async (attempt) => {
        const ex = await exchange(http, { method: 'GET', url, accept: 'application/json', authorization: this.authorization, signal: attempt });
        await ensureSuccess(ex, this.context(attempt));
        return { json: await readJson(ex, this.context(attempt)), ex };
      }),
    );
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
