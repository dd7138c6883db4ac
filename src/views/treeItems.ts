// Every TreeItem of the view is built here, from a node and the row the tree state describes for it. Every
// string from a server is hostile: labels and tooltips are plain text (a string tooltip is never rendered
// as markdown), and no item carries a command taken from data.
import * as vscode from 'vscode';
import type { AuditRecord } from '../api/types';
import { categoryIconId, recordAccessibilityLabel, recordDescription, recordLabel, recordTooltip } from '../model/recordView';
import type { ZoneSetting } from '../model/timeZone';
import type { SourceRow } from '../sources/source';
import type { BucketNode, LoadMoreNode, MessageNode, RecordNode, SiteNode, WindowNode } from '../tree/nodes';
import type { BucketRow, WindowRow } from '../tree/rows';

/** A source's row: always open, since it only groups windows. */
export function sourceItem(node: SiteNode, row: SourceRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(row.icon);
  item.description = row.description;
  item.tooltip = row.tooltip;
  item.contextValue = row.contextValue;
  if (row.accessibilityLabel !== undefined) item.accessibilityInformation = { label: row.accessibilityLabel };
  return item;
}

export function windowItem(node: WindowNode, row: WindowRow, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, collapsible);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(row.icon);
  item.description = row.description;
  item.tooltip = row.tooltip;
  item.accessibilityInformation = { label: row.accessibilityLabel };
  item.contextValue = row.contextValue;
  return item;
}

/** `fromOrg`: an organization's event, whose menu pivots to Confluence instead of to the organization. */
export function recordItem(node: RecordNode, zone: ZoneSetting, fromOrg = false): vscode.TreeItem {
  const record: AuditRecord = node.record;
  const item = new vscode.TreeItem(recordLabel(record), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const description = recordDescription(record, zone);
  item.description = node.isNew ? `● new · ${description}` : description;
  // The tooltip is filled in by resolveTreeItem on hover: building it for every record of a large bucket
  // would cost more than the rest of the item together.
  item.iconPath = new vscode.ThemeIcon(categoryIconId(record.category));
  item.accessibilityInformation = { label: recordAccessibilityLabel(record, zone), role: 'treeitem' };
  item.contextValue = fromOrg ? 'record org' : 'record';
  item.command = { command: 'confluenceAudit.openRecord', title: 'Open Audit Record', arguments: [node] };
  return item;
}

export function resolveRecordTooltip(item: vscode.TreeItem, node: RecordNode, zone: ZoneSetting): vscode.TreeItem {
  item.tooltip ??= recordTooltip(node.record, zone);
  return item;
}

export function bucketItem(node: BucketNode, row: BucketRow, collapsible: vscode.TreeItemCollapsibleState): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, collapsible);
  item.id = node.id;
  item.description = row.description;
  item.tooltip = row.tooltip;
  item.iconPath = new vscode.ThemeIcon('calendar');
  item.contextValue = row.contextValue;
  item.accessibilityInformation = { label: row.accessibilityLabel };
  return item;
}

export function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.loading ? 'Loading…' : 'Load more', vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'ellipsis');
  item.contextValue = 'loadMore';
  item.tooltip = 'Fetch the next page of records in this bucket';
  item.accessibilityInformation = { label: node.loading ? 'Loading more records' : 'Load more records' };
  if (!node.loading) item.command = { command: 'confluenceAudit.loadMore', title: 'Load More', arguments: [node] };
  return item;
}

const SEVERITY_ICONS: Record<MessageNode['severity'], vscode.ThemeIcon> = {
  info: new vscode.ThemeIcon('info'),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  loading: new vscode.ThemeIcon('loading~spin'),
};

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = SEVERITY_ICONS[node.severity];
  item.contextValue = node.contextValue;
  item.tooltip = node.detail ? `${node.text}\n\n${node.detail}` : node.text;
  item.accessibilityInformation = { label: node.action ? `${node.text} ${node.action.title}` : node.text };
  if (node.action) {
    item.description = node.action.title;
    item.command = { command: node.action.command, title: node.action.title, arguments: node.action.args };
  }
  return item;
}
