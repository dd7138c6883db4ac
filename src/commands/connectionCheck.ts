// Tests credentials against the audit API with a cancellable progress notification.
import * as vscode from 'vscode';
import { toAuditError, type AuditError } from '../api';
import type { SiteConfig } from '../sites/siteConfig';
import type { SiteSessions } from '../sites/siteSessions';

export type CheckResult = { ok: true; username?: string } | { ok: false; error: AuditError };

export async function checkConnection(sessions: SiteSessions, site: SiteConfig, token: string): Promise<CheckResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Connecting to ${site.label}…`, cancellable: true },
    async (_progress, cancel) => {
      const abort = new AbortController();
      const subscription = cancel.onCancellationRequested(() => abort.abort());
      try {
        const client = await sessions.createClient(site, token);
        const result = await client.checkConnection(abort.signal);
        return { ok: true, username: result.username };
      } catch (error) {
        return { ok: false, error: toAuditError(error) };
      } finally {
        subscription.dispose();
      }
    },
  );
}
