// The organization API keys of one simulator run: a working key, an expired one and one of an
// organization without Atlassian Guard. Random per start (node:crypto), never from the data seed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface OrgKeys {
  key: string;
  expiredKey: string;
  nonGuardKey: string;
}

export type KeyOutcome = 'valid' | 'expired' | 'nonGuard' | 'wrong' | 'missing';

export function createOrgKeys(): OrgKeys {
  return { key: makeKey(), expiredKey: makeKey(), nonGuardKey: makeKey() };
}

function makeKey(): string {
  // Shaped like a long opaque Atlassian key so secret detection sees realistic values.
  return `ATCTT3xFfGN0${randomBytes(36).toString('base64url')}`;
}

export function checkKey(header: string | undefined, keys: OrgKeys): KeyOutcome {
  if (header === undefined || header === '') {
    return 'missing';
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) {
    return 'wrong';
  }
  const given = match[1];
  if (same(given, keys.key)) {
    return 'valid';
  }
  if (same(given, keys.expiredKey)) {
    return 'expired';
  }
  return same(given, keys.nonGuardKey) ? 'nonGuard' : 'wrong';
}

/** Constant-time comparison (digests make the lengths equal). */
function same(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}
