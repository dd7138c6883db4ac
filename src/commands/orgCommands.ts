// "Add Organization…", "Enter API Key…" and "Remove Organization…": an Atlassian organization's audit
// log as a source. The key is typed into a password box, tested against GET /admin/v1/orgs, and kept in
// SecretStorage only; settings keep the organization's id, name and API address.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { AuditError, toAuditError } from '../api';
import type { OrgSummary } from '../api/org';
import type { Logger } from '../log';
import { singleLine } from '../model/safeText';
import { parseOrgConfig, type OrgConfig } from '../sites/orgConfig';
import type { OrgSessions } from '../sites/orgSessions';
import { orgApiUrlSetting } from '../sites/orgStore';
import type { WindowStore } from '../tree/windowStore';
import { ENTER_ANOTHER_KEY, keyFailure, OPEN_API_KEYS, SHOW_LOG, TRY_AGAIN } from './orgKeyErrors';

/** Automation and tests: the key (and which organization) without prompts. */
export interface AddOrgArgs {
  key: string;
  orgId?: string;
}

export type OrgCommandResult = { ok: true; org: OrgConfig } | { ok: false; reason: string; kind?: string };

function isAddOrgArgs(value: unknown): value is AddOrgArgs {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}

async function askKey(title: string, prompt: string): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title,
    prompt,
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : 'The API key cannot be empty'),
  });
  return key?.trim();
}

/** The organizations a key sees, with progress; the error as the user reads it. */
async function listOrgs(sessions: OrgSessions, apiUrl: string, key: string): Promise<{ ok: true; orgs: OrgSummary[] } | { ok: false; error: ReturnType<typeof toAuditError> }> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Reading the organizations this API key can see…', cancellable: true }, async (_p, cancel) => {
    const abort = new AbortController();
    const subscription = cancel.onCancellationRequested(() => abort.abort());
    const client = await sessions.createClient(apiUrl, key);
    try {
      return { ok: true, orgs: await client.listOrgs(abort.signal) };
    } catch (error) {
      return { ok: false, error: toAuditError(error) };
    } finally {
      subscription.dispose();
      await client.close();
    }
  });
}

/** undefined when the key may read the organization's audit log (one small poll API page), else why not. */
async function canReadLog(sessions: OrgSessions, apiUrl: string, key: string, orgId: string): Promise<AuditError | undefined> {
  const client = await sessions.createClient(apiUrl, key);
  try {
    const now = Date.now();
    await client.streamPage(orgId, { from: now - 86_400_000, to: now, limit: 1 });
    return undefined;
  } catch (error) {
    return toAuditError(error);
  } finally {
    await client.close();
  }
}

/** Shows a failure with its next actions; true when the user wants to try again. */
async function tell(prefix: string, error: ReturnType<typeof toAuditError>, log: Logger): Promise<boolean> {
  const failure = keyFailure(error);
  log.warn(`${prefix}: ${error.kind}: ${error.message}`);
  const choice = await vscode.window.showErrorMessage(`${prefix}: ${failure.message}`, ...failure.actions);
  if (choice === OPEN_API_KEYS) void vscode.env.openExternal(vscode.Uri.parse('https://admin.atlassian.com/'));
  if (choice === SHOW_LOG) log.show();
  return choice === ENTER_ANOTHER_KEY || choice === TRY_AGAIN;
}

export async function addOrganization(sessions: OrgSessions, log: Logger, args?: unknown): Promise<OrgCommandResult | undefined> {
  const apiUrl = orgApiUrlSetting();
  for (;;) {
    const key = isAddOrgArgs(args) ? args.key.trim() : await askKey('Add Atlassian Organization (1/2): organization API key', 'An organization API key (admin.atlassian.com → Settings → API keys). It is kept in VS Code Secret Storage only.');
    if (key === undefined) return undefined;
    const listed = await listOrgs(sessions, apiUrl, key);
    if (!listed.ok) {
      const again = !isAddOrgArgs(args) && (await tell('Could not add the organization', listed.error, log));
      if (!again) return { ok: false, reason: keyFailure(listed.error).message, kind: listed.error.kind };
      continue;
    }
    const known = new Set(sessions.orgs().map((o) => `${o.apiUrl} ${o.orgId}`));
    const fresh = listed.orgs.filter((o) => !known.has(`${apiUrl} ${o.id}`));
    if (fresh.length === 0) {
      const reason = listed.orgs.length === 0 ? 'This API key sees no organization.' : 'Every organization this API key sees is already added.';
      void vscode.window.showWarningMessage(reason);
      return { ok: false, reason, kind: 'none' };
    }
    const chosen = isAddOrgArgs(args) ? fresh.find((o) => args.orgId === undefined || o.id === args.orgId) : await pickOrg(fresh);
    if (!chosen) return isAddOrgArgs(args) ? { ok: false, reason: 'The key does not see that organization.', kind: 'notFound' } : undefined;
    // Listing organizations needs no Guard plan; reading the log does. Ask once now, so a 403 is told here.
    const readable = await canReadLog(sessions, apiUrl, key, chosen.id);
    if (readable !== undefined) {
      const again = !isAddOrgArgs(args) && (await tell(`Could not add ${singleLine(chosen.name, 120)}`, readable, log));
      if (!again) return { ok: false, reason: keyFailure(readable).message, kind: readable.kind };
      continue;
    }
    return save(sessions, log, { id: randomUUID(), orgId: chosen.id, label: singleLine(chosen.name, 120) || chosen.id, apiUrl, keyAddedAt: Date.now() }, key);
  }
}

async function pickOrg(orgs: OrgSummary[]): Promise<OrgSummary | undefined> {
  const picked = await vscode.window.showQuickPick(
    orgs.map((o) => ({ label: singleLine(o.name, 120) || o.id, description: o.id, org: o })),
    { title: 'Add Atlassian Organization (2/2): organization', placeHolder: 'Which organization\'s audit log?', ignoreFocusOut: true },
  );
  return picked?.org;
}

async function save(sessions: OrgSessions, log: Logger, org: OrgConfig, key: string): Promise<OrgCommandResult> {
  // An id from the server that settings would not read back must not be saved: the entry would vanish.
  if (!parseOrgConfig(org)) {
    const reason = `The organization id ${JSON.stringify(singleLine(org.orgId, 80))} or the API address ${org.apiUrl} is not usable; nothing was saved.`;
    void vscode.window.showErrorMessage(reason);
    return { ok: false, reason, kind: 'badResponse' };
  }
  try {
    // Key first: an organization without its key would flash "API key required".
    await sessions.changeKey(org.id, key);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(reason);
    return { ok: false, reason, kind: 'secretStorage' };
  }
  await sessions.store.upsert(org);
  sessions.noteSuccess(org.id);
  log.info(`Added organization ${org.label} (${org.orgId}).`);
  void vscode.window.showInformationMessage(`Added the organization ${org.label}. Its audit log is in the Confluence Audit view.`);
  return { ok: true, org };
}

function orgIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null && typeof (arg as { siteId?: unknown }).siteId === 'string') return (arg as { siteId: string }).siteId;
  return undefined;
}

export async function pickOrganization(sessions: OrgSessions, arg: unknown, placeHolder: string): Promise<OrgConfig | undefined> {
  const orgs = sessions.orgs();
  const id = orgIdFromArg(arg);
  if (id !== undefined) return orgs.find((o) => o.id === id);
  if (orgs.length <= 1) return orgs[0];
  const picked = await vscode.window.showQuickPick(orgs.map((o) => ({ label: o.label, description: o.orgId, org: o })), { placeHolder, ignoreFocusOut: true });
  return picked?.org;
}

/** A new key for an organization (first key on this machine, or one replacing a rejected or expiring key). */
export async function signInOrganization(sessions: OrgSessions, log: Logger, arg?: unknown, args?: unknown): Promise<boolean> {
  const org = await pickOrganization(sessions, arg, 'Enter an API key for which organization?');
  if (!org) return false;
  for (;;) {
    const key = isAddOrgArgs(args) ? args.key.trim() : await askKey(`${org.label}: organization API key`, 'A new organization API key; it replaces the stored one once Atlassian accepts it');
    if (key === undefined) return false;
    const listed = await listOrgs(sessions, org.apiUrl, key);
    const sees = listed.ok && listed.orgs.some((o) => o.id === org.orgId);
    const error = !listed.ok
      ? listed.error
      : sees
        ? await canReadLog(sessions, org.apiUrl, key, org.orgId)
        : new AuditError('notFound', `This key does not see ${org.label}: use a key of that organization.`, { retryable: false });
    if (error) {
      if (!isAddOrgArgs(args) && (await tell(`The key for ${org.label} was not stored`, error, log))) continue;
      return false;
    }
    await sessions.changeKey(org.id, key);
    await sessions.store.upsert({ ...org, keyAddedAt: Date.now() });
    sessions.noteSuccess(org.id);
    log.info(`Stored a new API key for ${org.label}.`);
    void vscode.window.showInformationMessage(`Stored the new API key for ${org.label}.`);
    return true;
  }
}

/** `confirmed: true` (automation) skips the question. */
export async function removeOrganization(sessions: OrgSessions, windows: WindowStore, log: Logger, arg?: unknown, confirmed?: unknown): Promise<boolean> {
  const org = await pickOrganization(sessions, arg, 'Remove which organization?');
  if (!org) return false;
  if (confirmed !== true) {
    const choice = await vscode.window.showWarningMessage(
      `Remove ${org.label}?`,
      { modal: true, detail: 'Its API key is deleted from Secret Storage and its custom time windows are forgotten. Nothing changes in the organization.' },
      'Remove',
    );
    if (choice !== 'Remove') return false;
  }
  await sessions.changeKey(org.id, undefined);
  await windows.forgetSite(org.id);
  await sessions.store.remove(org.id);
  log.info(`Removed organization ${org.label}.`);
  return true;
}
