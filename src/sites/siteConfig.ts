// A configured Confluence site, as kept in the application-scoped `confluenceAudit.sites` setting.
// Never holds a token: tokens live in SecretStorage keyed by the site id.
import type { Deployment } from '../api';

export type AuthKind = 'basic' | 'bearer' | 'scoped';

export interface SiteConfig {
  /** Stable id: survives renames and keys the token in SecretStorage. */
  id: string;
  label: string;
  url: string;
  deployment: Deployment;
  authKind: AuthKind;
  /** Account e-mail for Cloud (basic and scoped tokens). */
  email?: string;
  /** Cloud id for scoped tokens, discovered when the site is added. */
  cloudId?: string;
}

const AUTH_KINDS: readonly AuthKind[] = ['basic', 'bearer', 'scoped'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Reads one settings entry; anything malformed (hand-edited settings) is dropped rather than trusted. */
export function parseSiteConfig(raw: unknown): SiteConfig | undefined {
  if (!isRecord(raw)) return undefined;
  const { id, url, deployment, authKind } = raw;
  if (typeof id !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(id)) return undefined;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return undefined;
  if (deployment !== 'cloud' && deployment !== 'datacenter') return undefined;
  if (typeof authKind !== 'string' || !AUTH_KINDS.includes(authKind as AuthKind)) return undefined;
  const kind = authKind as AuthKind;
  const email = optionalString(raw.email);
  if (kind !== 'bearer' && !email) return undefined;
  return {
    id,
    url,
    deployment,
    authKind: kind,
    email,
    cloudId: optionalString(raw.cloudId),
    label: optionalString(raw.label) ?? new URL(url).host,
  };
}

export function parseSiteList(raw: unknown): SiteConfig[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const sites: SiteConfig[] = [];
  for (const entry of raw) {
    const site = parseSiteConfig(entry);
    if (site && !seen.has(site.id)) {
      seen.add(site.id);
      sites.push(site);
    }
  }
  return sites;
}

export function authKindLabel(kind: AuthKind): string {
  switch (kind) {
    case 'basic':
      return 'Cloud: e-mail and API token';
    case 'scoped':
      return 'Cloud: e-mail and scoped API token';
    case 'bearer':
      return 'Data Center: personal access token';
  }
}
