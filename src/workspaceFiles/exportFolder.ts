// Where exports live in a workspace folder: `confluenceAudit.export.folder` (default audit-exports/), checked
// by folderSetting.ts. Exports are written there, and "Open Audit Export…" starts its file dialog there.
import * as vscode from 'vscode';
import { exportFolderSegments } from './folderSetting';

export const FOLDER_SETTING = 'confluenceAudit.export.folder';

/** The export folder cannot be used (no workspace, or a setting that would lead outside it). */
export class TargetProblem extends Error {}

export interface ExportTarget {
  workspaceFolder: vscode.WorkspaceFolder;
  folder: vscode.Uri;
}

export function resolveTarget(workspaceFolder: vscode.WorkspaceFolder): ExportTarget {
  const setting = vscode.workspace.getConfiguration('confluenceAudit.export', workspaceFolder.uri).get<unknown>('folder');
  const verdict = exportFolderSegments(setting);
  if (!verdict.ok) throw new TargetProblem(`The setting ${FOLDER_SETTING} was not used: ${verdict.reason}.`);
  return { workspaceFolder, folder: vscode.Uri.joinPath(workspaceFolder.uri, ...verdict.segments) };
}
