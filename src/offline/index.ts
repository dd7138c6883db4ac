// The offline review commands (open an export as a snapshot in the tree, close a snapshot), as a table for
// commands/registry.ts, and the `confluenceAudit.hasSnapshots` context key for menus.
import * as vscode from 'vscode';
import { closeSnapshot, openAuditExport, type OfflineDeps } from './openExport';

export type { OfflineDeps, OpenResult } from './openExport';

export const OFFLINE_COMMANDS = {
  openExport: 'confluenceAudit.openExport',
  closeSnapshot: 'confluenceAudit.closeSnapshot',
} as const;

export function offlineCommands(deps: OfflineDeps): Record<string, (arg: unknown, selected?: unknown) => unknown> {
  return {
    [OFFLINE_COMMANDS.openExport]: (arg, selected) => openAuditExport(deps, arg, selected),
    [OFFLINE_COMMANDS.closeSnapshot]: (arg) => closeSnapshot(deps, arg),
  };
}

/** Sets `confluenceAudit.hasSnapshots` now and whenever a snapshot opens or closes. */
export function trackSnapshotContext(deps: Pick<OfflineDeps, 'snapshots'>): vscode.Disposable {
  const update = (): void => {
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.hasSnapshots', deps.snapshots.list().length > 0);
  };
  const subscription = deps.snapshots.onDidChange(update);
  update();
  return subscription;
}
