// The organization's members are the seeded site's people (same account ids and names, and the
// addresses their site events come from), with e-mail addresses derived from their names: the
// site log has no e-mails, the organization log does.
import { createWorld, type Person } from '../data/world';

export interface OrgMember {
  accountId: string;
  name: string;
  email: string;
  addresses: string[];
}

export function orgMembers(seed: number): OrgMember[] {
  return createWorld(seed).people.flatMap((p) => (typeof p.author.accountId === 'string' ? [member(p, p.author.accountId)] : []));
}

function member(p: Person, accountId: string): OrgMember {
  return { accountId, name: p.author.displayName, email: emailFor(p.author.displayName, accountId), addresses: [...p.addresses] };
}

/** "Lucía O'Brien" → lucia.obrien@example.com; names without Latin letters use the account id. */
export function emailFor(name: string, accountId: string): string {
  const local = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/'/g, '').replace(/[^a-z0-9]+/g, '.').replace(/^\.+|\.+$/g, '');
  const parts = local.split('.').filter((s) => s !== '');
  return parts.length >= 2 ? `${local}@example.com` : `user-${accountId.slice(-8)}@example.com`;
}
