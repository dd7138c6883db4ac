// Cloud or Data Center, and the Cloud site's cloudId, from the unauthenticated /_edge/tenant_info.
import type { Dispatcher } from 'undici';
import { realClock, type Clock } from './clock';
import { createDispatcher } from './dispatcher';
import { AuditError } from './errors';
import { exchange, type HttpConfig } from './http';
import { safeLogger, type LogSink } from './log';
import { ensureSuccess, readJson } from './responses';
import { resolveRetry, withRetry, type RetryOptions } from './retry';
import { resolveTimeouts } from './timeouts';
import type { Deployment } from './types';
import { isAtlassianNet, normalizeSiteUrl } from './urls';

export interface DiscoveryOptions {
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  /** Per-phase timeout (connect, headers, body) for the probe; default 10 s. */
  timeoutMs?: number;
  log?: LogSink;
  clock?: Clock;
  retry?: RetryOptions;
  userAgent?: string;
}

export const DEFAULT_USER_AGENT = 'confluence-audit-vscode (+https://github.com/confluence-audit)';

async function withHttp<T>(o: DiscoveryOptions, run: (http: HttpConfig) => Promise<T>): Promise<T> {
  const t = o.timeoutMs ?? 10_000;
  const timeouts = resolveTimeouts({ connectMs: t, headersMs: t, bodyMs: t });
  const dispatcher = o.dispatcher ?? createDispatcher({ connectTimeoutMs: t, log: o.log });
  try {
    return await run({ dispatcher, timeouts, log: safeLogger(o.log), userAgent: o.userAgent ?? DEFAULT_USER_AGENT });
  } finally {
    if (o.dispatcher === undefined) {
      await dispatcher.close();
    }
  }
}

/** The cloudId answered at <site>/_edge/tenant_info, or undefined when the answer is not a Cloud one. Transport errors throw. */
async function tenantCloudId(http: HttpConfig, site: string, o: DiscoveryOptions): Promise<string | undefined> {
  const clock = o.clock ?? realClock;
  const ctx = { token: 'API token' as const, scoped: false, timeouts: http.timeouts, maxJsonBytes: 64 * 1024, now: () => clock.now(), signal: o.signal };
  return withRetry({ policy: resolveRetry(o.retry ?? { maxAttempts: 3 }), clock, random: Math.random, log: http.log, label: 'GET /_edge/tenant_info', signal: o.signal }, async () => {
    const ex = await exchange(http, { method: 'GET', url: new URL(`${site}/_edge/tenant_info`), accept: 'application/json', signal: o.signal });
    try {
      await ensureSuccess(ex, ctx);
      const json = await readJson(ex, ctx);
      const id = typeof json === 'object' && json !== null ? (json as { cloudId?: unknown }).cloudId : undefined;
      return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
    } catch (e) {
      // Only a transient answer is worth a retry; any other answer means "not Cloud".
      if (e instanceof AuditError && (e.kind === 'rateLimited' || e.kind === 'server' || e.kind === 'timeout' || e.kind === 'network' || e.kind === 'cancelled')) {
        throw e;
      }
      return undefined;
    }
  });
}

/**
 * *.atlassian.net is Cloud without a request; otherwise Cloud when <site>/_edge/tenant_info answers
 * JSON with a cloudId, Data Center when it answers anything else. Network failures throw.
 */
export async function detectDeployment(siteUrl: string, options: DiscoveryOptions = {}): Promise<Deployment> {
  const site = normalizeSiteUrl(siteUrl);
  if (isAtlassianNet(new URL(site).hostname)) {
    return 'cloud';
  }
  const root = site.replace(/\/wiki$/i, '');
  return withHttp(options, async (http) => ((await tenantCloudId(http, root, options)) !== undefined ? 'cloud' : 'datacenter'));
}

export async function discoverCloudId(siteUrl: string, options: DiscoveryOptions = {}): Promise<string> {
  const site = normalizeSiteUrl(siteUrl, 'cloud');
  const id = await withHttp(options, (http) => tenantCloudId(http, site, options));
  if (id === undefined) {
    throw new AuditError('notConfluence', `${site} did not report a cloud ID at /_edge/tenant_info. Scoped API tokens work only with Confluence Cloud sites; check the site address.`, { retryable: false });
  }
  return id;
}
