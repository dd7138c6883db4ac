// The seeded organization's events. Most mirror seeded site records: the same person (account id,
// name) from the same address, logging in 1-14 minutes before the site event, or doing the
// confluence_* action within seconds of it, so "same actor or IP ±15 minutes" finds pairs. The
// rest are organization-only events (failed logins, API tokens, product access, groups). About 3%
// carry a hostile string. Deterministic per seed.
import type { AuditRecord } from '../../src/api/types';
import type { SeededData } from '../data/generate';
import { HOSTILE_STRINGS } from '../data/hostile';
import { Prng, hash32 } from '../prng';
import { ORG_ACTIONS, type ActionName } from './actions';
import type { StoredOrgEvent } from './event';
import type { OrgMember } from './people';

const SALT = 0x0e6a;
const MINUTE = 60_000;
const HOSTILE_RATE = 0.03;
const MIRRORED_SHARE = 0.6;

const PLACES = [
  { geo: '52.52,13.405', countryName: 'Germany', regionName: 'Berlin', city: 'Berlin' },
  { geo: '-23.55,-46.633', countryName: 'Brazil', regionName: 'São Paulo', city: 'São Paulo' },
  { geo: '35.676,139.65', countryName: 'Japan', regionName: 'Tokyo', city: 'Tokyo' },
  { geo: '51.507,-0.128', countryName: 'United Kingdom', regionName: 'England', city: 'London' },
  { geo: '6.524,3.379', countryName: 'Nigeria', regionName: 'Lagos', city: 'Lagos' },
  { geo: '59.329,18.069', countryName: 'Sweden', regionName: 'Stockholm', city: 'Stockholm' },
];
const SPACES = [['ENG', 'Engineering'], ['HR', 'Human Resources'], ['SEC', 'Security Team'], ['FIN', 'Finance'], ['OPS', 'Platform Operations']] as const;
const GROUPS = ['confluence-users', 'site-admins', 'trusted-users', 'external-contractors'];
const TOKEN_LABELS = ['CI export bot', 'audit-sync', 'Backup script', 'Jira automation'];
const ORG_ONLY: readonly ActionName[] = ['loginFailed', 'tokenCreated', 'tokenRevoked', 'accessGranted', 'accessRevoked', 'groupAdded', 'spaceCreated', 'spaceExported'];
const CONFLUENCE: readonly ActionName[] = ['spacePermissionAdded', 'spacePermissionRemoved', 'spaceCreated', 'spaceExported'];

export interface OrgDataOptions {
  seed: number;
  count: number;
  anchor: number;
  periodMs: number;
  cloudId: string;
  siteName: string;
  members: OrgMember[];
  seeded: SeededData;
}

type Draft = Omit<StoredOrgEvent, 'seq'>;

/** Events in processing order, with `seq` assigned. */
export function generateOrgEvents(o: OrgDataOptions): StoredOrgEvent[] {
  const rng = new Prng(hash32(o.seed, SALT));
  const byId = new Map(o.members.map((m) => [m.accountId, m]));
  const drafts: Draft[] = [];
  const mirrored = Math.round(o.count * MIRRORED_SHARE);
  const stride = Math.max(1, Math.floor(o.seeded.count / Math.max(1, mirrored)));
  for (let k = 0; k < o.seeded.count && drafts.length < mirrored; k += stride) {
    const record: AuditRecord = o.seeded.record(k);
    const accountId = record.author.accountId;
    const member = typeof accountId === 'string' ? byId.get(accountId) : undefined;
    if (member !== undefined) {
      drafts.push(mirror(rng, o, member, record));
    }
  }
  while (drafts.length < o.count && o.members.length > 0) {
    const member = rng.pick(o.members);
    const time = Math.round(o.anchor - rng.next() * o.periodMs);
    drafts.push(build(rng, o, rng.pick(ORG_ONLY), member, rng.pick(member.addresses), time));
  }
  let hostile = 0;
  for (const d of drafts) {
    if (rng.chance(HOSTILE_RATE)) {
      plantHostile(d, HOSTILE_STRINGS[hostile++ % HOSTILE_STRINGS.length]);
    }
  }
  drafts.sort((a, b) => a.processedAt - b.processedAt || (a.id < b.id ? -1 : 1));
  return drafts.map((d, seq) => ({ ...d, seq }));
}

function mirror(rng: Prng, o: OrgDataOptions, member: OrgMember, record: AuditRecord): Draft {
  const r = rng.next();
  const name: ActionName = r < 0.6 ? 'login' : r < 0.85 ? rng.pick(CONFLUENCE) : 'tokenCreated';
  const time = name === 'login' ? record.creationDate - (1 + rng.int(14)) * MINUTE + rng.int(MINUTE) : record.creationDate + rng.int(3000);
  return build(rng, o, name, member, record.remoteAddress, Math.min(time, o.anchor));
}

function build(rng: Prng, o: OrgDataOptions, name: ActionName, member: OrgMember, ip: string, time: number): Draft {
  const action = ORG_ACTIONS[name];
  const site = { id: o.cloudId, type: 'sites', attributes: { siteName: o.siteName, product: 'confluence' } };
  const target = rng.pick(o.members);
  const [spaceKey, spaceName] = rng.pick(SPACES);
  const token = { authType: 'api-token', tokenId: rng.uuid(), tokenLabel: rng.pick(TOKEN_LABELS) };
  let context: Draft['context'] = [];
  let detail = '';
  switch (name) {
    case 'login':
    case 'loginFailed':
      break;
    case 'tokenCreated':
    case 'tokenRevoked':
      context = [{ id: token.tokenId, type: 'api-tokens', attributes: { label: token.tokenLabel } }];
      detail = ` "${token.tokenLabel}"`;
      break;
    case 'accessGranted':
    case 'accessRevoked':
      context = [site, { id: target.accountId, type: 'users', attributes: { name: target.name, email: target.email } }];
      detail = ` for ${target.name} on ${o.siteName}`;
      break;
    case 'groupAdded': {
      const group = rng.pick(GROUPS);
      context = [{ id: rng.uuid(), type: 'groups', attributes: { name: group } }, { id: target.accountId, type: 'users', attributes: { name: target.name, email: target.email } }];
      detail = `: ${target.name} to ${group}`;
      break;
    }
    default:
      context = [site, { id: String(10_000 + rng.int(90_000)), type: 'space', attributes: { key: spaceKey, name: spaceName } }];
      detail = ` in space ${spaceName}`;
  }
  // Confluence actions are sometimes done by a script with an API token.
  const viaToken = CONFLUENCE.includes(name) && rng.chance(0.3);
  return {
    id: rng.uuid(),
    time,
    processedAt: time + 200 + rng.int(20_000),
    action: action.id,
    actor: { id: member.accountId, name: member.name, email: member.email, ...(viaToken ? { auth: token } : {}) },
    context,
    location: { ip, ...PLACES[hash32(...[...ip].map((c) => c.charCodeAt(0))) % PLACES.length] },
    message: { content: `${member.name}: ${action.displayName}${detail}`, format: 'simple' },
  };
}

function plantHostile(d: Draft, value: string): void {
  if (d.actor.auth !== undefined) {
    d.actor.auth.tokenLabel = value;
  } else if (d.context.length > 0) {
    d.context[d.context.length - 1].attributes.name = value;
  } else if (d.location !== undefined) {
    d.location.city = value;
  }
  d.message.content = `${d.message.content} ${value}`;
}
