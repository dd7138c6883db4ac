// The network path: direct or through a proxy (with NO_PROXY), extra CAs added to Node's roots.
// TLS verification is never turned off: a `strictSSL: false` (VS Code's http.proxyStrictSSL) is ignored
// with a warning, because an audit log and an admin token must not travel over an unverified connection.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { Agent, Pool, ProxyAgent, type Dispatcher } from 'undici';
import { routingDispatcher } from './routingDispatcher';
import { AuditError } from './errors';
import { safeLogger, type LogSink } from './log';
import { bypassesProxy, parseNoProxy } from './noProxy';
import { redact } from './redact';
import { DEFAULT_TIMEOUTS } from './timeouts';

export interface DispatcherOptions {
  /** Proxy URL (VS Code's http.proxy); default: env HTTPS_PROXY / https_proxy / HTTP_PROXY / http_proxy. */
  proxy?: string;
  /** Hosts that bypass the proxy, added to env NO_PROXY / no_proxy. */
  noProxy?: string[];
  /** Ignored (logged as a warning): verification always stays on. */
  strictSSL?: boolean;
  /** Extra trusted CA certificates as PEM texts, added to Node's default roots. */
  caCertificates?: string[];
  env?: NodeJS.ProcessEnv;
  connectTimeoutMs?: number;
  log?: LogSink;
}

/** How createDispatcher routes a URL, for error messages: the proxy (redacted) or undefined if direct. */
const routes = new WeakMap<Dispatcher, (url: URL) => string | undefined>();

export function proxyRouteFor(dispatcher: Dispatcher, url: URL): string | undefined {
  return routes.get(dispatcher)?.(url);
}

function firstNonEmpty(...values: Array<string | undefined>): string | undefined {
  return values.map((v) => v?.trim()).find((v): v is string => v !== undefined && v !== '');
}

function parseProxyUrl(raw: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AuditError('proxy', `The proxy address "${redact(raw)}" is not a valid URL. Check the \`http.proxy\` setting.`, { retryable: false });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AuditError('proxy', `Proxies of type ${url.protocol} are not supported; use an http:// or https:// proxy in the \`http.proxy\` setting.`, { retryable: false });
  }
  return url;
}

function validatedPems(pems: ReadonlyArray<string>): string[] {
  const out: string[] = [];
  for (const [index, pem] of pems.entries()) {
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) {
      throw new AuditError('certificate', `Extra CA certificate #${index + 1} is not a PEM certificate (expected "-----BEGIN CERTIFICATE-----").`, { retryable: false });
    }
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch {
        throw new AuditError('certificate', `Extra CA certificate #${index + 1} could not be read as an X.509 certificate.`, { retryable: false });
      }
      out.push(block);
    }
  }
  return out;
}

/** Node honours NODE_EXTRA_CA_CERTS only while `ca` is unset; keep it when we set `ca`. */
function nodeExtraCerts(env: NodeJS.ProcessEnv): string[] {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (file === undefined || file === '') {
    return [];
  }
  try {
    return validatedPems([readFileSync(file, 'utf8')]);
  } catch {
    return [];
  }
}

/**
 * The trust store for `ca`: undefined (Node's defaults) without extra CAs, else Node's bundled roots,
 * NODE_EXTRA_CA_CERTS and the extra ones: added, never replacing the defaults.
 */
export function caBundle(extraPems: ReadonlyArray<string>, env: NodeJS.ProcessEnv): string[] | undefined {
  const extra = validatedPems(extraPems);
  return extra.length > 0 ? [...tls.rootCertificates, ...nodeExtraCerts(env), ...extra] : undefined;
}

export const PROXY_TUNNEL_FAILED = 'PROXY_TUNNEL_FAILED';

/**
 * The connection to the proxy. When a proxy drops a CONNECT without answering, undici reports a
 * "recoverable" socket error and silently reconnects forever, leaving the request pending; a
 * distinct error code makes it fail the request instead.
 */
function proxyClientFactory(connectTimeoutMs: number): (origin: URL, options: object) => Dispatcher {
  // The proxy's answer to CONNECT comes once it reached the site: bounded like a connection.
  return (origin, options) => tunnelPool(new Pool(origin, { ...options, headersTimeout: 2 * connectTimeoutMs }));
}

function tunnelPool(pool: Pool): Dispatcher {
  const connect: (o: Dispatcher.ConnectOptions) => Promise<Dispatcher.ConnectData> = pool.connect.bind(pool);
  return Object.assign(pool, {
    connect: async (o: Dispatcher.ConnectOptions): Promise<Dispatcher.ConnectData> => {
      try {
        return await connect(o);
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (code !== 'UND_ERR_SOCKET') {
          throw e;
        }
        throw Object.assign(new Error('The proxy closed the connection without answering the tunnel request', { cause: e }), { code: PROXY_TUNNEL_FAILED });
      }
    },
  });
}

export function createDispatcher(o: DispatcherOptions = {}): Dispatcher {
  const env = o.env ?? process.env;
  const log = safeLogger(o.log);
  if (o.strictSSL === false) {
    log('warn', 'http.proxyStrictSSL is false: ignored. TLS certificates are always verified; add a company CA to confluenceAudit.network.caCertificates instead.');
  }
  const timeout = o.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectMs;
  const ca = caBundle(o.caCertificates ?? [], env);
  const tlsOptions = ca === undefined ? { timeout } : { timeout, ca };
  const direct = new Agent({ connect: tlsOptions });

  const proxyRaw = firstNonEmpty(o.proxy, env.HTTPS_PROXY, env.https_proxy, env.HTTP_PROXY, env.http_proxy);
  if (proxyRaw === undefined) {
    routes.set(direct, () => undefined);
    return direct;
  }
  const proxyUrl = parseProxyUrl(proxyRaw);
  const rule = parseNoProxy([...(o.noProxy ?? []), env.NO_PROXY ?? env.no_proxy ?? '']);
  const proxied = new ProxyAgent({ uri: proxyUrl.href, requestTls: tlsOptions, proxyTls: tlsOptions, clientFactory: proxyClientFactory(timeout) });
  const routing = routingDispatcher(direct, proxied, (origin) => bypassesProxy(rule, origin));
  const shown = `${proxyUrl.protocol}//${proxyUrl.host}`;
  routes.set(routing, (url) => (bypassesProxy(rule, url) ? undefined : shown));
  log('debug', `Using proxy ${shown}${rule.all ? ' (bypassed for all hosts)' : rule.entries.length > 0 ? ` except for ${rule.entries.length} NO_PROXY entries` : ''}`);
  return routing;
}
