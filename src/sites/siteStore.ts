// The site list, kept in the application-scoped `confluenceAudit.sites` setting: user settings only,
// so a cloned workspace can never redirect the admin token to another host, and other windows see changes.
import * as vscode from 'vscode';
import { parseSiteList, type SiteConfig } from './siteConfig';

const SECTION = 'confluenceAudit';
const KEY = 'sites';

export class SiteStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${KEY}`)) this.changed.fire();
    });
  }

  /** Only the user (global) value counts; a workspace or folder value is ignored on purpose. */
  list(): SiteConfig[] {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY);
    return parseSiteList(inspected?.globalValue);
  }

  get(id: string): SiteConfig | undefined {
    return this.list().find((s) => s.id === id);
  }

  async upsert(site: SiteConfig): Promise<void> {
    const sites = this.list();
    const index = sites.findIndex((s) => s.id === site.id);
    if (index >= 0) sites[index] = site;
    else sites.push(site);
    await this.write(sites);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.list().filter((s) => s.id !== id));
  }

  private async write(sites: SiteConfig[]): Promise<void> {
    // Drop undefined fields so settings.json stays tidy.
    const plain = sites.map((s) => JSON.parse(JSON.stringify(s)) as unknown);
    await vscode.workspace.getConfiguration(SECTION).update(KEY, plain, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
