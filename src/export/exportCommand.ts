// "Export Audit Log as CSV…" / "…as ZIP…": the server's export of one window, streamed into the
// workspace under a name that never replaces a file, with its evidence manifest next to it.
import * as vscode from 'vscode';
import { AuditError, type ExportFormat } from '../api';
import type { ExportFileFormat } from '../exportFile/fileFormat';
import type { SiteConfig } from '../sites/siteConfig';
import { isWindowOrBucket, serverExportArgs, type CommonArgs } from './args';
import { downloadExport } from './core/download';
import { writeEventsExport } from './eventsExport';
import { formatBytes } from './core/formatBytes';
import { buildManifest, manifestText, type ExportManifest } from '../exportFile/manifest';
import { warnAboutFormulas } from './formulaWarning';
import { exportStem } from '../exportFile/naming';
import type { ExportDeps, ExtensionIdentity } from './deps';
import { askForRange, askForSearch, pickExportSource } from './prompts';
import type { AuditSource } from '../sources/source';
import { failure, failureFrom, type ExportFailure, type ExportResult } from './results';
import { resolveTarget, type ExportTarget } from '../workspaceFiles/exportFolder';
import { chooseWorkspaceFolder, openStaging } from './target';
import { revealExport, reportFailure, reportSuccess } from './reveal';

/**
 * What an export needs to know of its source: who it is (id, name, address: a site's URL, an organization's
 * API path with its id), never its credentials. A site's client, or a source's reader, is asked for at the
 * start of the export itself.
 */
export interface ExportOrigin {
  id: string;
  label: string;
  url: string;
}

interface ServerExportRequest extends CommonArgs {
  origin: ExportOrigin;
  start: number;
  end: number;
  searchString?: string;
  interactive: boolean;
}

/** A source whose whole windows can be exported: by its server, or written by us from its events. */
function exportsWindows(source: AuditSource): boolean {
  return source.serverExport !== undefined || source.eventExport !== undefined;
}

const FORMAT_NAMES: Record<ExportFileFormat, string> = { csv: 'CSV', jsonl: 'JSON Lines', zip: 'ZIP' };

/**
 * Why the source cannot export a whole window as `format`, with what to do instead; undefined when it can.
 * `again` is the argument that runs "Export Audit Log as CSV…" on the same window or source.
 */
function formatRefusal(source: AuditSource, format: ExportFormat, again: unknown): ExportFailure | undefined {
  if (source.serverExport) return source.serverExport.formats.includes(format) ? undefined : failure('refused', `${source.label} has no ${format.toUpperCase()} export.`);
  if (source.eventExport) {
    const { formats } = source.eventExport;
    if (formats.includes(format)) return undefined;
    const refused = failure('refused', `${source.label} has no ${format.toUpperCase()} export: its windows are exported as ${formats.map((f) => FORMAT_NAMES[f]).join(' and ')} written from its events, each with its manifest.`);
    return formats.includes('csv') ? { ...refused, instead: { title: 'Export as CSV…', command: 'confluenceAudit.exportCsv', args: [again] } } : refused;
  }
  const why = source.kind === 'snapshot' ? 'This window belongs to an offline snapshot, which has no server to export from.' : `${source.label} has no export of whole windows.`;
  return failure('refused', `${why} Use "Export Shown Records…" instead.`);
}

/** The refusal for a source once it was opened: a Data Center site learns there which audit API it has. */
async function refusalFor(source: AuditSource, format: ExportFormat): Promise<ExportFailure | undefined> {
  // Whether it can be read now is not the question here: an export of a source that cannot fails later, saying why.
  await source.open();
  return formatRefusal(source, format, source.id);
}

function originOf(source: AuditSource): ExportOrigin {
  return { id: source.id, label: source.origin.label, url: source.origin.url };
}

export async function exportAuditLog(deps: ExportDeps, identity: ExtensionIdentity, format: ExportFormat, arg: unknown): Promise<ExportResult> {
  const request = await resolveRequest(deps, format, arg);
  if ('ok' in request) {
    if (request.ok === false && request.kind !== 'cancelled') reportFailure(request.message, request.instead);
    return request;
  }
  const result = await runExport(deps, identity, format, request);
  if (result.ok) {
    // The file is what the server sent (a ZIP request to Data Center gives CSV).
    const received = result.manifest.query.format;
    if (request.reveal !== false) await revealExport(vscode.Uri.parse(result.uri), received, result.manifest.bytes);
    // A window written from a source's events has a JSON Lines twin: the lossless one opens as a snapshot.
    const twin = result.files?.[1];
    if (twin) reportSuccess(result, `${received.toUpperCase()} and JSON Lines`, twin.uri);
    else reportSuccess(result, received.toUpperCase());
    void warnAboutFormulas(vscode.Uri.parse(result.uri), result.manifest);
  } else if (result.kind === 'cancelled') {
    void vscode.window.showInformationMessage(result.message);
  } else {
    reportFailure(result.message, result.instead);
  }
  return result;
}

async function resolveRequest(deps: ExportDeps, format: ExportFormat, arg: unknown): Promise<ServerExportRequest | ExportResult> {
  const title = `Export Audit Log as ${format.toUpperCase()}`;
  if (isWindowOrBucket(arg)) {
    const source = deps.sources.get(arg.siteId);
    const refused = source && formatRefusal(source, format, arg);
    if (refused) return refused;
    const query = deps.tree.queryOf(arg);
    if (!query || !source) return failure('refused', 'That time window no longer exists.');
    if (query.savedQuery !== undefined) {
      return failure('refused', 'The server\'s export would hold every record of this saved query\'s window, not those that match the query. Use "Export Shown Records…" instead.');
    }
    return { origin: originOf(source), start: query.start, end: query.end, searchString: query.searchString, interactive: false };
  }
  const automated = serverExportArgs(arg);
  if (typeof automated === 'string') return failure('refused', `Export refused: ${automated}.`);
  if (automated) {
    const source = deps.sources.get(automated.siteId);
    if (!source || !exportsWindows(source)) return failure('refused', `There is no site or organization with id ${automated.siteId} whose windows can be exported.`);
    const refused = await refusalFor(source, format);
    if (refused) return refused;
    return { ...automated, origin: originOf(source), interactive: false };
  }
  // Every configured source that exports windows is offered: one that cannot give this format (a Data Center
  // site asked for ZIP, which it learns only once opened) says so once picked, with what it can do instead.
  const offered = deps.sources.list().filter((s) => s.lifetime === 'configured' && exportsWindows(s));
  // A source's id (the "Export as CSV…" of a refusal) skips the pick.
  const source = typeof arg === 'string' ? deps.sources.get(arg) : await pickExportSource(offered);
  if (!source) return failure('cancelled', 'No site was chosen.');
  // Said before the window and search are asked for: a source that cannot give this format says so at once.
  const refused = await refusalFor(source, format);
  if (refused) return refused;
  // A saved query's window stands for its query's records, which the server's export does not filter by.
  const own = deps.tree.windowsOf(source.id).filter((w) => w.spec.kind !== 'preset' && w.query === undefined);
  const range = await askForRange(title, deps.zone(), own);
  if (!range) return failure('cancelled', 'No time window was chosen.');
  const search = source.capabilities.search ? await askForSearch(title) : '';
  if (search === undefined) return failure('cancelled', 'The export was cancelled.');
  return { origin: originOf(source), start: range.start, end: range.end, searchString: search.trim() || undefined, interactive: true };
}

async function runExport(deps: ExportDeps, identity: ExtensionIdentity, format: ExportFormat, request: ServerExportRequest): Promise<ExportResult> {
  const abort = new AbortController();
  const external = request.signal;
  const onExternalAbort = (): void => abort.abort();
  if (external?.aborted) abort.abort();
  external?.addEventListener('abort', onExternalAbort, { once: true });
  const { origin } = request;
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
      { location: vscode.ProgressLocation.Notification, title: `Exporting the audit log of ${origin.label} as ${format.toUpperCase()}`, cancellable: true },
      async (progress, token) => {
        const cancel = token.onCancellationRequested(() => abort.abort());
        try {
          return await download(deps, identity, format, request, target, abort.signal, progress);
        } catch (e) {
          const result = failureFrom(e, abort.signal);
          // A site's row learns of a refused token; a source read through its cursor has noted it already.
          if (e instanceof AuditError && deps.sessions.store.get(origin.id)) deps.sessions.noteError(origin.id, e);
          deps.log.warn(`Export of ${origin.label} (${format}) failed: ${result.kind}: ${result.message}`);
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
  const { origin } = request;
  // A source without the server's export (Data Center advanced auditing, an organization) has its records written by us.
  const source = deps.sources.get(origin.id);
  if (source && !source.serverExport && source.eventExport) {
    return formatRefusal(source, format, origin.id) ?? writeEventsExport(deps, identity, source, request, target, signal, progress);
  }
  const site = deps.sessions.store.get(origin.id);
  if (!site) return failure('refused', `${origin.label} has no export of whole windows.`);
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
