// Shared helpers for tests running inside the real extension host.
import * as vscode from 'vscode';
import type { ConfluenceAuditApi } from '../../src/extension';
import type { AuditNode } from '../../src/views/nodes';

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
