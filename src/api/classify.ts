// Maps undici / Node transport failures to AuditError kinds with actionable messages.
import { AuditError, cancelledError } from './errors';
import { messages } from './messages';
import { redact } from './redact';
import type { Timeouts } from './timeouts';

export interface TransportContext {
  url: URL;
  /** Redacted proxy address when the request was routed through a proxy. */
  proxy?: string;
  timeouts: Timeouts;
  signal?: AbortSignal;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);
const INTERRUPTED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);

const CERT_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate authority that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it is signed by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT: 'it is signed by an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it is signed by an unknown certificate authority',
  CERT_UNTRUSTED: 'its certificate authority is not trusted',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: "it is not valid yet (check this computer's clock)",
  CERT_REVOKED: 'it has been revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for a different host name',
  HOSTNAME_MISMATCH: 'it was issued for a different host name',
};

function errorChain(err: unknown): Array<{ code?: string; name?: string; message: string }> {
  const out: Array<{ code?: string; name?: string; message: string }> = [];
  let cur: unknown = err;
  for (let depth = 0; depth < 6 && typeof cur === 'object' && cur !== null; depth++) {
    const o = cur as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    out.push({
      code: typeof o.code === 'string' ? o.code : undefined,
      name: typeof o.name === 'string' ? o.name : undefined,
      message: typeof o.message === 'string' ? o.message : '',
    });
    cur = o.cause;
  }
  return out;
}

function certProblem(code: string): string | undefined {
  if (code in CERT_PROBLEMS) {
    return CERT_PROBLEMS[code];
  }
  return code.startsWith('CERT_') || code.startsWith('ERR_TLS_CERT') ? 'it failed verification' : undefined;
}

export function classifyTransportError(err: unknown, ctx: TransportContext): AuditError {
  if (err instanceof AuditError) {
    return err;
  }
  if (ctx.signal?.aborted) {
    return cancelledError(err);
  }
  const chain = errorChain(err);
  const codes = chain.map((c) => c.code).filter((c): c is string => c !== undefined);
  const text = chain.map((c) => c.message).join(' ');
  const host = ctx.url.host;
  const proxy = ctx.proxy;
  const first = (set: ReadonlySet<string>): string | undefined => codes.find((c) => set.has(c));

  // Proxy answers: undici reports a refused CONNECT as an aborted request carrying the status.
  const tunnel = /Proxy response \((\d{3})\)/.exec(text) ?? /Proxy Authentication Required \((\d{3})\)/.exec(text);
  if (tunnel !== null) {
    const status = Number(tunnel[1]);
    const via = proxy ?? 'configured';
    return status === 407
      ? new AuditError('proxyAuth', messages.proxyAuth(via), { status, cause: err, retryable: false })
      : new AuditError('proxy', messages.proxy(via, `the proxy answered ${status} when asked to connect to ${host}`), { status, cause: err, retryable: status === 502 || status === 503 || status === 504 });
  }

  if (codes.includes('PROXY_TUNNEL_FAILED')) {
    return new AuditError('proxy', messages.proxy(proxy ?? 'configured', `the proxy closed the connection without answering the request to reach ${host}`), { code: 'PROXY_TUNNEL_FAILED', cause: err, retryable: false });
  }

  for (const code of codes) {
    const problem = certProblem(code);
    if (problem !== undefined) {
      return new AuditError('certificate', messages.certificate(host, code, problem), { code, cause: err, retryable: false });
    }
  }
  if (codes.includes('UND_ERR_PRX_TLS')) {
    return new AuditError('certificate', messages.certificate(proxy ?? 'the proxy', 'UND_ERR_PRX_TLS', 'the proxy certificate failed verification'), { code: 'UND_ERR_PRX_TLS', cause: err, retryable: false });
  }

  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    const target = proxy === undefined ? host : `the proxy ${proxy}`;
    return new AuditError('timeout', messages.timeoutConnect(target, ctx.timeouts.connectMs), { code: 'UND_ERR_CONNECT_TIMEOUT', cause: err });
  }
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return new AuditError('timeout', messages.timeoutHeaders(host, ctx.timeouts.headersMs), { code: 'UND_ERR_HEADERS_TIMEOUT', cause: err });
  }
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) {
    return new AuditError('timeout', messages.timeoutBody(host, ctx.timeouts.bodyMs), { code: 'UND_ERR_BODY_TIMEOUT', cause: err });
  }
  if (codes.includes('ETIMEDOUT')) {
    return new AuditError('timeout', messages.timeoutConnect(proxy ?? host, ctx.timeouts.connectMs), { code: 'ETIMEDOUT', cause: err });
  }

  const dns = first(DNS_CODES);
  if (dns !== undefined) {
    // Behind a proxy the client only resolves the proxy's name; the target is resolved by the proxy.
    return proxy === undefined
      ? new AuditError('dns', messages.dns(host, dns), { code: dns, cause: err, retryable: dns === 'EAI_AGAIN' })
      : new AuditError('proxy', messages.proxy(proxy, `its host name could not be resolved (${dns})`), { code: dns, cause: err, retryable: false });
  }
  const refused = first(REFUSED_CODES);
  if (refused !== undefined) {
    return proxy === undefined
      ? new AuditError('network', messages.refused(host, refused), { code: refused, cause: err, retryable: false })
      : new AuditError('proxy', messages.proxy(proxy, `the proxy did not accept the connection (${refused})`), { code: refused, cause: err, retryable: false });
  }
  if (codes.includes('UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) {
    return new AuditError('network', messages.truncated(host), { code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', cause: err, retryable: true });
  }
  const interrupted = first(INTERRUPTED_CODES);
  if (interrupted !== undefined) {
    return new AuditError('network', messages.interrupted(host, interrupted), { code: interrupted, cause: err, retryable: true });
  }
  if (chain.some((c) => c.name === 'AbortError') || codes.includes('UND_ERR_ABORTED')) {
    return cancelledError(err);
  }
  const sslCode = codes.find((c) => c.startsWith('ERR_SSL_') || c === 'EPROTO');
  if (sslCode !== undefined) {
    return new AuditError('network', `The secure connection to ${host} failed (${sslCode}). Check that the address uses the right scheme and port.`, { code: sslCode, cause: err, retryable: false });
  }
  const detail = redact(chain[0]?.message || String(err)).slice(0, 300);
  return new AuditError('network', `The request to ${host} failed: ${detail}`, { code: codes[0], cause: err, retryable: false });
}
