// A list kept in an application-scoped `confluenceAudit.*` setting, read from user settings only: a cloned
// workspace can never point a stored credential at another host, and other windows see changes. The site
// list and the organization list are two of these.
import * as vscode from 'vscode';

const SECTION = 'confluenceAudit';

export class UserSettingList<T extends { id: string }> implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly key: string,
    private readonly parse: (raw: unknown) => T[],
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${key}`)) this.changed.fire();
    });
  }

  /** Only the user (global) value counts; a workspace or folder value is ignored on purpose. */
  list(): T[] {
    return this.parse(vscode.workspace.getConfiguration(SECTION).inspect<unknown>(this.key)?.globalValue);
  }

  get(id: string): T | undefined {
    return this.list().find((entry) => entry.id === id);
  }

  async upsert(entry: T): Promise<void> {
    const entries = this.list();
    const index = entries.findIndex((e) => e.id === entry.id);
    if (index >= 0) entries[index] = entry;
    else entries.push(entry);
    await this.write(entries);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.list().filter((e) => e.id !== id));
  }

  private async write(entries: T[]): Promise<void> {
    // Drop undefined fields so settings.json stays tidy.
    const plain = entries.map((e) => JSON.parse(JSON.stringify(e)) as unknown);
    await vscode.workspace.getConfiguration(SECTION).update(this.key, plain, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
