// Registers the offline review commands (open an export as a snapshot in the tree, close a snapshot) and
// keeps the `confluenceAudit.hasSnapshots` context key for menus.
import * as vscode from 'vscode';
import { closeSnapshot, openAuditExport, type OfflineDeps } from './openExport';

export type { OfflineDeps, OpenResult } from './openExport';

export const OFFLINE_COMMANDS = {
  openExport: 'confluenceAudit.openExport',
  closeSnapshot: 'confluenceAudit.closeSnapshot',
} as const;

export function registerOfflineFeatures(context: vscode.ExtensionContext, deps: OfflineDeps): void {
  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.hasSnapshots', deps.snapshots.list().length > 0);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(OFFLINE_COMMANDS.openExport, (arg: unknown, selected: unknown) => openAuditExport(deps, arg, selected)),
    vscode.commands.registerCommand(OFFLINE_COMMANDS.closeSnapshot, (arg: unknown) => closeSnapshot(deps, arg)),
    deps.snapshots.onDidChange(updateContext),
  );
  updateContext();
}
