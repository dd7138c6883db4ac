// "Show Organization Events Around This" (from a Confluence record) and "Show Confluence Records Around
// This" (from an organization event): the other log's ±15 minutes, same actor or same IP address, in a
// list; the picked one opens in the detail view, and the last entry adds the window to the tree.
import * as vscode from 'vscode';
import { toAuditError } from '../api';
import type { Logger } from '../log';
import { recordDescription, recordLabel } from '../model/recordView';
import type { SourcedRecord } from '../model/sourceFields';
import type { ZoneSetting } from '../model/timeZone';
import type { SourceDirectory } from '../sources/directory';
import { canPivot, matchReason, pivotOf, recordsAround, type AroundResult } from '../sources/org/around';
import type { AuditSource } from '../sources/source';
import type { RecordNode } from '../tree/nodes';
import type { WebviewsApi } from '../webview';

export interface PivotDeps {
  sources: Pick<SourceDirectory, 'list' | 'get'>;
  webviews: Pick<WebviewsApi, 'showRecord'>;
  zone: () => ZoneSetting;
  log: Logger;
  revealWindow(sourceId: string, windowId: string): Promise<void>;
}

/** What the command found, for tests and automation. */
export interface PivotResult {
  sourceId: string;
  matches: SourcedRecord[];
}

/** A record node, or `{ record, siteId }` from automation. */
function recordArg(arg: unknown): Pick<RecordNode, 'record' | 'siteId'> | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const v = arg as { record?: unknown; siteId?: unknown };
  if (typeof v.siteId !== 'string' || typeof v.record !== 'object' || v.record === null) return undefined;
  const record = v.record as SourcedRecord;
  return typeof record.creationDate === 'number' ? { record, siteId: v.siteId } : undefined;
}

export function showOrgEventsAround(deps: PivotDeps, arg: unknown, options?: unknown): Promise<PivotResult | undefined> {
  return pivot(deps, arg, options, { to: (s) => s.kind === 'org', what: 'organization events', none: 'No Atlassian organization is configured.', add: { title: 'Add Organization…', command: 'confluenceAudit.addOrganization' } });
}

export function showSiteRecordsAround(deps: PivotDeps, arg: unknown, options?: unknown): Promise<PivotResult | undefined> {
  return pivot(deps, arg, options, { to: (s) => s.kind === 'cloud', what: 'Confluence records', none: 'No Confluence site is configured.', add: { title: 'Add Site…', command: 'confluenceAudit.addSite' } });
}

interface Direction {
  to(source: AuditSource): boolean;
  what: string;
  none: string;
  add: { title: string; command: string };
}

async function pivot(deps: PivotDeps, arg: unknown, options: unknown, direction: Direction): Promise<PivotResult | undefined> {
  const node = recordArg(arg);
  if (!node) {
    void vscode.window.showInformationMessage(`Select an audit record in the Confluence Audit view to show the ${direction.what} around it.`);
    return undefined;
  }
  const pivotPoint = pivotOf(node.record);
  if (!canPivot(pivotPoint)) {
    void vscode.window.showInformationMessage('This record names neither an account nor an IP address, so nothing can be matched to it.');
    return undefined;
  }
  const target = await pickTarget(deps, direction);
  if (!target) return undefined;
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading the ${direction.what} of ${target.label} around ${recordLabel(node.record)}…`, cancellable: true },
    async (_p, cancel): Promise<AroundResult | { ok: false; error: string }> => {
      const abort = new AbortController();
      const subscription = cancel.onCancellationRequested(() => abort.abort());
      try {
        return await recordsAround(target, pivotPoint, abort.signal);
      } catch (error) {
        return { ok: false, error: toAuditError(error).message };
      } finally {
        subscription.dispose();
      }
    },
  );
  if (!found.ok) {
    if ('error' in found) {
      deps.log.warn(`Reading ${target.label} around a record failed: ${found.error}`);
      void vscode.window.showErrorMessage(`${target.label}: ${found.error}`);
    } else {
      const notice = found.notices[0];
      const choice = await vscode.window.showWarningMessage(notice?.text ?? `${target.label} cannot be read now.`, ...(notice?.action ? [notice.action.title] : []));
      if (choice && notice?.action) void vscode.commands.executeCommand(notice.action.command, ...notice.action.args);
    }
    return { sourceId: target.id, matches: [] };
  }
  const result = { sourceId: target.id, matches: found.matches };
  if ((options as { quiet?: unknown } | undefined)?.quiet !== true) void present(deps, target, found, node.record, direction);
  return result;
}

async function pickTarget(deps: PivotDeps, direction: Direction): Promise<AuditSource | undefined> {
  const targets = deps.sources.list().filter((s) => direction.to(s));
  if (targets.length === 0) {
    const choice = await vscode.window.showInformationMessage(direction.none, direction.add.title);
    if (choice) void vscode.commands.executeCommand(direction.add.command);
    return undefined;
  }
  if (targets.length === 1) return targets[0];
  const picked = await vscode.window.showQuickPick(targets.map((s) => ({ label: s.label, source: s })), { placeHolder: `Show the ${direction.what} of which one?`, ignoreFocusOut: true });
  return picked?.source;
}

type Item = vscode.QuickPickItem & { record?: SourcedRecord };

async function present(deps: PivotDeps, target: AuditSource, found: Extract<AroundResult, { ok: true }>, from: SourcedRecord, direction: Direction): Promise<void> {
  const zone = deps.zone();
  const pivotPoint = pivotOf(from);
  const items: Item[] = found.matches.map((r) => ({ label: recordLabel(r), description: recordDescription(r, zone), detail: `${matchReason(r, pivotPoint)}${r.remoteAddress ? ` · ${r.remoteAddress}` : ''}`, record: r }));
  items.push({ label: '$(list-tree) Show these 30 minutes in the Audit Log view', detail: `Every record of ${target.label} within 15 minutes either side` });
  const count = found.matches.length;
  const picked = await vscode.window.showQuickPick(items, {
    title: `${count} ${direction.what} of ${target.label} within 15 minutes, same actor or IP${found.complete ? '' : ' (the window was cut off: it holds more records than a pivot reads)'}`,
    placeHolder: count === 0 ? `No ${direction.what} share this record's actor or IP address within 15 minutes.` : 'Open one in the detail view',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  if (!picked) return;
  if (picked.record) {
    deps.webviews.showRecord(picked.record, { id: target.id, label: target.origin.recordSite });
    return;
  }
  const spec = { kind: 'absolute', start: found.window.startDate, end: found.window.endDate, zone: 'utc' };
  const windowId = await vscode.commands.executeCommand<unknown>('confluenceAudit.addTimeWindow', target.id, spec);
  if (typeof windowId === 'string') await deps.revealWindow(target.id, windowId);
}
