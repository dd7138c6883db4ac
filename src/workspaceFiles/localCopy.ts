// Files are read with node fs (streamed, random access for ZIPs). A file from a virtual file system is
// first copied to a private temporary folder through vscode.workspace.fs, then read from there.
import * as vscode from 'vscode';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';

export async function withLocalFile<T>(uri: vscode.Uri, use: (localPath: string) => Promise<T>): Promise<T> {
  if (uri.scheme === 'file') return use(uri.fsPath);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'confluence-audit-read-'));
  try {
    const local = path.join(folder, 'export');
    await vscode.workspace.fs.copy(uri, vscode.Uri.file(local), { overwrite: false });
    return await use(local);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A URI from a command argument: a Uri, a URI string, or an absolute path. */
export function uriFromArg(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'object' && arg !== null && 'file' in arg) return uriFromArg(arg.file);
  if (typeof arg !== 'string' || arg === '') return undefined;
  if (path.isAbsolute(arg)) return vscode.Uri.file(arg);
  return /^[a-z][a-z0-9+.-]*:/i.test(arg) ? vscode.Uri.parse(arg) : undefined;
}

/** Reads a small text file (a manifest) next to an export; undefined when it does not exist. */
export async function readTextIfExists(uri: vscode.Uri, maxBytes = 1024 * 1024): Promise<string | undefined> {
  try {
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > maxBytes) throw new Error(`${path.basename(uri.path)} is larger than ${maxBytes} bytes; a manifest is much smaller`);
    return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}
