// The "Case" view beside the Audit Log: the active case's records in time order (oldest first), each with its
// tags and note as rows below it. The case is read from its file (src/cases checks it in full); a file that
// cannot be used shows why instead. Every string from a record or a case file is plain text here.
import * as vscode from 'vscode';
import { compareEntries, entryId, type CaseEntry, type CaseQuery, type CaseSource } from '../cases/caseFile';
import type { CaseStore } from '../cases/caseStore';
import { authorLabel, categoryIconId, recordAccessibilityLabel, recordLabel, recordTooltip } from '../model/recordView';
import { singleLine } from '../model/safeText';
import { formatIso, type ZoneSetting } from '../model/timeZone';

export const CASE_VIEW_ID = 'confluenceAudit.case';

export interface CaseRecordNode {
  kind: 'caseRecord';
  id: string;
  caseName: string;
  entryId: string;
  entry: CaseEntry;
  source: CaseSource | undefined;
  /** The window and query it was added from, when the case says. */
  query: CaseQuery | undefined;
}

/** The tags or the note of a record, as a row under it (selecting it edits it). */
export interface CaseDetailNode {
  kind: 'caseNote' | 'caseTags';
  id: string;
  caseName: string;
  entryId: string;
  entry: CaseEntry;
}

export interface CaseMessageNode {
  kind: 'caseMessage';
  id: string;
  text: string;
  severity: 'info' | 'error';
  action?: vscode.Command;
}

export type CaseNode = CaseRecordNode | CaseDetailNode | CaseMessageNode;

export class CaseTreeProvider implements vscode.TreeDataProvider<CaseNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CaseNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** What the view says in its title (the case's name and size); set as the root is listed. */
  description: string | undefined;
  private readonly describe = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeDescription = this.describe.event;

  constructor(
    private readonly store: CaseStore,
    private readonly zone: () => ZoneSetting,
  ) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: CaseNode): vscode.TreeItem {
    switch (node.kind) {
      case 'caseRecord':
        return recordItem(node, this.zone());
      case 'caseNote':
      case 'caseTags':
        return detailItem(node);
      case 'caseMessage':
        return messageItem(node);
    }
  }

  async getChildren(node?: CaseNode): Promise<CaseNode[]> {
    if (node) return node.kind === 'caseRecord' ? detailsOf(node) : [];
    const roots = await this.roots();
    return roots;
  }

  private async roots(): Promise<CaseNode[]> {
    const unavailable = this.store.unavailable();
    const name = this.store.activeName;
    if (unavailable !== undefined || name === undefined) {
      this.setDescription(undefined);
      // No case: the view's welcome content says how to start one.
      return unavailable === undefined ? [] : [{ kind: 'caseMessage', id: 'case:unavailable', text: unavailable, severity: 'info' }];
    }
    const loaded = await this.store.load(name);
    if (!loaded.ok) {
      this.setDescription(`${name} · cannot be read`);
      return [{ kind: 'caseMessage', id: `case:${name}:problem`, text: loaded.problem, severity: 'error', action: { command: 'confluenceAudit.openCaseFile', title: 'Open Case File', arguments: [] } }];
    }
    const { records, sources, queries } = loaded.file;
    this.setDescription(`${name} · ${records.length} record${records.length === 1 ? '' : 's'}`);
    if (records.length === 0) {
      return [{ kind: 'caseMessage', id: `case:${name}:empty`, text: `The case "${name}" holds no records yet: select records in the Audit Log view and choose Add to Case….`, severity: 'info' }];
    }
    return [...records].sort(compareEntries).map((entry) => {
      const id = entryId(entry);
      return { kind: 'caseRecord', id: `case:${name}/${entry.source}/${entry.key}`, caseName: name, entryId: id, entry, source: sources.find((s) => s.id === entry.source), query: queries.find((q) => q.id === entry.query) };
    });
  }

  private setDescription(text: string | undefined): void {
    if (text === this.description) return;
    this.description = text;
    this.describe.fire(text);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.describe.dispose();
  }
}

function detailsOf(node: CaseRecordNode): CaseDetailNode[] {
  const base = { caseName: node.caseName, entryId: node.entryId, entry: node.entry };
  const out: CaseDetailNode[] = [];
  if (node.entry.tags.length > 0) out.push({ kind: 'caseTags', id: `${node.id}/tags`, ...base });
  if (node.entry.note !== '') out.push({ kind: 'caseNote', id: `${node.id}/note`, ...base });
  return out;
}

function recordItem(node: CaseRecordNode, zone: ZoneSetting): vscode.TreeItem {
  const { entry, source } = node;
  const record = entry.record;
  const hasDetails = entry.tags.length > 0 || entry.note !== '';
  const item = new vscode.TreeItem(recordLabel(record), hasDetails ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = `${formatIso(record.creationDate, zone)} · ${authorLabel(record.author)}`;
  item.iconPath = new vscode.ThemeIcon(categoryIconId(record.category));
  const sourceLine = `Source: ${source ? `${singleLine(source.label, 120)} (${singleLine(source.url, 200)})` : singleLine(entry.source, 120)}`;
  const caseLines = [sourceLine, `Fetched: ${formatIso(entry.fetchedAt, zone)}`, `Added to the case: ${formatIso(entry.addedAt, zone)}`];
  if (entry.tags.length > 0) caseLines.push(`Tags: ${singleLine(entry.tags.join(', '), 300)}`);
  if (entry.note !== '') caseLines.push(`Note: ${singleLine(entry.note, 600)}`);
  // A string tooltip is plain text: nothing in a record or a case file is read as markdown.
  item.tooltip = `${recordTooltip(record, zone)}\n${caseLines.join('\n')}`;
  const spoken = [recordAccessibilityLabel(record, zone)];
  if (entry.tags.length > 0) spoken.push(`tags ${singleLine(entry.tags.join(', '), 200)}`);
  if (entry.note !== '') spoken.push(`note: ${singleLine(entry.note, 300)}`);
  item.accessibilityInformation = { label: spoken.join('; '), role: 'treeitem' };
  item.contextValue = 'caseRecord';
  item.command = { command: 'confluenceAudit.openCaseRecord', title: 'Open Case Record', arguments: [node] };
  return item;
}

function detailItem(node: CaseDetailNode): vscode.TreeItem {
  const isNote = node.kind === 'caseNote';
  const text = isNote ? `Note: ${singleLine(node.entry.note, 200)}` : `Tags: ${singleLine(node.entry.tags.join(', '), 200)}`;
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(isNote ? 'note' : 'tag');
  item.tooltip = isNote ? node.entry.note : node.entry.tags.join(', ');
  item.contextValue = node.kind;
  item.accessibilityInformation = { label: `${text}. Select to edit.` };
  item.command = isNote
    ? { command: 'confluenceAudit.editCaseNote', title: 'Edit Note…', arguments: [node] }
    : { command: 'confluenceAudit.editCaseTags', title: 'Edit Tags…', arguments: [node] };
  return item;
}

function messageItem(node: CaseMessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(node.severity === 'error' ? 'error' : 'info');
  item.tooltip = node.text;
  item.contextValue = 'caseMessage';
  if (node.action) {
    item.description = node.action.title;
    item.command = node.action;
  }
  return item;
}
