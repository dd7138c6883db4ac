// Showing a finished export: a CSV opens in an editor (when small enough for one), a ZIP is revealed in
// the Explorer. revealFileInOS does not exist in remote windows; revealInExplorer works everywhere.
import * as vscode from 'vscode';
import { formatBytes } from './core/formatBytes';
import type { ExportResult, InsteadAction } from './results';

/** Larger CSVs are revealed instead of opened: the editor would struggle and gain nothing. */
const OPEN_IN_EDITOR_MAX_BYTES = 20 * 1024 * 1024;

export async function revealExport(uri: vscode.Uri, format: 'csv' | 'zip' | 'jsonl', bytes: number): Promise<void> {
  try {
    if (format !== 'zip' && bytes <= OPEN_IN_EDITOR_MAX_BYTES) {
      await vscode.window.showTextDocument(uri, { preview: false });
    } else {
      await vscode.commands.executeCommand('revealInExplorer', uri);
    }
  } catch {
    // Revealing is a convenience; the export itself succeeded and the message below names the file.
  }
}

/** `snapshotUri`: the file "Open as Snapshot" opens (the JSON Lines twin of a shown-records CSV). */
export function reportSuccess(result: ExportResult & { ok: true }, what: string, snapshotUri: string = result.uri): void {
  const { manifest } = result;
  const file = vscode.workspace.asRelativePath(vscode.Uri.parse(result.uri));
  const records = `${manifest.recordCount} record${manifest.recordCount === 1 ? '' : 's'}`;
  void vscode.window
    .showInformationMessage(`Exported ${records} as ${what} (${formatBytes(manifest.bytes)}) to ${file}. SHA-256 and query are in its .manifest.json.`, 'Verify', 'Open as Snapshot')
    .then((choice) => {
      if (choice === 'Verify') void vscode.commands.executeCommand('confluenceAudit.verifyExport', vscode.Uri.parse(result.uri));
      if (choice === 'Open as Snapshot') void vscode.commands.executeCommand('confluenceAudit.openExport', vscode.Uri.parse(snapshotUri));
    });
}

/** Shows the failure; `instead` becomes its button. */
export function reportFailure(message: string, instead?: InsteadAction): void {
  if (!instead) {
    void vscode.window.showErrorMessage(message);
    return;
  }
  void vscode.window.showErrorMessage(message, instead.title).then((choice) => {
    if (choice === instead.title) void vscode.commands.executeCommand(instead.command, ...instead.args);
  });
}
