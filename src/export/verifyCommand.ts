// "Verify Export…": recomputes an export's size, SHA-256 and record count and compares them with its
// manifest, saying plainly whether the file is intact.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { ExportFileError } from '../exportFile/read/csvRows';
import { uriFromArg, withLocalFile } from '../workspaceFiles/localCopy';
import { readManifestOf } from '../workspaceFiles/manifestFile';
import { digestExportFile, hashFile, type ExportDigest } from '../exportFile/digest/digest';
import { compareDigest, ManifestProblem, type ExportManifest } from '../exportFile/manifest';
import { manifestNameFor } from '../exportFile/naming';
import type { ExportDeps } from './deps';

export type VerifyResult =
  | { ok: true; intact: boolean; differences: string[]; notes: string[]; manifest: ExportManifest; actual: ExportDigest }
  | { ok: false; kind: 'cancelled' | 'noManifest' | 'badManifest' | 'unreadable'; message: string };

const MANIFEST_SUFFIX = '.manifest.json';

export async function verifyExport(deps: ExportDeps, arg: unknown): Promise<VerifyResult> {
  let uri = uriFromArg(arg) ?? (await askForFile());
  if (!uri) return { ok: false, kind: 'cancelled', message: 'No file was chosen.' };
  // Choosing the manifest itself means: verify the file it describes.
  if (uri.path.endsWith(MANIFEST_SUFFIX)) uri = uri.with({ path: uri.path.slice(0, -MANIFEST_SUFFIX.length) });
  const name = path.posix.basename(uri.path);
  const result = await check(uri, name);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Verify Export: ${result.message}`);
  } else if (result.intact) {
    void vscode.window.showInformationMessage(
      `${name} is intact: ${result.actual.bytes} bytes, ${result.actual.records} records, SHA-256 ${result.actual.sha256} as its manifest records.${result.notes.length ? ` (${result.notes.join('; ')})` : ''}`,
    );
  } else {
    void vscode.window.showErrorMessage(`${name} is NOT intact: ${result.differences.join('; ')}.`, { modal: false });
  }
  deps.log.info(`Verify ${uri.toString()}: ${result.ok ? (result.intact ? 'intact' : `NOT intact (${result.differences.join('; ')})`) : result.message}`);
  return result;
}

async function check(uri: vscode.Uri, name: string): Promise<VerifyResult> {
  let manifest: ExportManifest;
  try {
    const found = await readManifestOf(uri);
    if (found === undefined) return { ok: false, kind: 'noManifest', message: `${name} has no manifest (${manifestNameFor(name)}) next to it, so there is nothing to verify against.` };
    manifest = found;
  } catch (e) {
    const detail = e instanceof ManifestProblem || e instanceof Error ? e.message : String(e);
    return { ok: false, kind: 'badManifest', message: `the manifest of ${name} cannot be used: ${detail}` };
  }
  try {
    const actual = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Verifying ${name}`, cancellable: false },
      () => withLocalFile(uri, (local) => digestExportFile(local, manifest.query.format)),
    );
    const verdict = compareDigest(manifest, actual);
    const notes = manifest.file === name ? [] : [`the manifest was written for a file named ${manifest.file}`];
    return { ok: true, ...verdict, notes, manifest, actual };
  } catch (e) {
    if (e instanceof ExportFileError) {
      // A file that no longer parses has changed (or never was an export); say so, with its real hash.
      const { bytes, sha256 } = await withLocalFile(uri, (local) => hashFile(local));
      const verdict = compareDigest(manifest, { bytes, sha256, records: manifest.recordCount });
      const differences = [...verdict.differences, `its records cannot be counted: ${e.message}`];
      return { ok: true, intact: false, differences, notes: [], manifest, actual: { bytes, sha256, records: -1 } };
    }
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, kind: 'unreadable', message: `${name} cannot be read: ${detail}` };
  }
}

async function askForFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Verify Export',
    openLabel: 'Verify',
    canSelectMany: false,
    filters: { 'Audit log exports': ['csv', 'zip', 'jsonl', 'json'] },
  });
  return picked?.[0];
}
