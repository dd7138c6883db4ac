// Turning an Exchange into data or an AuditError: status mapping, Data Center's silent anonymous
// answer, and size-capped JSON reading (streamed, aborted past the cap).
import { tokenName, type Credentials } from './auth';
import { classifyTransportError } from './classify';
import { errorMessageFromBody } from './errorBody';
import { AuditError } from './errors';
import { abandon, headerValue, type Exchange } from './http';
import { messages, type TokenName } from './messages';
import { parseRetryAfter } from './retryAfter';
import type { Timeouts } from './timeouts';
import type { Transport } from './transport';

export interface ResponseContext {
  token: TokenName;
  scoped: boolean;
  timeouts: Timeouts;
  maxJsonBytes: number;
  now: () => number;
  signal?: AbortSignal;
}

/** The context of a request made with `credentials` over `transport` (the Cloud and Data Center clients). */
export function responseContext(credentials: Credentials, transport: Transport, signal: AbortSignal | undefined): ResponseContext {
  return {
    token: tokenName(credentials),
    scoped: credentials.kind === 'scoped',
    timeouts: transport.http.timeouts,
    maxJsonBytes: transport.maxJsonBytes,
    now: () => transport.clock.now(),
    signal,
  };
}

const ERROR_BODY_LIMIT = 64 * 1024;

/** The body, or undefined past `maxBytes` (the rest is abandoned). Throws what the body stream throws. */
async function readCapped(ex: Exchange, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(headerValue(ex.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    abandon(ex.body);
    return undefined;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ex.body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > maxBytes) {
      abandon(ex.body);
      return undefined;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The server's error text (JSON message if any), read from at most 64 KiB of the body (the Cloud, Data Center
 * and organization clients alike). An error body that breaks off only loses the server's wording, not the status.
 */
export async function errorText(ex: Exchange): Promise<string | undefined> {
  try {
    const buf = await readCapped(ex, ERROR_BODY_LIMIT);
    return buf === undefined ? undefined : errorMessageFromBody(buf.toString('utf8'), headerValue(ex.headers, 'content-type'));
  } catch {
    return undefined;
  }
}

export async function statusError(ex: Exchange, ctx: ResponseContext): Promise<AuditError> {
  const status = ex.status;
  const serverMessage = await errorText(ex);
  const details = { status, serverMessage };
  const retryAfterMs = parseRetryAfter(ex.headers['retry-after'], ctx.now());
  if ((status === 401 || status === 403) && ex.leftOrigin) {
    return new AuditError('redirect', messages.redirectCrossOrigin(ex.url.origin, status), { ...details, retryable: false });
  }
  switch (status) {
    case 401:
      return new AuditError('unauthorized', messages.unauthorized(ctx.token, serverMessage), details);
    case 403:
      return new AuditError('forbidden', messages.forbidden(ctx.scoped, serverMessage), details);
    case 404:
      return new AuditError('notFound', messages.notFound(ex.url.origin + ex.url.pathname, serverMessage), details);
    case 407:
      return new AuditError('proxyAuth', messages.proxyAuth(ex.proxy ?? 'in use'), details);
    case 408:
      return new AuditError('timeout', messages.timeoutHeaders(ex.url.host, ctx.timeouts.headersMs), details);
    case 429:
      return new AuditError('rateLimited', messages.rateLimited(retryAfterMs, serverMessage), { ...details, retryAfterMs });
    default:
      break;
  }
  if (status >= 500) {
    return new AuditError('server', messages.server(status, retryAfterMs, serverMessage), { ...details, retryAfterMs, retryable: status !== 501 });
  }
  if (status >= 400) {
    return new AuditError('badRequest', messages.badRequest(status, serverMessage), { ...details, retryable: false });
  }
  return new AuditError('badResponse', messages.badResponse(ex.url.host, `unexpected status ${status}`), { ...details, retryable: false });
}

/**
 * Data Center answers a wrong personal access token as the anonymous user, with 200 and an empty page;
 * only these headers tell.
 */
export function anonymousError(ex: Exchange): AuditError | undefined {
  if (!ex.credentialsSent) {
    return undefined;
  }
  const reason = headerValue(ex.headers, 'x-seraph-loginreason');
  const user = headerValue(ex.headers, 'x-ausername');
  if (reason !== undefined && /AUTHENTICAT(ED|ION)_(FAILED|DENIED)/i.test(reason)) {
    const why = /DENIED/i.test(reason) ? `X-Seraph-LoginReason: ${reason}; after repeated failures Confluence may also require a CAPTCHA sign-in in the browser` : `X-Seraph-LoginReason: ${reason}`;
    return new AuditError('unauthorized', messages.anonymous(why), { status: ex.status });
  }
  if (user !== undefined && user.toLowerCase() === 'anonymous') {
    return new AuditError('unauthorized', messages.anonymous('X-AUSERNAME: anonymous'), { status: ex.status });
  }
  return undefined;
}

export function ensureSuccess(ex: Exchange, ctx: ResponseContext): Promise<void> {
  if (ex.status < 200 || ex.status > 299) {
    return statusError(ex, ctx).then((e) => Promise.reject(e));
  }
  const anonymous = anonymousError(ex);
  if (anonymous !== undefined) {
    abandon(ex.body);
    return Promise.reject(anonymous);
  }
  return Promise.resolve();
}

function describeContentType(ex: Exchange): string {
  const type = headerValue(ex.headers, 'content-type');
  return type === undefined ? 'no content type' : `got ${type.split(';')[0]} instead of JSON`;
}

/** Reads a JSON answer (status already checked) with the size cap. */
export async function readJson(ex: Exchange, ctx: ResponseContext): Promise<unknown> {
  const type = headerValue(ex.headers, 'content-type');
  if (type !== undefined && !/[/+]json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    abandon(ex.body);
    throw new AuditError('notConfluence', messages.notConfluence(ex.url.origin + ex.url.pathname, describeContentType(ex)), { status: ex.status, retryable: false });
  }
  let buf: Buffer | undefined;
  try {
    buf = await readCapped(ex, ctx.maxJsonBytes);
  } catch (e) {
    throw classifyTransportError(e, { url: ex.url, proxy: ex.proxy, timeouts: ctx.timeouts, signal: ctx.signal });
  }
  if (buf === undefined) {
    throw new AuditError('tooLarge', messages.tooLarge(ex.url.host, ctx.maxJsonBytes), { status: ex.status, retryable: false });
  }
  const text = buf.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (text.trimStart().startsWith('<')) {
      throw new AuditError('notConfluence', messages.notConfluence(ex.url.origin + ex.url.pathname, 'got HTML instead of JSON'), { status: ex.status, retryable: false });
    }
    throw new AuditError('badResponse', messages.badResponse(ex.url.host, 'the JSON could not be parsed'), { status: ex.status, retryable: false });
  }
}
