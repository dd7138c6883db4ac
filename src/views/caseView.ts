// Creates the Case view and keeps it current: the store's changes, case files changed on disk (a pull, an
// editor), the context key the menus use, and the view's title (the case's name and size).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CASE_FOLDER, CASE_SUFFIX } from '../cases/caseFile';
import { NodeCaseFolder, type CaseFolder } from '../cases/caseFolder';
import { CaseStore, type CaseState } from '../cases/caseStore';
import type { ZoneSetting } from '../model/timeZone';
import { CASE_VIEW_ID, CaseTreeProvider, type CaseNode } from './caseTreeProvider';

/** The case folder of the first workspace folder, when it is a local one (cases are files read with node fs). */
export function workspaceCaseFolder(): CaseFolder | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? new NodeCaseFolder(folder.uri.fsPath) : undefined;
}

export function createCaseStore(state: CaseState): CaseStore {
  return new CaseStore(workspaceCaseFolder, state);
}

export interface CaseView extends vscode.Disposable {
  readonly view: vscode.TreeView<CaseNode>;
  readonly provider: CaseTreeProvider;
}

export function createCaseView(store: CaseStore, zone: () => ZoneSetting): CaseView {
  const provider = new CaseTreeProvider(store, zone);
  const view = vscode.window.createTreeView(CASE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.hasActiveCase', store.activeName !== undefined);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${CASE_FOLDER}/*${CASE_SUFFIX}`);
  const disposables: vscode.Disposable[] = [
    provider,
    view,
    watcher,
    watcher.onDidChange((uri) => void store.fileChanged(path.posix.basename(uri.path))),
    watcher.onDidCreate((uri) => void store.fileChanged(path.posix.basename(uri.path))),
    watcher.onDidDelete(() => void store.fileChanged()),
    store.onDidChange(updateContext),
    provider.onDidChangeDescription((text) => {
      view.description = text;
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => provider.refresh()),
  ];
  updateContext();
  return {
    view,
    provider,
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
