// Commands on tree nodes: refresh, load more, retry, and opening a record.
import * as vscode from 'vscode';
import type { SiteSessions } from '../sites/siteSessions';
import type { AuditTreeProvider } from '../views/auditTreeProvider';
import type { AutoRefresh } from '../views/autoRefresh';
import type { AuditNode } from '../views/nodes';
import type { WebviewsApi } from '../webview';
import { pickSite } from '../prompts/pickSite';

function isNode<K extends AuditNode['kind']>(value: unknown, kind: K): value is Extract<AuditNode, { kind: K }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

export function refreshAll(tree: AuditTreeProvider, autoRefresh: AutoRefresh): void {
  tree.refresh();
  autoRefresh.updateBadge();
}

export function refreshNode(tree: AuditTreeProvider, node: unknown): void {
  if (typeof node === 'object' && node !== null && 'kind' in node) tree.refreshNode(node as AuditNode);
  else tree.refresh();
}

export async function loadMore(tree: AuditTreeProvider, node: unknown): Promise<void> {
  if (isNode(node, 'loadMore')) await tree.loadMore(node);
}

export async function retry(tree: AuditTreeProvider, node: unknown): Promise<void> {
  if (isNode(node, 'bucket')) await tree.retry(node);
  else if (typeof node === 'string') tree.refreshSite(node);
  else tree.refresh();
}

/** Stops waiting for Confluence's rate limit: one bucket (its tree row) or all (the status bar). */
export function cancelWait(tree: AuditTreeProvider, node: unknown): void {
  tree.cancelWaits(isNode(node, 'bucket') ? node : undefined);
}

/** Opens a record in the detail panel (its "Open as JSON" action is the text alternative). */
export function openRecord(sessions: SiteSessions, webviews: WebviewsApi, node: unknown): void {
  if (!isNode(node, 'record')) {
    void vscode.window.showInformationMessage('Select an audit record in the Confluence Audit view to open it.');
    return;
  }
  const site = sessions.store.get(node.siteId);
  webviews.showRecord(node.record, { id: node.siteId, label: site?.label ?? 'Offline snapshot' });
}

export async function editRetention(sessions: SiteSessions, webviews: WebviewsApi, arg: unknown): Promise<void> {
  const site = await pickSite(sessions, arg, 'Edit the audit retention of which site?');
  if (site) webviews.showRetention(site);
}

/** Shows a window in the tree (the detail panel's "15 minutes around this one"). */
export async function revealWindow(view: vscode.TreeView<AuditNode>, tree: AuditTreeProvider, siteId: string, windowId: string): Promise<void> {
  const node = tree.windowNode(siteId, windowId);
  if (node) await view.reveal(node, { expand: true, select: true, focus: true });
}
