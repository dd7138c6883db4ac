// "Export Audit Log as CSV…" / "…as ZIP…": the server's export of one window, streamed into the
// workspace under a name that never replaces a file, with its evidence manifest next to it.
import * as vscode from 'vscode';
import { AuditError, type ExportFormat } from '../api';
import { pickSite } from '../prompts/pickSite';
import type { SiteConfig } from '../sites/siteConfig';
import { isWindowOrBucket, serverExportArgs, type CommonArgs } from './args';
import { downloadExport } from './core/download';
import { writeEventsExport } from './eventsExport';
import { formatBytes } from './core/formatBytes';
import { buildManifest, manifestText, type ExportManifest } from '../exportFile/manifest';
import { warnAboutFormulas } from './formulaWarning';
import { exportStem } from '../exportFile/naming';
import type { ExportDeps, ExtensionIdentity } from './deps';
import { askForRange, askForSearch } from './prompts';
import { failure, failureFrom, type ExportResult } from './results';
import { resolveTarget, type ExportTarget } from '../workspaceFiles/exportFolder';
import { chooseWorkspaceFolder, openStaging } from './target';
import { revealExport, reportFailure, reportSuccess } from './reveal';

interface ServerExportRequest extends CommonArgs {
  site: SiteConfig;
  start: number;
  end: number;
  searchString?: string;
  interactive: boolean;
}

export async function exportAuditLog(deps: ExportDeps, identity: ExtensionIdentity, format: ExportFormat, arg: unknown): Promise<ExportResult> {
  const request = await resolveRequest(deps, format, arg);
  if ('ok' in request) {
    if (request.ok === false && request.kind !== 'cancelled') reportFailure(request.message);
    return request;
  }
  const result = await runExport(deps, identity, format, request);
  if (result.ok) {
    // The file is what the server sent (a ZIP request to Data Center gives CSV).
    const received = result.manifest.query.format;
    if (request.reveal !== false) await revealExport(vscode.Uri.parse(result.uri), received, result.manifest.bytes);
    reportSuccess(result, received.toUpperCase());
    void warnAboutFormulas(vscode.Uri.parse(result.uri), result.manifest);
  } else if (result.kind === 'cancelled') {
    void vscode.window.showInformationMessage(result.message);
  } else {
    reportFailure(result.message);
  }
  return result;
}

async function resolveRequest(deps: ExportDeps, format: ExportFormat, arg: unknown): Promise<ServerExportRequest | ExportResult> {
  const title = `Export Audit Log as ${format.toUpperCase()}`;
  if (isWindowOrBucket(arg)) {
    const source = deps.sources.get(arg.siteId);
    if (source && !source.serverExport && !source.eventExport) {
      const why = source.kind === 'snapshot' ? 'This window belongs to an offline snapshot, which has no server to export from.' : `${source.label} has no export of whole windows.`;
      return failure('refused', `${why} Use "Export Shown Records…" instead.`);
    }
    const query = deps.tree.queryOf(arg);
    const site = query && deps.sessions.store.get(query.siteId);
    if (!query || !site) return failure('refused', 'That time window no longer exists.');
    return { site, start: query.start, end: query.end, searchString: query.searchString, interactive: false };
  }
  const automated = serverExportArgs(arg);
  if (typeof automated === 'string') return failure('refused', `Export refused: ${automated}.`);
  if (automated) {
    const site = deps.sessions.store.get(automated.siteId);
    if (!site) return failure('refused', `There is no site with id ${automated.siteId}.`);
    return { ...automated, site, interactive: false };
  }
  const site = await pickSite(deps.sessions, undefined, 'Export the audit log of which site?');
  if (!site) return failure('cancelled', 'No site was chosen.');
  const own = deps.tree.windowsOf(site.id).filter((w) => w.spec.kind !== 'preset');
  const range = await askForRange(title, deps.zone(), own);
  if (!range) return failure('cancelled', 'No time window was chosen.');
  const search = await askForSearch(title);
  if (search === undefined) return failure('cancelled', 'The export was cancelled.');
  return { site, start: range.start, end: range.end, searchString: search.trim() || undefined, interactive: true };
}

async function runExport(deps: ExportDeps, identity: ExtensionIdentity, format: ExportFormat, request: ServerExportRequest): Promise<ExportResult> {
  const abort = new AbortController();
  const external = request.signal;
  const onExternalAbort = (): void => abort.abort();
  if (external?.aborted) abort.abort();
  external?.addEventListener('abort', onExternalAbort, { once: true });
  const { site } = request;
  let target: ExportTarget;
  try {
    // Asked before the progress notification appears (it may prompt for a folder in a multi-root window).
    const workspaceFolder = await chooseWorkspaceFolder(request.folder, request.interactive);
    if (!workspaceFolder) return failure('cancelled', 'No workspace folder was chosen.');
    target = resolveTarget(workspaceFolder);
  } catch (e) {
    return failureFrom(e, abort.signal);
  }
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting the audit log of ${site.label} as ${format.toUpperCase()}`, cancellable: true },
      async (progress, token) => {
        const cancel = token.onCancellationRequested(() => abort.abort());
        try {
          return await download(deps, identity, format, request, target, abort.signal, progress);
        } catch (e) {
          const result = failureFrom(e, abort.signal);
          if (e instanceof AuditError) deps.sessions.noteError(site.id, e);
          deps.log.warn(`Export of ${site.label} (${format}) failed: ${result.kind}: ${result.message}`);
          return result;
        } finally {
          cancel.dispose();
        }
      },
    );
  } finally {
    external?.removeEventListener('abort', onExternalAbort);
  }
}

/** Sites already told that they answer a ZIP request with CSV: said once per site and session, not per export. */
const toldFormatSubstitution = new Set<string>();

function noteFormatSubstitution(site: SiteConfig, asked: ExportFormat, received: ExportFormat, deps: ExportDeps): void {
  deps.log.info(`Export of ${site.label}: asked for ${asked.toUpperCase()}, the server sent ${received.toUpperCase()}; saved as .${received}`);
  if (toldFormatSubstitution.has(site.id)) return;
  toldFormatSubstitution.add(site.id);
  void vscode.window.showInformationMessage(
    `${site.label} sent a ${received.toUpperCase()} file when a ${asked.toUpperCase()} export was asked for (Confluence Data Center always exports CSV). It is saved as .${received}, and its manifest records the format it really has.`,
  );
}

async function download(
  deps: ExportDeps,
  identity: ExtensionIdentity,
  format: ExportFormat,
  request: ServerExportRequest,
  target: ExportTarget,
  signal: AbortSignal,
  progress: vscode.Progress<{ message?: string }>,
): Promise<ExportResult> {
  const { site } = request;
  // A source without the server's export (Data Center advanced auditing) has its records written by us.
  const source = deps.sources.get(site.id);
  if (source && !source.serverExport && source.eventExport) {
    if (!source.eventExport.formats.includes(format)) return failure('refused', `${site.label} has no ${format.toUpperCase()} export: its windows are exported as CSV and JSON Lines.`);
    return writeEventsExport(deps, identity, source, request, target, signal, progress);
  }
  const client = await deps.sessions.client(site);
  if (!client.ok) {
    return failure('unauthorized', `${site.label} has no usable token (${client.state.kind}). Sign in again, then export.`);
  }
  const staging = await openStaging(target);
  try {
    const stem = exportStem({ site: site.url, start: request.start, end: request.end, qualifier: request.searchString ? `search ${request.searchString}` : undefined });
    const tempPath = staging.tempPath(`${stem}.${format}`);
    const exportedAt = Date.now();
    let lastReport = 0;
    deps.log.info(`Export of ${site.label} (${format}) started: ${new Date(request.start).toISOString()} – ${new Date(request.end).toISOString()}${request.searchString ? ' with a search string' : ''}`);
    const digest = await downloadExport(
      client.client,
      { startDate: request.start, endDate: request.end, searchString: request.searchString, format },
      tempPath,
      {
        signal,
        onProgress: (bytes) => {
          const now = Date.now();
          if (now - lastReport < 200) return;
          lastReport = now;
          progress.report({ message: `${formatBytes(bytes)} received` });
        },
      },
    );
    progress.report({ message: `${formatBytes(digest.bytes)} received; saving` });
    // What was received decides the name and the manifest: Data Center sends CSV for a ZIP request.
    const received = digest.format;
    if (received !== format) noteFormatSubstitution(site, format, received, deps);
    if (signal.aborted) throw new AuditError('cancelled', 'The export was cancelled.', { retryable: false });
    let manifest: ExportManifest | undefined;
    const [uri] = await staging.place(stem, [
      {
        tempPath,
        kind: received,
        manifest: (file) => {
          manifest = buildManifest({
            file,
            site: { url: site.url, label: site.label },
            start: request.start,
            end: request.end,
            searchString: request.searchString,
            format: received,
            requestedFormat: format,
            source: 'server',
            digest,
            serverFileName: digest.serverFileName,
            extension: identity,
            exportedAt,
          });
          return manifestText(manifest);
        },
      },
    ]);
    if (!uri || !manifest) throw new Error('the export file was not placed');
    deps.sessions.noteSuccess(site.id);
    deps.log.info(`Export of ${site.label} saved: ${uri.toString()} (${digest.bytes} bytes, ${digest.records} records, sha256 ${digest.sha256})`);
    return { ok: true, uri: uri.toString(), manifestUri: `${uri.toString()}.manifest.json`, manifest };
  } finally {
    await staging.dispose();
  }
}
