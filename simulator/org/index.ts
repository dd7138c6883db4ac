// The simulated Atlassian organization (admin API under /admin/v1 on the simulator's own port):
// its keys, organizations, seeded events mirroring the seeded site, faults and rate limits.
import type { SeededData } from '../data/generate';
import { Faults, type FaultConfig, type FaultController } from '../faults';
import type { Mount } from '../mount';
import { Prng, hash32 } from '../prng';
import { HOSTILE_STRINGS } from '../data/hostile';
import { ORG_ACTIONS } from './actions';
import type { OrgEventInsert, StoredOrgEvent } from './event';
import { generateOrgEvents } from './generate';
import { createOrgKeys } from './keys';
import { orgMembers, type OrgMember } from './people';
import { ORG_PREFIX, orgMount, type OrgLimits } from './server';
import type { OrgApiKeyInfo, OrgInfo } from './shape';
import { OrgEventStore } from './store';

export type { OrgEventInsert, StoredOrgEvent } from './event';
export type { OrgMember } from './people';
export type { OrgApiKeyInfo } from './shape';
export type { OrgLimits } from './server';
export { ORG_ACTIONS, ALL_ACTIONS } from './actions';
export { emailFor } from './people';

export interface OrgSimulatorOptions {
  /** Seeded events (default: a fifth of the site's records, 200 to 5000). */
  events?: number;
  /** Organizations per page of GET /admin/v1/orgs (default 2: the key sees 3, so 2 pages). */
  orgsPageSize?: number;
  /** Largest poll API page (default 1000). */
  maxPageSize?: number;
  /** Default: the query API 10 requests a minute per key and path, the poll API unlimited. */
  rateLimits?: OrgLimits;
  faults?: FaultConfig;
  /**
   * When the working key expires, as the API Access API lists it (default: 25 days after the simulator
   * starts, so the demo shows the warning); the organization's other key lasts most of a year.
   */
  keyExpiresAt?: number;
}

export interface OrgSimulator {
  /** The API base for the client (the simulator's URL; paths start /admin/v1). */
  readonly url: string;
  /** The organization holding the events. */
  readonly orgId: string;
  readonly orgName: string;
  /** The organizations the working key sees (orgId first). */
  readonly orgs: readonly OrgInfo[];
  readonly key: string;
  /** Rejected with 401 as the gateway rejects an expired key. */
  readonly expiredKey: string;
  /** A valid key of an organization without Atlassian Guard: lists its org, 403 on the audit log. */
  readonly nonGuardKey: string;
  readonly members: readonly OrgMember[];
  /** Faults on paths containing /admin/v1/ unless a configuration names other `paths`. */
  readonly faults: FaultController;
  /** The organization's API keys as `/admin/api-access/v1/orgs/{orgId}/api-keys` lists them. */
  readonly apiKeys: readonly OrgApiKeyInfo[];
  /** The entry of that list that is the working key (`key`). */
  readonly keyId: string;
  /** Every event, in processing order (the poll API's ascending order). */
  allEvents(): StoredOrgEvent[];
  /** Events whose time lies in [from, to]. */
  eventsInRange(from: number, to: number): StoredOrgEvent[];
  /** Events that "just got processed" (processedAt = now), at any `time`. */
  insert(events: OrgEventInsert[]): StoredOrgEvent[];
}

export interface OrgSimulatorParts {
  options: OrgSimulatorOptions;
  seed: number;
  seeded: SeededData;
  anchor: number;
  periodMs: number;
  cloudId: string;
  now: () => number;
}

const SALT_ORG = 0x0a6c;
const SALT_INSERT = 0x1a5e;
const DEFAULT_QUERY_LIMIT = { requestsPerSecond: 10 / 60, burst: 10 };
const DAY = 86_400_000;

export function createOrgSimulator(p: OrgSimulatorParts): { org: OrgSimulator; mount: Mount; listening(url: string): void } {
  const rng = new Prng(hash32(p.seed, SALT_ORG));
  const guarded: OrgInfo[] = [
    { id: rng.uuid(), name: 'Acme Corporation' },
    { id: rng.uuid(), name: 'Acme Sandbox' },
    // The organization name is admin-controlled text too.
    { id: rng.uuid(), name: HOSTILE_STRINGS[0] },
  ];
  const unguarded: OrgInfo[] = [{ id: rng.uuid(), name: 'Beta Free Org' }];
  const members = orgMembers(p.seed);
  const count = p.options.events ?? Math.min(5000, Math.max(200, Math.round(p.seeded.count / 5)));
  const store = new OrgEventStore(generateOrgEvents({
    seed: p.seed, count, anchor: p.anchor, periodMs: p.periodMs, cloudId: p.cloudId, siteName: 'Confluence audit simulator', members, seeded: p.seeded,
  }));
  const keys = createOrgKeys();
  const started = p.now();
  const apiKeys: OrgApiKeyInfo[] = [
    { id: rng.uuid(), label: 'Confluence audit review', createdAt: started - 340 * DAY, expiresAt: p.options.keyExpiresAt ?? started + 25 * DAY, createdBy: { id: members[0].accountId, name: members[0].name, email: members[0].email } },
    { id: rng.uuid(), label: 'SIEM export', createdAt: started - 60 * DAY, expiresAt: started + 300 * DAY, createdBy: { id: members[1].accountId, name: members[1].name, email: members[1].email } },
  ];
  const faults = new Faults(p.options.faults, [ORG_PREFIX]);
  let base = '';

  const insert = (events: OrgEventInsert[]): StoredOrgEvent[] => events.map((e) => {
    const r = new Prng(hash32(p.seed, SALT_INSERT, store.size));
    const member = members.find((m) => m.accountId === e.actorAccountId) ?? r.pick(members);
    const action = e.action ?? ORG_ACTIONS.login.id;
    return store.append({
      id: r.uuid(),
      time: e.time,
      action,
      actor: { id: member.accountId, name: member.name, email: member.email },
      context: [],
      location: { ip: e.ip ?? member.addresses[0], geo: '52.52,13.405', countryName: 'Germany', regionName: 'Berlin', city: 'Berlin' },
      message: { content: e.message ?? `${member.name}: ${action}`, format: 'simple' },
    }, p.now());
  });

  const mount = orgMount({
    base: () => base,
    keys,
    guarded,
    unguarded,
    store,
    faults,
    limits: p.options.rateLimits ?? { query: DEFAULT_QUERY_LIMIT },
    maxPageSize: p.options.maxPageSize ?? 1000,
    orgsPageSize: p.options.orgsPageSize ?? 2,
    apiKeys,
    insertLive: (n) => {
      insert(Array.from({ length: n }, () => ({ time: p.now() })));
    },
  });

  const org: OrgSimulator = {
    get url() {
      return base;
    },
    orgId: guarded[0].id,
    orgName: guarded[0].name,
    orgs: guarded,
    key: keys.key,
    expiredKey: keys.expiredKey,
    nonGuardKey: keys.nonGuardKey,
    members,
    faults,
    apiKeys,
    keyId: apiKeys[0].id,
    allEvents: () => store.all(),
    eventsInRange: (from, to) => store.all().filter((e) => e.time >= from && e.time <= to),
    insert,
  };
  return { org, mount, listening: (url) => { base = url; } };
}
