// Credentials → Authorization header. Every secret is registered for redaction before first use.
import type { TokenName } from './messages';
import { registerSecret } from './redact';

export type Credentials =
  | { kind: 'basic'; email: string; token: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'scoped'; email: string; token: string; cloudId?: string };

export function authorizationHeader(c: Credentials): string {
  if (c.kind === 'bearer') {
    registerSecret(c.token);
    return `Bearer ${c.token}`;
  }
  registerSecret(c.token);
  const encoded = Buffer.from(`${c.email}:${c.token}`, 'utf8').toString('base64');
  registerSecret(encoded);
  return `Basic ${encoded}`;
}

export function tokenName(c: Credentials): TokenName {
  switch (c.kind) {
    case 'basic':
      return 'API token';
    case 'bearer':
      return 'personal access token';
    case 'scoped':
      return 'scoped API token';
  }
}
