// The "Audit Log" tree view: sources → time windows → buckets → records. It only maps the tree state
// (src/tree) to TreeItems (treeItems.ts); what is listed, loaded and refreshed is the state's business.
import * as vscode from 'vscode';
import type { ZoneSetting } from '../model/timeZone';
import type { AuditNode } from '../tree/nodes';
import type { TreeState } from '../tree/treeState';
import { bucketItem, loadMoreItem, messageItem, recordItem, resolveRecordTooltip, sourceItem, windowItem } from './treeItems';

export const AUDIT_VIEW_ID = 'confluenceAudit.auditLog';

export class AuditTreeProvider implements vscode.TreeDataProvider<AuditNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AuditNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly state: TreeState,
    private readonly zone: () => ZoneSetting,
    /** Restores the expansion of windows and buckets after a window reload. */
    private readonly expansion?: { isExpanded(id: string): boolean },
  ) {
    this.subscription = state.onDidChange((node) => this.changed.fire(node));
  }

  getTreeItem(node: AuditNode): vscode.TreeItem {
    switch (node.kind) {
      case 'site':
        return sourceItem(node, this.state.rows.sourceRow(node));
      case 'window':
        return windowItem(node, this.state.rows.windowRow(node), this.collapsible(node.id));
      case 'bucket':
        return bucketItem(node, this.state.rows.bucketRow(node), this.collapsible(node.id));
      case 'record':
        return recordItem(node, this.zone(), this.state.sourceKind(node.siteId) === 'org');
      case 'loadMore':
        return loadMoreItem(node);
      case 'message':
        return messageItem(node);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: AuditNode): vscode.TreeItem {
    return node.kind === 'record' ? resolveRecordTooltip(item, node, this.zone()) : item;
  }

  getChildren(node?: AuditNode): Promise<AuditNode[]> {
    return this.state.children(node);
  }

  getParent(node: AuditNode): AuditNode | undefined {
    return this.state.parent(node);
  }

  private collapsible(id: string): vscode.TreeItemCollapsibleState {
    return this.expansion?.isExpanded(id) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Shows the view's progress bar while `task` runs (a page loading). */
export function viewProgress(task: () => Promise<void>): Thenable<void> {
  return vscode.window.withProgress({ location: { viewId: AUDIT_VIEW_ID } }, task);
}
