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
  /** Epoch ms when the key was stored: it was made before, and a key lives a year at most. */
  keyAddedAt?: number;
  /**
   * Epoch ms when the key expires, as the organization's API lists it (the API Access API's `expiresAt`
   * of the entry the user said is this key). Unknown when the list could not be read or no entry was picked.
   */
  keyExpiresAt?: number;
  /** That entry's name, so the warning can say which key it means. */
  keyLabel?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Reads one settings entry; anything malformed (hand-edited settings) is dropped rather than trusted. */
export function parseOrgConfig(raw: unknown): OrgConfig | undefined {
  if (!isRecord(raw)) return undefined;
  const { id, orgId, apiUrl, label, keyAddedAt, keyExpiresAt, keyLabel } = raw;
  if (typeof id !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(id)) return undefined;
  if (typeof orgId !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(orgId)) return undefined;
  if (typeof apiUrl !== 'string' || !/^https?:\/\/[^\s]+$/.test(apiUrl)) return undefined;
  return {
    id,
    orgId,
    apiUrl,
    label: typeof label === 'string' && label.trim() !== '' ? label : orgId,
    ...(isTime(keyAddedAt) ? { keyAddedAt } : {}),
    ...(isTime(keyExpiresAt) ? { keyExpiresAt } : {}),
    ...(typeof keyLabel === 'string' && keyLabel.trim() !== '' ? { keyLabel: keyLabel.slice(0, 200) } : {}),
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

/**
 * When the key expires, if that is near (within KEY_WARNING_MS) or past; else undefined. The expiry the
 * organization's API listed for it when known; otherwise the latest it can be (a year after it was stored,
 * since it was made before), which is only a bound: a key made with the default lasts a week.
 */
export function keyExpiryNear(org: OrgConfig, now: number): number | undefined {
  const at = org.keyExpiresAt ?? (org.keyAddedAt === undefined ? undefined : org.keyAddedAt + KEY_LIFETIME_MS);
  return at !== undefined && at - now <= KEY_WARNING_MS ? at : undefined;
}
