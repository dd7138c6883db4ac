// Writing exports into the export folder (workspaceFiles/exportFolder.ts) of a workspace folder.
// Local folders (scheme 'file', which includes Remote-SSH/WSL/containers, where this extension runs on
// the remote side) are written with node fs: a temporary file in the target folder, then an exclusive
// rename. Virtual workspaces have no streaming write in vscode.workspace.fs, so the export is streamed
// to a temporary file in os.tmpdir() and then copied in with workspace.fs.copy (overwrite: false).
import * as vscode from 'vscode';
import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { TargetProblem, type ExportTarget } from '../workspaceFiles/exportFolder';
import { isInside } from '../workspaceFiles/folderSetting';
import { candidateName, manifestNameFor, MAX_NAME_ATTEMPTS, temporaryName } from '../exportFile/naming';
import { removeLeftover, type PendingFile } from './core/placeFiles';
import { folderStaging, type Staging as FolderStaging } from './core/staging';

/** A workspace folder by name, URI or path; otherwise the only one, or a pick when `ask` allows it. */
export async function chooseWorkspaceFolder(hint: unknown, ask: boolean): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new TargetProblem('Open a folder or workspace first: exports are saved inside the workspace.');
  if (typeof hint === 'string' && hint !== '') {
    const match = folders.find((f) => f.name === hint || f.uri.toString() === hint || f.uri.fsPath === hint);
    if (!match) throw new TargetProblem(`There is no workspace folder "${hint}".`);
    return match;
  }
  if (folders.length === 1 || !ask) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Save the export in which workspace folder?', ignoreFocusOut: true });
}

/** A place to write temporary files, and how to put finished ones into the target. */
export type Staging = FolderStaging<vscode.Uri>;

export async function openStaging(target: ExportTarget): Promise<Staging> {
  return target.folder.scheme === 'file' ? localStaging(target) : virtualStaging(target);
}

async function localStaging(target: ExportTarget): Promise<Staging> {
  const folder = target.folder.fsPath;
  await mkdir(folder, { recursive: true });
  // A repository could ship audit-exports/ as a symbolic link to somewhere else: check where it really is.
  const [root, real] = await Promise.all([realpath(target.workspaceFolder.uri.fsPath), realpath(folder)]);
  if (!isInside(root, real, path.sep)) throw new TargetProblem(`The export folder ${folder} leads outside the workspace folder (a symbolic link?); nothing was written.`);
  const staging = folderStaging(real);
  return {
    tempPath: (finalName) => staging.tempPath(finalName),
    place: async (stem, files) => (await staging.place(stem, files)).map((p) => vscode.Uri.file(p)),
    dispose: () => staging.dispose(),
  };
}

async function virtualStaging(target: ExportTarget): Promise<Staging> {
  const local = await mkdtemp(path.join(os.tmpdir(), 'confluence-audit-'));
  await vscode.workspace.fs.createDirectory(target.folder);
  return {
    tempPath: (finalName) => path.join(local, temporaryName(finalName, randomBytes(6).toString('hex'))),
    place: (stem, files) => placeThroughWorkspaceFs(target.folder, stem, files),
    dispose: () => rm(local, { recursive: true, force: true }),
  };
}

async function existsInWorkspace(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return false;
    throw e;
  }
}

/**
 * The workspace.fs version of placeFiles: copy with overwrite: false refuses an existing name. Writing the
 * manifest has no exclusive flag, so it is checked just before; a race there is the only gap.
 */
async function placeThroughWorkspaceFs(folder: vscode.Uri, stem: string, files: readonly PendingFile[]): Promise<vscode.Uri[]> {
  for (let n = 1; n <= MAX_NAME_ATTEMPTS; n++) {
    const names = files.map((f) => candidateName(stem, f.kind, n));
    const uris = names.flatMap((name) => [vscode.Uri.joinPath(folder, name), vscode.Uri.joinPath(folder, manifestNameFor(name))]);
    if ((await Promise.all(uris.map(existsInWorkspace))).some(Boolean)) continue;
    const created: vscode.Uri[] = [];
    let conflict = false;
    for (const [i, file] of files.entries()) {
      const target = vscode.Uri.joinPath(folder, names[i]);
      const manifest = vscode.Uri.joinPath(folder, manifestNameFor(names[i]));
      try {
        await vscode.workspace.fs.copy(vscode.Uri.file(file.tempPath), target, { overwrite: false });
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileExists') {
          conflict = true;
          break;
        }
        throw e;
      }
      created.push(target);
      if (await existsInWorkspace(manifest)) {
        conflict = true;
        break;
      }
      await vscode.workspace.fs.writeFile(manifest, Buffer.from(file.manifest(names[i]), 'utf8'));
      created.push(manifest);
    }
    if (conflict) {
      for (const uri of created) await vscode.workspace.fs.delete(uri, { useTrash: false });
      continue;
    }
    for (const file of files) await removeLeftover(file.tempPath);
    return names.map((name) => vscode.Uri.joinPath(folder, name));
  }
  throw new Error(`No free file name for ${stem} after ${MAX_NAME_ATTEMPTS} attempts`);
}
