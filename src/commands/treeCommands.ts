// Commands on tree nodes: refresh, load more, retry, and opening a record.
import * as vscode from 'vscode';
import type { SiteSessions } from '../sites/siteSessions';
import type { AuditTreeProvider } from '../views/auditTreeProvider';
import type { AutoRefresh } from '../views/autoRefresh';
import type { AuditNode } from '../views/nodes';
import type { RecordDocuments } from '../views/recordDocuments';

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

/** Opens a record; the detail webview replaces this with a richer view, JSON stays the text alternative. */
export async function openRecord(sessions: SiteSessions, documents: RecordDocuments, node: unknown): Promise<void> {
  if (!isNode(node, 'record')) {
    void vscode.window.showInformationMessage('Select an audit record in the Confluence Audit view to open it.');
    return;
  }
  const record = node.record;
  const site = sessions.store.get(node.siteId);
  await documents.open(record, site?.label ?? 'confluence');
}
