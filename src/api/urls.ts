// Site URL normalisation and REST URL building.
import { AuditError } from './errors';
import type { Deployment } from './types';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function invalid(message: string): AuditError {
  return new AuditError('invalidUrl', message, { retryable: false });
}

export function isAtlassianNet(host: string): boolean {
  return host === 'atlassian.net' || host.endsWith('.atlassian.net');
}

/**
 * Trims, requires https: (http: only for loopback hosts), drops query, fragment and trailing '/'.
 * Cloud sites (*.atlassian.net, or `deployment` 'cloud') are reduced to their root: a pasted
 * '/wiki' or page URL is not part of the site address.
 */
export function normalizeSiteUrl(input: string, deployment?: Deployment): string {
  const trimmed = input.trim();
  if (trimmed === '') {
    throw invalid('Enter the site address, for example https://your-site.atlassian.net.');
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(`"${trimmed}" is not a valid address. Enter it like https://your-site.atlassian.net.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid('The site address must not contain a user name or password; credentials are asked for separately.');
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw invalid(`The site address must use https:// (plain http:// would send your token unencrypted): ${url.host}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`The site address must start with https://, not ${url.protocol}//.`);
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (isAtlassianNet(url.hostname)) {
    path = '';
  } else if (deployment === 'cloud') {
    path = path.replace(/\/wiki$/i, '');
  }
  return `${url.protocol}//${url.host}${path}`;
}

/** The REST base under which /audit lives, e.g. https://acme.atlassian.net/wiki/rest/api. */
export function restBase(siteUrl: string, deployment: Deployment): string {
  return deployment === 'cloud' ? `${siteUrl}/wiki/rest/api` : `${siteUrl}/rest/api`;
}

export function gatewayRestBase(gatewayUrl: string, cloudId: string): string {
  return `${gatewayUrl.replace(/\/+$/, '')}/ex/confluence/${encodeURIComponent(cloudId)}/wiki/rest/api`;
}

export type QueryValue = string | number | undefined;

export function buildUrl(base: string, path: string, query: Record<string, QueryValue> = {}): URL {
  const url = new URL(`${base}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) {
      url.searchParams.set(name, String(value));
    }
  }
  return url;
}

export function sameOrigin(a: URL, b: URL): boolean {
  return a.origin === b.origin;
}
