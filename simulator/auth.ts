// Who is calling: Basic (email:apiToken, or username:apiToken on Data Center) or Bearer (PAT).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Accounts, SimulatorAccount } from './accounts';

/** Which face of the server a request reached. */
export type Flavour = 'cloud' | 'datacenter' | 'gateway';

export type AuthOutcome =
  | { kind: 'admin'; account: SimulatorAccount }
  | { kind: 'nonAdmin'; account: SimulatorAccount }
  | { kind: 'missing' }
  | { kind: 'wrong' }
  /** Data Center with a wrong Bearer token: served as the anonymous user, with 200s. */
  | { kind: 'anonymous' };

export function authenticate(header: string | undefined, flavour: Flavour, accounts: Accounts): AuthOutcome {
  if (!header) {
    return { kind: 'missing' };
  }
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  const candidates: [SimulatorAccount, 'admin' | 'nonAdmin'][] = [[accounts.admin, 'admin'], [accounts.nonAdmin, 'nonAdmin']];
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? '' : decoded.slice(colon + 1);
    for (const [account, kind] of candidates) {
      const userMatches = user === account.email || (flavour === 'datacenter' && user === account.username);
      if (userMatches && sameSecret(secret, account.apiToken)) {
        return { kind, account };
      }
    }
    return { kind: 'wrong' };
  }
  if (scheme === 'bearer' && flavour !== 'gateway') {
    for (const [account, kind] of candidates) {
      if (sameSecret(value, account.pat)) {
        return { kind, account };
      }
    }
    return flavour === 'datacenter' ? { kind: 'anonymous' } : { kind: 'wrong' };
  }
  return { kind: 'wrong' };
}

/** Constant-time comparison (digests make the lengths equal). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
