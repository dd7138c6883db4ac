// The organization list, kept in the application-scoped `confluenceAudit.organizations` setting: user
// settings only (like the site list), so a cloned workspace can never send an organization API key to
// another host. Never holds a key.
import * as vscode from 'vscode';
import { parseOrgList, type OrgConfig } from './orgConfig';
import { UserSettingList } from './userSettingList';

export class OrgStore extends UserSettingList<OrgConfig> {
  constructor() {
    super('organizations', parseOrgList);
  }
}

/** The admin API's address for new organizations: application scope, so a workspace cannot redirect a key. */
export function orgApiUrlSetting(): string {
  const value = vscode.workspace.getConfiguration('confluenceAudit').inspect<unknown>('organizationApiUrl')?.globalValue;
  return typeof value === 'string' && /^https?:\/\//.test(value) ? value : 'https://api.atlassian.com';
}
