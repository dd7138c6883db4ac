// The folder of case files (audit-cases/ in a local workspace folder), read and written with node fs. A new
// case is created exclusively (never over an existing file); a change replaces the file atomically (a temporary
// file in the same folder, then a rename) and only when the file is still what was read, so a change made on
// disk meanwhile (a pull, another editor) is never overwritten silently. No vscode import.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CASE_FOLDER } from './caseFile';
import { CASE_LIMITS } from './parseCase';
import { CaseProblem } from './shape';

/** The text of a case file and a version that changes whenever its bytes do. */
export interface CaseText {
  text: string;
  version: string;
}

export interface CaseFolder {
  /** The file names in the folder (none when it does not exist). */
  list(): Promise<string[]>;
  /** undefined when the file does not exist. */
  read(fileName: string): Promise<CaseText | undefined>;
  /** Creates the file; false when one of that name exists. */
  create(fileName: string, text: string): Promise<boolean>;
  /** Replaces the file if it still has `version`; 'changed' (and nothing written) when it does not. */
  replace(fileName: string, text: string, version: string): Promise<'replaced' | 'changed'>;
  /** How messages name the file: "audit-cases/x.case.json". */
  describe(fileName: string): string;
  /** The file's absolute path (to open it in an editor). */
  pathOf(fileName: string): string;
}

/** The version of a file's bytes (or of a text, as written in UTF-8). */
export function versionOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function code(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
}

/** The case folder of a workspace folder at `root` (an absolute local path). */
export class NodeCaseFolder implements CaseFolder {
  private readonly folder: string;

  constructor(private readonly root: string) {
    this.folder = path.join(root, CASE_FOLDER);
  }

  describe(fileName: string): string {
    return `${CASE_FOLDER}/${fileName}`;
  }

  pathOf(fileName: string): string {
    return path.join(this.folder, fileName);
  }

  async list(): Promise<string[]> {
    try {
      await this.checkInside();
      return (await readdir(this.folder, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);
    } catch (e) {
      if (code(e) === 'ENOENT') return [];
      throw e;
    }
  }

  async read(fileName: string): Promise<CaseText | undefined> {
    const file = this.pathOf(fileName);
    try {
      await this.checkInside();
      const info = await lstat(file);
      // A repository could ship a case "file" that is a link to somewhere else on this machine.
      if (!info.isFile()) throw new CaseProblem(`${this.describe(fileName)} is not a regular file (a symbolic link?)`);
      if (info.size > CASE_LIMITS.fileBytes) throw new CaseProblem(`${this.describe(fileName)} is larger than ${CASE_LIMITS.fileBytes} bytes`);
      const bytes = await readFile(file);
      return { text: bytes.toString('utf8'), version: versionOf(bytes) };
    } catch (e) {
      if (code(e) === 'ENOENT') return undefined;
      throw e;
    }
  }

  async create(fileName: string, text: string): Promise<boolean> {
    await mkdir(this.folder, { recursive: true });
    await this.checkInside();
    try {
      await writeFile(this.pathOf(fileName), text, { flag: 'wx', encoding: 'utf8' });
      return true;
    } catch (e) {
      if (code(e) === 'EEXIST') return false;
      throw e;
    }
  }

  async replace(fileName: string, text: string, version: string): Promise<'replaced' | 'changed'> {
    const current = await this.read(fileName);
    if (current?.version !== version) return 'changed';
    const temp = path.join(this.folder, `.${fileName}.${randomBytes(6).toString('hex')}.part`);
    await writeFile(temp, text, { flag: 'wx', encoding: 'utf8' });
    try {
      await rename(temp, this.pathOf(fileName));
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e;
    }
    return 'replaced';
  }

  /** audit-cases/ could be a symbolic link leading out of the workspace folder: refuse it. */
  private async checkInside(): Promise<void> {
    const [root, real] = await Promise.all([realpath(this.root), realpath(this.folder)]);
    const inside = real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    if (!inside) throw new CaseProblem(`the folder ${CASE_FOLDER} leads outside the workspace folder (a symbolic link?); cases are not read or written there`);
  }
}
