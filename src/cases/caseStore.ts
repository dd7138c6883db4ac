// The cases of a workspace: the files in audit-cases/, which one is active (kept in workspace state), each
// read and checked in full, and changes written back. A change is applied to the file as it is on disk now
// and written only if the file did not change meanwhile; a file that does not read as a case is never
// overwritten. Every text written is read back through the same checks first, so the extension never writes
// a case it would refuse to open. No vscode import.
import { Emitter, type Disposable, type Event } from '../model/emitter';
import { caseText, emptyCase, type CaseFile } from './caseFile';
import { versionOf, type CaseFolder } from './caseFolder';
import { caseFileName, caseNameOf, caseNameProblem } from './caseName';
import { parseCase } from './parseCase';
import { CaseProblem } from './shape';

const ACTIVE_KEY = 'confluenceAudit.activeCase';

/** Where the store keeps the active case's name (VS Code's workspace state, or a Map in tests). */
export interface CaseState {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** A case as read: its content, or why it cannot be used. */
export type LoadedCase = { name: string; ok: true; file: CaseFile } | { name: string; ok: false; problem: string };

export class CaseStore implements Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;
  /** The version of each case file as this store last wrote it: the file watcher's echo of a write is no change. */
  private readonly written = new Map<string, string>();

  constructor(
    /** The case folder of the workspace, or undefined when there is no local workspace folder. */
    private readonly folder: () => CaseFolder | undefined,
    private readonly state: CaseState,
    private readonly now: () => number = Date.now,
  ) {}

  /** Why cases cannot be kept here, or undefined. */
  unavailable(): string | undefined {
    return this.folder() ? undefined : 'Cases are kept in the workspace (audit-cases/): open a local folder first.';
  }

  private requireFolder(): CaseFolder {
    const folder = this.folder();
    if (!folder) throw new CaseProblem(this.unavailable() ?? 'no workspace folder');
    return folder;
  }

  /** The names of the cases in the folder, sorted. */
  async names(): Promise<string[]> {
    const folder = this.folder();
    if (!folder) return [];
    return (await folder.list())
      .map(caseNameOf)
      .filter((n): n is string => n !== undefined)
      .sort((a, b) => a.localeCompare(b));
  }

  get activeName(): string | undefined {
    const value = this.state.get(ACTIVE_KEY);
    return typeof value === 'string' && caseNameProblem(value) === undefined ? value : undefined;
  }

  async setActive(name: string | undefined): Promise<void> {
    await this.state.update(ACTIVE_KEY, name);
    this.changed.fire();
  }

  describe(name: string): string {
    return this.folder()?.describe(caseFileName(name)) ?? caseFileName(name);
  }

  pathOf(name: string): string | undefined {
    return this.folder()?.pathOf(caseFileName(name));
  }

  /** Reads and checks a case; a missing or unusable file is said, never thrown. */
  async load(name: string): Promise<LoadedCase> {
    try {
      const read = await this.requireFolder().read(caseFileName(name));
      if (!read) return { name, ok: false, problem: `${this.describe(name)} does not exist (any more).` };
      return { name, ok: true, file: parseCase(read.text) };
    } catch (e) {
      return { name, ok: false, problem: this.problemText(name, e) };
    }
  }

  /** The message for a case that cannot be read: the file and what is wrong with it. */
  problemText(name: string, e: unknown): string {
    const detail = e instanceof Error ? e.message : String(e);
    return e instanceof CaseProblem ? `${this.describe(name)} is not a usable case file: ${detail}.` : `${this.describe(name)} cannot be read: ${detail}`;
  }

  /** Creates an empty case and makes it active; refuses a name that is taken. */
  async create(name: string): Promise<void> {
    const problem = caseNameProblem(name);
    if (problem) throw new CaseProblem(problem);
    const text = checkedText(emptyCase(this.now()));
    const created = await this.requireFolder().create(caseFileName(name), text);
    if (!created) throw new CaseProblem(`there is a case named "${name}" already (${this.describe(name)})`);
    this.written.set(caseFileName(name), versionOf(text));
    await this.setActive(name);
  }

  /**
   * Applies `change` to the case as it is on disk now and writes the result, unless the file changed between
   * the read and the write (then the change is not made and the caller is told). Returns what change returned.
   */
  async edit<T>(name: string, change: (file: CaseFile) => { file: CaseFile; result: T }): Promise<T> {
    const folder = this.requireFolder();
    const fileName = caseFileName(name);
    const read = await folder.read(fileName);
    if (!read) throw new CaseProblem(`${this.describe(name)} does not exist (any more)`);
    let current: CaseFile;
    try {
      current = parseCase(read.text);
    } catch (e) {
      throw new CaseProblem(`${this.problemText(name, e)} It was not changed`);
    }
    const { file, result } = change(current);
    const text = checkedText(file);
    const outcome = await folder.replace(fileName, text, read.version);
    if (outcome === 'changed') throw new CaseProblem(`${this.describe(name)} changed on disk while this change was made; it was not overwritten: make the change again`);
    this.written.set(fileName, versionOf(text));
    this.changed.fire();
    return result;
  }

  /**
   * The watcher saw a case file change: a change is announced unless the file holds what this store wrote
   * last (the echo of its own write, which would refresh the Case view a second time under the user's hand).
   */
  async fileChanged(fileName?: string): Promise<void> {
    const folder = this.folder();
    if (fileName !== undefined && folder !== undefined && this.written.has(fileName)) {
      const current = await folder.read(fileName).catch(() => undefined);
      if (current?.version === this.written.get(fileName)) return;
    }
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The file's text, read back through the same checks as any case file before it is written. */
function checkedText(file: CaseFile): string {
  const text = caseText(file);
  try {
    parseCase(text);
  } catch (e) {
    throw new CaseProblem(`the change would make a case this extension cannot read again (${e instanceof Error ? e.message : String(e)}); nothing was written`);
  }
  return text;
}
