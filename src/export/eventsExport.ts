// "Export Audit Log as CSV…" for a source without a server export (Data Center advanced auditing): every
// record of the window read through the source's cursor and written by us as CSV and JSON Lines, each
// with its evidence manifest (source "events"). The view's filters do not apply: like the server's
// export, it holds the whole window (with the window's search, which the source's server applies).
import type * as vscode from 'vscode';
import { digestExportFile } from '../exportFile/digest/digest';
import type { ExportFileFormat } from '../exportFile/fileFormat';
import { buildManifest, manifestText, type ExportManifest } from '../exportFile/manifest';
import { exportStem } from '../exportFile/naming';
import type { AuditSource } from '../sources/source';
import type { ExportTarget } from '../workspaceFiles/exportFolder';
import type { PendingFile } from './core/placeFiles';
import { writeWindowRecords } from './core/windowRecords';
import type { ExportDeps, ExtensionIdentity } from './deps';
import { failure, type ExportResult } from './results';
import { openStaging } from './target';

const PAGE_SIZE = 1000;

export interface EventsExportRequest {
  start: number;
  end: number;
  searchString?: string;
}

export async function writeEventsExport(
  deps: ExportDeps,
  identity: ExtensionIdentity,
  source: AuditSource,
  request: EventsExportRequest,
  target: ExportTarget,
  signal: AbortSignal,
  progress: vscode.Progress<{ message?: string }>,
): Promise<ExportResult> {
  const access = await source.open();
  if (!access.ok) return failure('unauthorized', `${source.label} cannot be read now: ${access.notices.map((n) => n.text).join(' ')}`);
  const site = { url: source.origin.url, label: source.origin.label };
  const staging = await openStaging(target);
  try {
    const stem = exportStem({ site: site.url, start: request.start, end: request.end, qualifier: request.searchString ? `search ${request.searchString}` : undefined });
    const paths = { csv: staging.tempPath(`${stem}.csv`), jsonl: staging.tempPath(`${stem}.jsonl`) };
    const exportedAt = Date.now();
    const searchString = source.capabilities.search ? request.searchString : undefined;
    const pager = access.reader.pager({ kind: 'range', startDate: request.start, endDate: request.end, searchString }, { pageSize: PAGE_SIZE });
    deps.log.info(`Export of ${site.label} written from its records: ${new Date(request.start).toISOString()} – ${new Date(request.end).toISOString()}${searchString ? ' with a search string' : ''}`);
    const count = await writeWindowRecords(pager, paths, deps.zone(), { signal, onPage: (n) => progress.report({ message: `${n} records written` }) });
    const manifests = new Map<ExportFileFormat, ExportManifest>();
    const files: PendingFile[] = [];
    for (const kind of ['csv', 'jsonl'] as const) {
      const digest = await digestExportFile(paths[kind], kind, { signal });
      files.push({
        tempPath: paths[kind],
        kind,
        manifest: (file) => {
          const manifest = buildManifest({ file, site, start: request.start, end: request.end, searchString, format: kind, source: 'events', digest, extension: identity, exportedAt });
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
    deps.log.info(`Export of ${site.label} saved: ${placed.map((p) => p.uri).join(', ')} (${count} records)`);
    return { ok: true, ...placed[0], files: placed };
  } finally {
    await staging.dispose();
  }
}
