// After a server export holding formula-like cells: a warning that says the file is kept verbatim (it is
// evidence) and offers a spreadsheet-safe copy next to it, for opening in a spreadsheet program.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeSpreadsheetSafeCopy } from './core/spreadsheetSafeCopy';
import { fileBytes, openRandomAccess } from '../exportFile/read/localFile';
import { csvEntry, DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry } from '../exportFile/read/zipReader';
import type { ExportManifest } from '../exportFile/manifest';

export const SAFE_COPY_ACTION = 'Save Spreadsheet-Safe Copy';

/** Shows the warning when the export has formula-like cells; resolves with the copy's path if one was made. */
export async function warnAboutFormulas(exportUri: vscode.Uri, manifest: ExportManifest): Promise<string | undefined> {
  const n = manifest.formulaCells ?? 0;
  if (n === 0) return undefined;
  const file = vscode.workspace.asRelativePath(exportUri);
  const choice = await vscode.window.showWarningMessage(
    `${n.toLocaleString('en-US')} ${n === 1 ? 'cell' : 'cells'} of ${file} start like a spreadsheet formula (=, +, -, @ or a tab): a spreadsheet program could run ${n === 1 ? 'it' : 'them'}. ` +
      'The export is kept exactly as Confluence sent it (it is evidence; its manifest records the count). Open a spreadsheet-safe copy in a spreadsheet program instead.',
    SAFE_COPY_ACTION,
  );
  if (choice !== SAFE_COPY_ACTION) return undefined;
  if (exportUri.scheme !== 'file') {
    void vscode.window.showErrorMessage('A spreadsheet-safe copy can be saved only for an export in a local folder.');
    return undefined;
  }
  try {
    const copy = await saveSafeCopy(exportUri.fsPath, manifest.query.format === 'zip');
    void vscode.window.showInformationMessage(`Saved the spreadsheet-safe copy ${vscode.workspace.asRelativePath(vscode.Uri.file(copy))}: every formula-like cell starts with an apostrophe.`);
    return copy;
  } catch (e) {
    void vscode.window.showErrorMessage(`The spreadsheet-safe copy was not saved: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** Writes "<name>.spreadsheet-safe.csv" (or -2, -3 … when taken) next to the export; never replaces a file. */
export async function saveSafeCopy(exportPath: string, zip: boolean): Promise<string> {
  const base = exportPath.replace(/\.(csv|zip)$/i, '');
  for (let n = 1; n < 100; n++) {
    const target = `${base}.spreadsheet-safe${n === 1 ? '' : `-${n}`}.csv`;
    try {
      if (!zip) {
        await writeSpreadsheetSafeCopy(fileBytes(exportPath), target);
        return target;
      }
      const archive = await openRandomAccess(exportPath);
      try {
        const entry = csvEntry(await listZipEntries(archive, DEFAULT_ZIP_LIMITS));
        await writeSpreadsheetSafeCopy(readZipEntry(archive, entry, DEFAULT_ZIP_LIMITS), target);
        return target;
      } finally {
        await archive.close();
      }
    } catch (e) {
      if (typeof e === 'object' && e !== null && 'code' in e && e.code === 'EEXIST') continue;
      throw e;
    }
  }
  throw new Error(`no free name next to ${path.basename(exportPath)}`);
}
