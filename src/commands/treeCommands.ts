// Commands on tree nodes: refresh, load more, retry, and opening a record.
import * as vscode from 'vscode';
import type { SiteSessions } from '../sites/siteSessions';
import type { SourceLookup } from '../sources/directory';
import type { AuditNode } from '../tree/nodes';
import type { TreeState } from '../tree/treeState';
import type { WebviewsApi } from '../webview';
import { pickSite, siteIdFromArg } from '../prompts/pickSite';

/** What these commands ask of the tree state. */
export type TreeActions = Pick<TreeState, 'refresh' | 'refreshNode' | 'refreshSource' | 'loadMore' | 'retry' | 'cancelWaits' | 'windowNode'>;

function isNode<K extends AuditNode['kind']>(value: unknown, kind: K): value is Extract<AuditNode, { kind: K }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;
}

export function refreshAll(tree: TreeActions, autoRefresh: { updateBadge(): void }): void {
  tree.refresh();
  autoRefresh.updateBadge();
}

export function refreshNode(tree: TreeActions, node: unknown): void {
  if (typeof node === 'object' && node !== null && 'kind' in node) tree.refreshNode(node as AuditNode);
  else tree.refresh();
}

export async function loadMore(tree: TreeActions, node: unknown): Promise<void> {
  if (isNode(node, 'loadMore')) await tree.loadMore(node);
}

export async function retry(tree: TreeActions, node: unknown): Promise<void> {
  if (isNode(node, 'bucket')) await tree.retry(node);
  else if (typeof node === 'string') tree.refreshSource(node);
  else tree.refresh();
}

/** Stops waiting for Confluence's rate limit: one bucket (its tree row) or all (the status bar). */
export function cancelWait(tree: TreeActions, node: unknown): void {
  tree.cancelWaits(isNode(node, 'bucket') ? node : undefined);
}

/** Opens a record in the detail panel (its "Open as JSON" action is the text alternative). */
export function openRecord(sources: SourceLookup, webviews: WebviewsApi, node: unknown): void {
  if (!isNode(node, 'record')) {
    void vscode.window.showInformationMessage('Select an audit record in the Confluence Audit view to open it.');
    return;
  }
  const origin = sources.get(node.siteId)?.origin;
  // A source gone meanwhile is taken for a closed snapshot, as the label's fallback says.
  webviews.showRecord(node.record, { id: node.siteId, label: origin?.recordSite ?? 'Offline snapshot', fieldsFrom: origin?.fieldsFrom ?? 'file' });
}

export async function editRetention(sessions: SiteSessions, sources: SourceLookup, webviews: WebviewsApi, arg: unknown): Promise<void> {
  const named = siteIdFromArg(arg);
  const source = named ? sources.get(named) : undefined;
  // Only automation can name a source without a retention period (an opened export): menus never offer it.
  if (source && !source.retention?.editable) return sayWhyNoRetention(source.retentionNote);
  const site = await pickSite(sessions, arg, 'Edit the audit retention of which site?');
  if (!site) return;
  // A site whose audit log has no retention API (Data Center advanced auditing) says so instead of failing.
  const picked = sources.get(site.id);
  if (picked && !picked.retention) return sayWhyNoRetention(picked.retentionNote);
  webviews.showRetention(site);
}

function sayWhyNoRetention(note: string | undefined): void {
  if (note !== undefined) void vscode.window.showInformationMessage(note);
}

/** Shows a window in the tree (the detail panel's "15 minutes around this one"). */
export async function revealWindow(view: vscode.TreeView<AuditNode>, tree: TreeActions, siteId: string, windowId: string): Promise<void> {
  const node = tree.windowNode(siteId, windowId);
  if (node) await view.reveal(node, { expand: true, select: true, focus: true });
}
