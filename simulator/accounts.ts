// The simulator's two users: an admin (may read the audit log) and a plain user (gets 403).
// Secrets are random per start (node:crypto), never derived from the data seed.
import { randomBytes } from 'node:crypto';

export interface SimulatorAccount {
  email: string;
  /** Cloud API token (Basic email:apiToken; on Data Center also username:apiToken). */
  apiToken: string;
  /** Data Center personal access token (Bearer). */
  pat: string;
  username: string;
  displayName: string;
}

export interface Accounts {
  admin: SimulatorAccount;
  nonAdmin: SimulatorAccount;
}

export function createAccounts(): Accounts {
  return {
    admin: account('audit-admin@example.com', 'admin', 'Avery Admin'),
    nonAdmin: account('viewer@example.com', 'viewer', 'Vic Viewer'),
  };
}

function account(email: string, username: string, displayName: string): SimulatorAccount {
  return {
    email,
    // Shaped like the real thing so prefix-based secret detection in the client sees realistic values.
    apiToken: `ATATT3xFfGF0${randomBytes(36).toString('base64url')}`,
    pat: randomBytes(33).toString('base64').replace(/[+/]/g, 'A'),
    username,
    displayName,
  };
}
