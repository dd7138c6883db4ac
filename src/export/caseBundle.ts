// Writing a case's evidence bundle (cases/evidenceBundle.ts builds it) into the export folder of the workspace
// folder that holds the cases: under a unique name, through a temporary file, never over an existing file. The
// bundle holds its manifest, so no .manifest.json is written beside it.
import * as vscode from 'vscode';
import { writeFile } from 'node:fs/promises';
import type { WrittenBundle } from '../exportFile/bundle/writeBundle';
import { compactUtc, slug } from '../exportFile/naming';
import { resolveTarget } from '../workspaceFiles/exportFolder';
import { chooseWorkspaceFolder, openStaging } from './target';

export async function placeBundle(bundle: WrittenBundle, caseName: string, exportedAt: number): Promise<vscode.Uri> {
  // Cases live in the first workspace folder; their bundles go to the export folder beside them.
  const workspaceFolder = await chooseWorkspaceFolder(undefined, false);
  if (!workspaceFolder) throw new Error('there is no workspace folder');
  const staging = await openStaging(resolveTarget(workspaceFolder));
  try {
    const stem = `confluence-audit_case_${slug(caseName, 'case')}_${compactUtc(exportedAt)}`;
    const tempPath = staging.tempPath(`${stem}.zip`);
    await writeFile(tempPath, bundle.zip, { flag: 'wx' });
    const [uri] = await staging.place(stem, [{ tempPath, kind: 'zip' }]);
    return uri;
  } finally {
    await staging.dispose();
  }
}
