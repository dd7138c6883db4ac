// Resolves which site a command acts on: an explicit id, a tree node, the only site, or a quick pick.
import * as vscode from 'vscode';
import type { SiteConfig } from '../sites/siteConfig';
import type { SiteSessions } from '../sites/siteSessions';

export function siteIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && 'siteId' in arg) {
    const id = (arg).siteId;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

export async function pickSite(sessions: SiteSessions, arg: unknown, placeHolder: string): Promise<SiteConfig | undefined> {
  const sites = sessions.sites();
  const id = siteIdFromArg(arg);
  if (id) return sites.find((s) => s.id === id);
  if (sites.length === 0) {
    void vscode.window.showInformationMessage('No Confluence site is configured. Add one first.', 'Add Site…').then((choice) => {
      if (choice) void vscode.commands.executeCommand('confluenceAudit.addSite');
    });
    return undefined;
  }
  if (sites.length === 1) return sites[0];
  const picked = await vscode.window.showQuickPick(
    sites.map((site) => ({ label: site.label, description: site.url, site })),
    { placeHolder, ignoreFocusOut: true },
  );
  return picked?.site;
}
