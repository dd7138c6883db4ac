// "Export Shown Records…": the records a window or bucket currently shows (loaded, matching the view's
// filters, which the server cannot apply) as a spreadsheet-safe CSV and as JSON Lines, each with a manifest.
import * as vscode from 'vscode';
import type { AuditRecord } from '../api/types';
import type { BucketNode, WindowNode } from '../tree/nodes';
import type { WindowQuery } from '../tree/queries';
import { shownExportArgs, type CommonArgs } from './args';
import { digestExportFile } from '../exportFile/digest/digest';
import { buildManifest, manifestText, type ExportManifest } from '../exportFile/manifest';
import type { ExportFileFormat } from '../exportFile/fileFormat';
import { exportStem } from '../exportFile/naming';
import type { PendingFile } from './core/placeFiles';
import { shownCsvLines, shownJsonLines, writeLines } from './core/shownRecords';
import type { ExportDeps, ExtensionIdentity } from './deps';
import { failure, failureFrom, type ExportResult } from './results';
import { revealExport, reportFailure, reportSuccess } from './reveal';
import { resolveTarget } from '../workspaceFiles/exportFolder';
import { chooseWorkspaceFolder, openStaging } from './target';

export async function exportShownRecords(deps: ExportDeps, identity: ExtensionIdentity, arg: unknown): Promise<ExportResult> {
  const parsed = shownExportArgs(arg);
  const options: CommonArgs = parsed ?? {};
  const node = parsed?.node ?? (await pickWindow(deps));
  if (!node) return failure('cancelled', 'No time window was chosen.');
  const query = deps.tree.queryOf(node);
  if (!query) return done(failure('refused', 'That time window no longer exists.'));
  const records = deps.tree.shownRecords(node);
  if (records.length === 0) {
    return done(failure('refused', 'No records are shown there yet: expand the buckets (and "Load more") until the records you want are listed, then export.'));
  }
  const abort = new AbortController();
  if (options.signal?.aborted) abort.abort();
  const result = await write(deps, identity, node, query, records, options, parsed === undefined, abort.signal).catch((e: unknown) => failureFrom(e, abort.signal));
  if (result.ok) {
    if (options.reveal !== false) await revealExport(vscode.Uri.parse(result.uri), 'csv', result.manifest.bytes);
    reportSuccess(result, 'CSV and JSON Lines', result.files?.[1]?.uri);
  }
  return done(result);
}

function done(result: ExportResult): ExportResult {
  if (!result.ok && result.kind !== 'cancelled') reportFailure(result.message);
  return result;
}

async function write(
  deps: ExportDeps,
  identity: ExtensionIdentity,
  node: WindowNode | BucketNode,
  query: WindowQuery,
  records: readonly AuditRecord[],
  options: CommonArgs,
  interactive: boolean,
  signal: AbortSignal,
): Promise<ExportResult> {
  const site = siteOf(deps, node.siteId);
  const workspaceFolder = await chooseWorkspaceFolder(options.folder, interactive);
  if (!workspaceFolder) return failure('cancelled', 'No workspace folder was chosen.');
  const staging = await openStaging(resolveTarget(workspaceFolder));
  try {
    const stem = exportStem({ site: site.url, start: query.start, end: query.end, qualifier: query.searchString ? `shown search ${query.searchString}` : 'shown' });
    const exportedAt = Date.now();
    const filters = deps.filters.filter;
    const manifests = new Map<ExportFileFormat, ExportManifest>();
    const files: PendingFile[] = [];
    for (const kind of ['csv', 'jsonl'] as const) {
      const tempPath = staging.tempPath(`${stem}.${kind}`);
      await writeLines(tempPath, kind === 'csv' ? shownCsvLines(records, deps.zone()) : shownJsonLines(records));
      const digest = await digestExportFile(tempPath, kind, { signal });
      files.push({
        tempPath,
        kind,
        manifest: (file) => {
          const manifest = buildManifest({
            file,
            site,
            start: query.start,
            end: query.end,
            searchString: query.searchString,
            format: kind,
            source: 'shown',
            filters: { categories: filters.categories, authors: filters.authors, remoteAddresses: filters.remoteAddresses },
            digest,
            extension: identity,
            exportedAt,
          });
          manifests.set(kind, manifest);
          return manifestText(manifest);
        },
      });
    }
    const uris = await staging.place(stem, files);
    const placed = uris.map((uri, i) => {
      const manifest = manifests.get(files[i].kind);
      if (!manifest) throw new Error('a manifest was not written');
      return { uri: uri.toString(), manifestUri: `${uri.toString()}.manifest.json`, manifest };
    });
    deps.log.info(`Exported ${records.length} shown records: ${placed.map((p) => p.uri).join(', ')}`);
    return { ok: true, ...placed[0], files: placed };
  } finally {
    await staging.dispose();
  }
}

/** Where the records come from, as the manifest names it. */
function siteOf(deps: ExportDeps, siteId: string): { url: string; label: string } {
  const origin = deps.sources.get(siteId)?.origin;
  return { url: origin?.url ?? siteId, label: origin?.label ?? siteId };
}

/** Palette: the windows that show records right now. */
async function pickWindow(deps: ExportDeps): Promise<WindowNode | undefined> {
  const items = deps.tree.windowChoices().map(({ node, label, shown }) => ({
    label,
    description: `${siteOf(deps, node.siteId).label} · ${shown} record${shown === 1 ? '' : 's'} shown`,
    node,
  }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No records are shown in the Audit Log view yet: expand a time window\'s buckets first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Export Shown Records', placeHolder: 'Export the records shown under which window?', ignoreFocusOut: true });
  return picked?.node;
}
