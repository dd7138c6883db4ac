// "Add Site…": URL, deployment (detected where possible), e-mail for Cloud, token in a password box.
// The connection is tested before anything is saved; the token goes to SecretStorage only.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { detectDeployment, discoverCloudId, normalizeSiteUrl, toAuditError, type Deployment } from '../api';
import type { Logger } from '../log';
import { authKindLabel, type AuthKind, type SiteConfig } from '../sites/siteConfig';
import type { SiteSessions } from '../sites/siteSessions';
import { checkConnection } from './connectionCheck';

/** Arguments for adding a site without prompts (automation and tests). */
export interface AddSiteArgs {
  url: string;
  authKind: AuthKind;
  token: string;
  email?: string;
  label?: string;
}

export type AddSiteResult = { ok: true; site: SiteConfig } | { ok: false; reason: string; kind?: string };

interface Draft {
  url?: string;
  authKind?: AuthKind;
  email?: string;
  label?: string;
}

export async function addSite(sessions: SiteSessions, log: Logger, args?: unknown): Promise<AddSiteResult | undefined> {
  if (isAddSiteArgs(args)) return addSiteNow(sessions, log, args, false);
  let draft: Draft = {};
  // Loop so that "Try Again" after a failed test keeps what the user already typed.
  for (;;) {
    const collected = await collect(draft);
    if (!collected) return undefined;
    draft = collected;
    const result = await addSiteNow(sessions, log, collected as AddSiteArgs, true);
    if (result.ok) return result;
    const choice = await vscode.window.showErrorMessage(`Could not add the site: ${result.reason}`, 'Try Again', 'Show Log');
    if (choice === 'Show Log') log.show();
    if (choice !== 'Try Again') return result;
  }
}

function isAddSiteArgs(value: unknown): value is AddSiteArgs {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.url === 'string' && typeof v.token === 'string' && (v.authKind === 'basic' || v.authKind === 'bearer' || v.authKind === 'scoped');
}

async function collect(draft: Draft): Promise<(Draft & { token: string }) | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'Add Confluence Site (1/4): site URL',
    prompt: 'The address of your Confluence site, e.g. https://your-domain.atlassian.net or https://confluence.example.com',
    value: draft.url,
    ignoreFocusOut: true,
    validateInput: (text) => {
      try {
        normalizeSiteUrl(text);
        return undefined;
      } catch (error) {
        return toAuditError(error).message;
      }
    },
  });
  if (url === undefined) return undefined;
  const siteUrl = normalizeSiteUrl(url);
  const detected = await detect(siteUrl);
  const authKind = await pickAuthKind(detected, draft.authKind);
  if (!authKind) return undefined;
  let email: string | undefined;
  if (authKind !== 'bearer') {
    email = await vscode.window.showInputBox({
      title: 'Add Confluence Site (3/4): account e-mail',
      prompt: 'The e-mail address of the Atlassian account that owns the API token',
      value: draft.email,
      ignoreFocusOut: true,
      validateInput: (text) => (/^[^\s@]+@[^\s@]+$/.test(text.trim()) ? undefined : 'Enter an e-mail address'),
    });
    if (email === undefined) return undefined;
    email = email.trim();
  }
  const token = await vscode.window.showInputBox({
    title: 'Add Confluence Site (4/4): token',
    prompt: authKind === 'bearer' ? 'A personal access token of a Confluence administrator' : 'An API token of a Confluence administrator',
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim().length > 0 ? undefined : 'The token cannot be empty'),
  });
  if (token === undefined) return undefined;
  return { url: siteUrl, authKind, email, label: draft.label, token: token.trim() };
}

async function detect(siteUrl: string): Promise<Deployment | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Looking at ${siteUrl}…`, cancellable: true },
    async (_progress, cancel) => {
      const abort = new AbortController();
      const subscription = cancel.onCancellationRequested(() => abort.abort());
      try {
        return await detectDeployment(siteUrl, { signal: abort.signal, timeoutMs: 10_000 });
      } catch {
        return undefined; // The user chooses; the connection test tells the truth later.
      } finally {
        subscription.dispose();
      }
    },
  );
}

async function pickAuthKind(detected: Deployment | undefined, previous: AuthKind | undefined): Promise<AuthKind | undefined> {
  const kinds: AuthKind[] = detected === 'datacenter' ? ['bearer', 'basic', 'scoped'] : ['basic', 'scoped', 'bearer'];
  const items = kinds.map((kind) => ({
    label: authKindLabel(kind),
    description: isDetected(kind, detected) ? '(detected)' : undefined,
    picked: kind === previous,
    authKind: kind,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Add Confluence Site (2/4): how to sign in',
    placeHolder: detected ? `This looks like Confluence ${detected === 'cloud' ? 'Cloud' : 'Data Center'}` : 'Choose how this site authenticates',
    ignoreFocusOut: true,
  });
  return picked?.authKind;
}

function isDetected(kind: AuthKind, detected: Deployment | undefined): boolean {
  return detected === 'datacenter' ? kind === 'bearer' : detected === 'cloud' && kind === 'basic';
}

async function addSiteNow(sessions: SiteSessions, log: Logger, args: AddSiteArgs, interactive: boolean): Promise<AddSiteResult> {
  let url: string;
  try {
    url = normalizeSiteUrl(args.url);
  } catch (error) {
    return { ok: false, reason: toAuditError(error).message, kind: 'invalidUrl' };
  }
  if (sessions.sites().some((s) => s.url === url && s.email === args.email && s.authKind === args.authKind)) {
    return { ok: false, reason: `${url} is already configured with this account. Use "Sign In…" to replace its token.`, kind: 'duplicate' };
  }
  const site: SiteConfig = {
    id: randomUUID(),
    label: args.label?.trim() || new URL(url).host,
    url,
    deployment: args.authKind === 'bearer' ? 'datacenter' : 'cloud',
    authKind: args.authKind,
    email: args.authKind === 'bearer' ? undefined : args.email?.trim(),
  };
  if (site.authKind === 'scoped') {
    try {
      site.cloudId = await discoverCloudId(url);
    } catch (error) {
      return { ok: false, reason: toAuditError(error).message, kind: toAuditError(error).kind };
    }
  }
  const check = await checkConnection(sessions, site, args.token);
  if (!check.ok) {
    log.warn(`Connection test for ${url} failed: ${check.error.kind}: ${check.error.message}`);
    if (!interactive) void vscode.window.showErrorMessage(`Could not add the site: ${check.error.message}`);
    return { ok: false, reason: check.error.message, kind: check.error.kind };
  }
  try {
    await sessions.tokens.store(site.id, args.token);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(reason);
    return { ok: false, reason, kind: 'secretStorage' };
  }
  await sessions.store.upsert(site);
  sessions.noteSuccess(site.id);
  log.info(`Added site ${site.label} (${site.deployment}, ${site.authKind})${check.username ? ` as ${check.username}` : ''}.`);
  void vscode.window.showInformationMessage(`Connected to ${site.label}. Its audit log is in the Confluence Audit view.`);
  return { ok: true, site };
}
