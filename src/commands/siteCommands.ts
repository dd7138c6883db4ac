// "Sign In…", "Sign Out", "Remove Site…" and "Test Connection" for a configured site.
import * as vscode from 'vscode';
import type { Logger } from '../log';
import type { SiteSessions } from '../sites/siteSessions';
import type { WindowStore } from '../tree/windowStore';
import { checkConnection } from './connectionCheck';
import { pickSite } from '../prompts/pickSite';

/** Optional second argument for automation: the new token (and e-mail) without prompts. */
interface SignInArgs {
  token: string;
  email?: string;
}

function isSignInArgs(value: unknown): value is SignInArgs {
  return typeof value === 'object' && value !== null && typeof (value as { token?: unknown }).token === 'string';
}

export async function signIn(sessions: SiteSessions, log: Logger, arg?: unknown, args?: unknown): Promise<boolean> {
  const site = await pickSite(sessions, arg, 'Sign in to which site?');
  if (!site) return false;
  // The first sign-in on this machine (settings synced, Secret Storage cleared, signed out) stores a token;
  // a later one replaces it. The prompts say which, so "new token" is not asked of someone who has none.
  const replacing = (await sessions.tokens.get(site.id)) !== undefined;
  let email = site.email;
  let token: string | undefined;
  if (isSignInArgs(args)) {
    token = args.token;
    email = args.email ?? email;
  } else {
    if (site.authKind !== 'bearer') {
      email = await vscode.window.showInputBox({ title: `Sign in to ${site.label}: account e-mail`, value: email, ignoreFocusOut: true });
      if (email === undefined) return false;
    }
    const kind = site.authKind === 'bearer' ? 'personal access token' : 'API token';
    token = await vscode.window.showInputBox({
      title: `Sign in to ${site.label}: ${replacing ? 'new token' : 'token'}`,
      prompt: replacing ? `A new ${kind}; it replaces the stored one once Confluence accepts it` : `The ${kind} of a Confluence administrator`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text.trim() ? undefined : 'The token cannot be empty'),
    });
    if (token === undefined) return false;
  }
  const updated = { ...site, email: site.authKind === 'bearer' ? undefined : email?.trim() };
  const check = await checkConnection(sessions, updated, token.trim());
  if (!check.ok) {
    // The new token was refused, not the stored one: the site keeps the token and the state it had, so a
    // working site does not look broken because of a mistyped token.
    const kept = replacing ? 'The stored token was not changed.' : 'No token was stored.';
    void vscode.window.showErrorMessage(`Sign-in to ${site.label} failed: ${check.error.message} ${kept}`);
    return false;
  }
  try {
    const stored = token.trim();
    await sessions.revokeToken(site.id, () => sessions.tokens.store(site.id, stored));
  } catch (error) {
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return false;
  }
  if (updated.email !== site.email) await sessions.store.upsert(updated);
  sessions.noteSuccess(site.id);
  log.info(`Signed in to ${site.label}.`);
  void vscode.window.showInformationMessage(`Signed in to ${site.label}.`);
  return true;
}

/** `confirmed: true` (automation) skips the question; a user is asked, since the token cannot be shown again. */
export async function signOut(sessions: SiteSessions, log: Logger, arg?: unknown, confirmed?: unknown): Promise<boolean> {
  const site = await pickSite(sessions, arg, 'Sign out of which site?');
  if (!site) return false;
  if (confirmed !== true) {
    const choice = await vscode.window.showWarningMessage(
      `Sign out of ${site.label}?`,
      { modal: true, detail: 'Its token is deleted from Secret Storage. The site and its time windows are kept; Sign In… restores access.' },
      'Sign Out',
    );
    if (choice !== 'Sign Out') return false;
  }
  await sessions.revokeToken(site.id, () => sessions.tokens.delete(site.id));
  sessions.setState(site.id, { kind: 'tokenRequired' });
  log.info(`Signed out of ${site.label}; its token was deleted from Secret Storage.`);
  void vscode.window.showInformationMessage(`Signed out of ${site.label}: its token was deleted from Secret Storage.`);
  return true;
}

export async function removeSite(sessions: SiteSessions, windows: WindowStore, log: Logger, arg?: unknown, confirmed?: unknown): Promise<void> {
  const site = await pickSite(sessions, arg, 'Remove which site?');
  if (!site) return;
  if (confirmed !== true) {
    const choice = await vscode.window.showWarningMessage(
      `Remove ${site.label}?`,
      { modal: true, detail: 'Its token is deleted from Secret Storage and its custom time windows are forgotten. Nothing changes on the Confluence site.' },
      'Remove',
    );
    if (choice !== 'Remove') return;
  }
  await sessions.revokeToken(site.id, () => sessions.tokens.delete(site.id));
  await windows.forgetSite(site.id);
  await sessions.store.remove(site.id);
  log.info(`Removed site ${site.label}.`);
}

export async function testConnection(sessions: SiteSessions, arg?: unknown): Promise<boolean> {
  const site = await pickSite(sessions, arg, 'Test the connection to which site?');
  if (!site) return false;
  const token = await sessions.tokens.get(site.id);
  if (!token) {
    sessions.setState(site.id, { kind: 'tokenRequired' });
    const choice = await vscode.window.showWarningMessage(`No token is stored for ${site.label}.`, 'Sign In…');
    if (choice) await vscode.commands.executeCommand('confluenceAudit.signIn', site.id);
    return false;
  }
  const check = await checkConnection(sessions, site, token);
  if (check.ok) {
    sessions.noteSuccess(site.id);
    void vscode.window.showInformationMessage(`${site.label}: connected${check.username ? ` as ${check.username}` : ''}; the audit log is readable.`);
    return true;
  }
  sessions.noteError(site.id, check.error);
  void vscode.window.showErrorMessage(`${site.label}: ${check.error.message}`);
  return false;
}
