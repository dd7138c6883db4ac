// The evidence manifest next to an export file in the workspace: "Verify Export…" checks the file against
// it, and "Open Audit Export…" takes the snapshot's site, window and time from it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseManifest, type ExportManifest } from '../exportFile/manifest';
import { manifestNameFor } from '../exportFile/naming';
import { readTextIfExists } from './localCopy';

/** Where the manifest of the file at `uri` is (it need not exist). */
export function manifestUriOf(uri: vscode.Uri): vscode.Uri {
  const name = path.posix.basename(uri.path);
  return uri.with({ path: `${uri.path.slice(0, uri.path.length - name.length)}${manifestNameFor(name)}` });
}

/** The manifest next to the file; undefined when there is none. Throws when it cannot be read or is not valid. */
export async function readManifestOf(uri: vscode.Uri): Promise<ExportManifest | undefined> {
  const text = await readTextIfExists(manifestUriOf(uri));
  return text === undefined ? undefined : parseManifest(text);
}
