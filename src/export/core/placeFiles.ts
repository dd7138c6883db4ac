// Moves finished temporary files to their final names without ever replacing an existing file. rename()
// would overwrite silently, so the file is hard-linked to the new name (fails if the name exists) and the
// temporary name removed; where hard links are not supported, copyFile with COPYFILE_EXCL (an exclusive
// create) is used instead. Manifests are written with the 'wx' flag for the same reason.
import { constants } from 'node:fs';
import { copyFile, link, lstat, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ExportFileFormat } from '../../exportFile/fileFormat';
import { candidateName, manifestNameFor, MAX_NAME_ATTEMPTS } from '../../exportFile/naming';

export interface PendingFile {
  /** A finished temporary file on the same file system as the folder. */
  tempPath: string;
  kind: ExportFileFormat;
  /** The manifest's text, given the file's final name. */
  manifest: (fileName: string) => string;
}

export interface PlacedFile {
  name: string;
  path: string;
  manifestPath: string;
}

function code(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch (e) {
    if (code(e) === 'ENOENT') return false;
    throw e;
  }
}

/** Creates `target` with the content of `source`; false when `target` already exists. */
export async function createExclusive(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    // No hard links here (FAT, some network shares): copy with an exclusive create instead.
  }
  try {
    await copyFile(source, target, constants.COPYFILE_EXCL);
    return true;
  } catch (e) {
    if (code(e) === 'EEXIST') return false;
    throw e;
  }
}

/** Codes Windows gives while another process (an antivirus scanner, the indexer) holds the file a moment. */
const LOCKED = new Set(['EBUSY', 'EPERM', 'EACCES']);
/** Waits between attempts to remove a locked file: about 1.5 s in all. */
const LOCK_RETRY_MS = [25, 50, 100, 200, 400, 800];

/** Deletes a file this code created; a file already gone is fine; a locked one is tried again briefly. */
export async function removeQuietly(p: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await unlink(p);
      return;
    } catch (e) {
      if (code(e) === 'ENOENT') return;
      const wait = LOCK_RETRY_MS[attempt];
      if (!LOCKED.has(code(e) ?? '') || wait === undefined) throw e;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * Removes a temporary file after its content was placed. The work has succeeded by then, so a file that
 * stays locked is left behind (a hidden .part file) rather than reported as a failed export.
 */
export async function removeLeftover(p: string): Promise<void> {
  try {
    await removeQuietly(p);
  } catch {
    // Deliberately ignored: see above. The next export does not reuse the name (it holds a random part).
  }
}

/**
 * Places every file under `stem` with the first suffix (none, -2, -3 …) for which all the files and their
 * manifests are free, so an export and its manifest (and a CSV and its JSON Lines twin) keep one name.
 * The temporary files are removed once placed.
 */
export async function placeFiles(folder: string, stem: string, files: readonly PendingFile[]): Promise<PlacedFile[]> {
  for (let n = 1; n <= MAX_NAME_ATTEMPTS; n++) {
    const names = files.map((f) => candidateName(stem, f.kind, n));
    const paths = names.flatMap((name) => [path.join(folder, name), path.join(folder, manifestNameFor(name))]);
    if ((await Promise.all(paths.map(exists))).some(Boolean)) continue;
    const placed: PlacedFile[] = [];
    const created: string[] = [];
    let conflict = false;
    for (const [i, file] of files.entries()) {
      const name = names[i];
      const target = path.join(folder, name);
      const manifestPath = path.join(folder, manifestNameFor(name));
      if (!(await createExclusive(file.tempPath, target))) {
        conflict = true;
        break;
      }
      created.push(target);
      try {
        await writeFile(manifestPath, file.manifest(name), { flag: 'wx' });
      } catch (e) {
        if (code(e) !== 'EEXIST') {
          for (const p of created) await removeQuietly(p);
          throw e;
        }
        conflict = true;
        break;
      }
      created.push(manifestPath);
      placed.push({ name, path: target, manifestPath });
    }
    if (conflict) {
      // Another writer took one of the names between the check and the create: undo ours, try the next.
      for (const p of created) await removeQuietly(p);
      continue;
    }
    for (const file of files) await removeLeftover(file.tempPath);
    return placed;
  }
  throw new Error(`No free file name for ${stem} after ${MAX_NAME_ATTEMPTS} attempts`);
}

