// Shared helpers for tests running inside the real extension host.
import type { AuditRecord } from '../../src/api/types';
import * as assert from 'node:assert/strict';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConfluenceAuditApi } from '../../src/extension';
import type { SiteConfig } from '../../src/sites/siteConfig';
import type { Simulator } from '../../simulator';
import type { AuditNode } from '../../src/tree/nodes';

export const EXTENSION_ID = 'confluence-audit.confluence-audit';

export async function getApi(): Promise<ConfluenceAuditApi> {
  const extension = vscode.extensions.getExtension<ConfluenceAuditApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Polls until the condition holds; fails with the last observed value after the timeout. */
export async function waitFor<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
}

export async function removeAllSites(api: ConfluenceAuditApi): Promise<void> {
  for (const site of api.sessions.sites()) {
    await vscode.commands.executeCommand('confluenceAudit.removeSite', site.id, true);
  }
  await waitFor(() => api.sessions.sites().length, (n) => n === 0, 'sites removed');
}

export async function labelOf(api: ConfluenceAuditApi, node: AuditNode): Promise<string> {
  const item = api.tree.getTreeItem(node);
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export async function childrenOf(api: ConfluenceAuditApi, node?: AuditNode): Promise<AuditNode[]> {
  const children = await api.tree.getChildren(node);
  return children ?? [];
}

export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
}

/** A profile with exactly one site, the simulator's Cloud admin account, times in UTC. */
export async function addSimulatorSite(api: ConfluenceAuditApi, sim: Pick<Simulator, 'url' | 'admin'>): Promise<SiteConfig> {
  await removeAllSites(api);
  await setUserSetting('confluenceAudit.timeZone', 'utc');
  const added = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('confluenceAudit.addSite', {
    url: sim.url,
    authKind: 'basic',
    email: sim.admin.email,
    token: sim.admin.apiToken,
    label: 'Simulator',
  });
  assert.equal(added?.ok, true, added?.reason);
  const [site] = await waitFor(() => api.sessions.sites(), (s) => s.length === 1, 'the site');
  return site;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration workspace has a folder open');
  return folder;
}

/** audit-exports/ of the test workspace, emptied. */
export function freshExportFolder(): string {
  const folder = path.join(workspaceFolder().uri.fsPath, 'audit-exports');
  rmSync(folder, { recursive: true, force: true });
  return folder;
}

/**
 * A record as our CSV export keeps it: an empty optional cell means absent, so the accountType "" real Cloud
 * (and the simulator) sends on every record reads back from a CSV as no accountType.
 */
export function asOurCsvKeepsIt(r: AuditRecord): AuditRecord {
  if (r.author.accountType !== '') return r;
  const { accountType: _empty, ...author } = r.author;
  return { ...r, author };
}

/** Every file below `dir` (under 50 MB), for the searches that prove a secret was never written. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = path.join(d, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(full);
      else if (stat?.isFile() && stat.size < 50_000_000) out.push(full);
    }
  };
  walk(dir);
  return out;
}
