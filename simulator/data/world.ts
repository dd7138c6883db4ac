// The seeded "site" the audit events talk about: people, apps, spaces, groups and pages.
import type { AuditRecordAuthor } from '../../src/api/types';
import { Prng, hash32 } from '../prng';

export interface Person {
  author: AuditRecordAuthor;
  /** Addresses this person's events come from (IPv4 and IPv6 documentation ranges). */
  addresses: string[];
  isAdmin: boolean;
}

export interface World {
  people: Person[];
  admins: Person[];
  apps: Person[];
  system: AuditRecordAuthor;
  systemAddresses: string[];
  spaces: { name: string; key: string }[];
  groups: string[];
  pages: string[];
  appNames: string[];
}

const FIRST = [
  'Alice', 'Bruno', 'Chen', 'Dalia', 'Emeka', 'Freya', 'Gustavo', 'Hana', 'Ivan', 'Jamila', 'Kenji',
  'Lucía', 'Mateus', 'Nadia', 'Olu', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomás', 'Uma', 'Viktor',
  'Wen', 'Xavier', 'Yara', 'Zoë', 'José', 'Ángel', '李', 'Søren',
];
const LAST = [
  'Anderson', 'Bakker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Hoffmann', 'Ivanova',
  'Johansson', 'Kowalski', 'Lindqvist', 'Müller', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi',
  'Schmidt', 'Tanaka', 'Ueda', 'Varga', 'Wójcik', 'Álvarez', '伟', 'O\'Brien',
];
const SPACES: [string, string][] = [
  ['Engineering', 'ENG'], ['Human Resources', 'HR'], ['Product Management', 'PM'], ['Marketing', 'MKT'],
  ['Security Team', 'SEC'], ['Customer Support', 'CS'], ['Legal', 'LEGAL'], ['Finance', 'FIN'],
  ['Design System', 'DS'], ['Onboarding', 'ONB'], ['Platform Operations', 'OPS'], ['Sales Playbooks', 'SALES'],
];
/** Product default groups carry a site suffix in Cloud (confluence-users:<uuid>); custom ones do not. */
const SUFFIXED_GROUPS = ['confluence-users', 'confluence-administrators', 'site-admins', 'jira-software-users'];
const CUSTOM_GROUPS = ['administrators', 'trusted-users', 'external-contractors', 'security-reviewers', 'finance-team'];
const PAGES = [
  'Q3 Planning', 'Incident 2291 postmortem', 'Onboarding checklist', 'Architecture decision records',
  'Release notes 4.2', 'Team directory', 'Salary bands 2024', 'Vendor contracts', 'Runbook: database failover',
  'Meeting notes 2024-05-14', 'Design review: audit export', 'How we hire', 'API style guide',
  'Holiday calendar', 'Customer escalations', 'Security policy', 'Roadmap', 'Retrospective',
];
const APP_NAMES = [
  'Jira Cloud', 'Slack for Confluence', 'draw.io Diagrams', 'Gliffy Diagrams', 'Scroll PDF Exporter',
  'Comala Document Management', 'Microsoft Teams for Confluence', 'Zapier',
];

export function createWorld(seed: number): World {
  const rng = new Prng(hash32(seed, 0x3017d));
  const people: Person[] = [];
  const usedNames = new Set<string>();
  while (people.length < 48) {
    const displayName = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    if (usedNames.has(displayName)) {
      continue;
    }
    usedNames.add(displayName);
    people.push(makePerson(rng, displayName, people.length));
  }
  const apps = APP_NAMES.map((name) => makeApp(rng, name));
  return {
    people,
    admins: people.filter((p) => p.isAdmin),
    apps,
    // As real Cloud sends it: no ids, accountType "", publicName "Unknown user", no isGuest.
    system: {
      type: 'user',
      displayName: 'System',
      operations: null,
      isExternalCollaborator: false,
      accountType: '',
      publicName: 'Unknown user',
      externalCollaborator: false,
    },
    systemAddresses: ['192.0.2.10', '2001:db8:ffff::10', '192.0.2.11'],
    spaces: SPACES.map(([name, key]) => ({ name, key })),
    groups: [...SUFFIXED_GROUPS.map((base) => `${base}:${rng.uuid()}`), ...CUSTOM_GROUPS],
    pages: PAGES,
    appNames: APP_NAMES,
  };
}

function makePerson(rng: Prng, displayName: string, index: number): Person {
  // The first few people are the site's admins; a handful are external collaborators (guests).
  const isAdmin = index < 6;
  const isExternal = !isAdmin && rng.chance(0.12);
  return { author: realAuthor(displayName, `557058:${rng.uuid()}`, rng.hex(32), isExternal), addresses: personAddresses(rng), isAdmin };
}

/**
 * An author as real Cloud sends one: operations null, accountType "", publicName "Unknown user" (for real
 * people too), the account id repeated as the username, a user key, no isGuest.
 */
function realAuthor(displayName: string, accountId: string, userKey: string, isExternal: boolean): AuditRecordAuthor {
  return {
    type: 'user',
    displayName,
    operations: null,
    isExternalCollaborator: isExternal,
    username: accountId,
    userKey,
    accountId,
    accountType: '',
    publicName: 'Unknown user',
    externalCollaborator: isExternal,
  };
}

function personAddresses(rng: Prng): string[] {
  const addresses = [ipv4(rng)];
  if (rng.chance(0.4)) {
    addresses.push(ipv6(rng));
  }
  return addresses;
}

function makeApp(rng: Prng, name: string): Person {
  return {
    author: realAuthor(name, rng.hex(24), rng.hex(32), false),
    addresses: [rng.chance(0.5) ? ipv4(rng) : ipv6(rng)],
    isAdmin: false,
  };
}

// Documentation-only ranges (RFC 5737 / RFC 3849): the data never names a real host.
function ipv4(rng: Prng): string {
  const nets = ['203.0.113', '198.51.100', '192.0.2'];
  return `${rng.pick(nets)}.${1 + rng.int(254)}`;
}

function ipv6(rng: Prng): string {
  return `2001:db8:${rng.hex(4).replace(/^0+(?=.)/, '')}:${rng.int(0xffff).toString(16)}::${(1 + rng.int(0xfffe)).toString(16)}`;
}
