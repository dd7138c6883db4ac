// A configured Atlassian organization, as kept in the application-scoped `confluenceAudit.organizations`
// setting. Never holds the API key: it lives in SecretStorage keyed by the entry's id. No vscode import.

export interface OrgConfig {
  /** Stable id of this entry: keys the API key in SecretStorage. */
  id: string;
  /** The organization's id in the admin API. */
  orgId: string;
  label: string;
  /** The admin API's address (https://api.atlassian.com; the simulator in tests and the demo). */
  apiUrl: string;
  /** Epoch ms when the key was stored: organization API keys expire within a year of creation. */
  keyAddedAt?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one settings entry; anything malformed (hand-edited settings) is dropped rather than trusted. */
export function parseOrgConfig(raw: unknown): OrgConfig | undefined {
  if (!isRecord(raw)) return undefined;
  const { id, orgId, apiUrl, label, keyAddedAt } = raw;
  if (typeof id !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(id)) return undefined;
  if (typeof orgId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(orgId)) return undefined;
  if (typeof apiUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(apiUrl)) return undefined;
  return {
    id,
    orgId,
    apiUrl,
    label: typeof label === 'string' && label.trim() !== '' ? label : orgId,
    ...(typeof keyAddedAt === 'number' && Number.isSafeInteger(keyAddedAt) && keyAddedAt > 0 ? { keyAddedAt } : {}),
  };
}

export function parseOrgList(raw: unknown): OrgConfig[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: OrgConfig[] = [];
  for (const entry of raw) {
    const org = parseOrgConfig(entry);
    if (org && !seen.has(org.id)) {
      seen.add(org.id);
      out.push(org);
    }
  }
  return out;
}

/** A year, the longest an organization API key lives; the warning starts a month before. */
export const KEY_LIFETIME_MS = 365 * 24 * 3600_000;
export const KEY_WARNING_MS = 30 * 24 * 3600_000;

/** When the key may expire at the latest, if it is near (within KEY_WARNING_MS) or past; else undefined. */
export function keyExpiryNear(org: OrgConfig, now: number): number | undefined {
  if (org.keyAddedAt === undefined) return undefined;
  const latest = org.keyAddedAt + KEY_LIFETIME_MS;
  return latest - now <= KEY_WARNING_MS ? latest : undefined;
}
