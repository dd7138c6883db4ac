// The organization list, kept in the application-scoped `confluenceAudit.organizations` setting: user
// settings only (like the site list), so a cloned workspace can never send an organization API key to
// another host. Never holds a key.
import * as vscode from 'vscode';
import { parseOrgList, type OrgConfig } from './orgConfig';

const SECTION = 'confluenceAudit';
const KEY = 'organizations';

export class OrgStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${KEY}`)) this.changed.fire();
    });
  }

  /** Only the user (global) value counts; a workspace or folder value is ignored on purpose. */
  list(): OrgConfig[] {
    return parseOrgList(vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY)?.globalValue);
  }

  get(id: string): OrgConfig | undefined {
    return this.list().find((o) => o.id === id);
  }

  async upsert(org: OrgConfig): Promise<void> {
    const orgs = this.list();
    const index = orgs.findIndex((o) => o.id === org.id);
    if (index >= 0) orgs[index] = org;
    else orgs.push(org);
    await this.write(orgs);
  }

  async remove(id: string): Promise<void> {
    await this.write(this.list().filter((o) => o.id !== id));
  }

  private async write(orgs: OrgConfig[]): Promise<void> {
    const plain = orgs.map((o) => JSON.parse(JSON.stringify(o)) as unknown);
    await vscode.workspace.getConfiguration(SECTION).update(KEY, plain, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The admin API's address for new organizations: application scope, so a workspace cannot redirect a key. */
export function orgApiUrlSetting(): string {
  const value = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('organizationApiUrl')?.globalValue;
  return typeof value === 'string' && /^https?:\/\//.test(value) ? value : 'https://api.atlassian.com';
}
