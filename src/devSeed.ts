// Development mode only (`npm run demo`, UI tests): seeds sites and their tokens from a JSON file named
// by CONFLUENCE_AUDIT_DEV_SITE, so the demo opens on a working site (and, when a site's entry names one, the
// simulator's organization with its API key). An installed extension never
// reads it: VS Code runs installed extensions in ExtensionMode.Production.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Logger } from './log';
import type { OrgSessions } from './sites/orgSessions';
import type { SiteSessions } from './sites/siteSessions';

interface SeedOrg {
  apiUrl: string;
  orgId: string;
  key: string;
  label?: string;
}

interface SeedFile {
  url: string;
  authKind: 'basic' | 'bearer';
  email?: string;
  token: string;
  label?: string;
  org?: SeedOrg;
}

function isSeedOrg(value: unknown): value is SeedOrg {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.apiUrl === 'string' && typeof v.orgId === 'string' && typeof v.key === 'string';
}

function isSeedFile(value: unknown): value is SeedFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.url === 'string' && typeof v.token === 'string' && (v.authKind === 'basic' || v.authKind === 'bearer');
}

export async function seedDevelopmentSite(context: vscode.ExtensionContext, sessions: SiteSessions, orgs: OrgSessions, log: Logger): Promise<void> {
  const file = process.env.CONFLUENCE_AUDIT_DEV_SITE;
  if (!file || context.extensionMode === vscode.ExtensionMode.Production) return;
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    // One site, or several (the demo's Cloud and Data Center faces).
    const seeds: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
    for (const seed of seeds) {
      if (!isSeedFile(seed)) throw new Error('expected {url, authKind, email?, token, label?} or a list of them');
      await seedSite(sessions, seed);
      log.info(`Development mode: site ${seed.url} seeded from ${file}.`);
      if (isSeedOrg(seed.org)) await seedOrg(orgs, seed.org, log);
    }
  } catch (error) {
    log.error(`Development mode: could not seed a site from ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function seedSite(sessions: SiteSessions, seed: SeedFile): Promise<void> {
  const existing = sessions.sites().find((s) => s.url === seed.url);
  const id = existing?.id ?? randomUUID();
  // Token first: a site without its token would flash "token required".
  await sessions.tokens.store(id, seed.token);
  if (!existing) {
    await sessions.store.upsert({
      id,
      url: seed.url,
      label: seed.label ?? new URL(seed.url).host,
      deployment: seed.authKind === 'bearer' ? 'datacenter' : 'cloud',
      authKind: seed.authKind,
      email: seed.email,
    });
  }
}

async function seedOrg(orgs: OrgSessions, seed: SeedOrg, log: Logger): Promise<void> {
  const existing = orgs.orgs().find((o) => o.apiUrl === seed.apiUrl && o.orgId === seed.orgId);
  const id = existing?.id ?? randomUUID();
  await orgs.changeKey(id, seed.key);
  if (!existing) await orgs.store.upsert({ id, orgId: seed.orgId, apiUrl: seed.apiUrl, label: seed.label ?? seed.orgId, keyAddedAt: Date.now() });
  log.info(`Development mode: organization ${seed.orgId} seeded.`);
}
