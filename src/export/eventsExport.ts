// "Export Audit Log as CSV…" for a source without a server export (Data Center advanced auditing, an
// Atlassian organization): every record of the window read through the source's cursor and written by us
// as CSV and JSON Lines, each with its evidence manifest (source "events"). The view's filters do not
// apply: like the server's export, it holds the whole window (with the window's search, which the
// source's server applies). Waits for a rate limit are said in the progress notification.
import type * as vscode from 'vscode';
import type { AuditSource } from '../sources/source';
import type { ExportTarget } from '../workspaceFiles/exportFolder';
import { writeEventsFiles } from './core/eventsFiles';
import type { ExportDeps, ExtensionIdentity } from './deps';
import { failure, type ExportResult } from './results';
import { openStaging } from './target';

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
  const origin = { url: source.origin.url, label: source.origin.label };
  const searchString = source.capabilities.search ? request.searchString : undefined;
  const staging = await openStaging(target);
  try {
    deps.log.info(`Export of ${origin.label} written from its records: ${new Date(request.start).toISOString()} – ${new Date(request.end).toISOString()}${searchString ? ' with a search string' : ''}`);
    const written = await writeEventsFiles({
      reader: access.reader,
      window: { start: request.start, end: request.end, searchString },
      origin,
      tempPath: (name) => staging.tempPath(name),
      zone: deps.zone(),
      fields: source.eventExport?.fields,
      extension: identity,
      exportedAt: Date.now(),
      signal,
      progress: (message) => progress.report({ message }),
    });
    const uris = await staging.place(written.stem, written.files);
    const placed = uris.map((uri, i) => {
      const manifest = written.manifestOf(written.files[i].kind);
      if (!manifest) throw new Error('a manifest was not written');
      return { uri: uri.toString(), manifestUri: `${uri.toString()}.manifest.json`, manifest };
    });
    deps.log.info(`Export of ${origin.label} saved: ${placed.map((p) => p.uri).join(', ')} (${written.records} records)`);
    return { ok: true, ...placed[0], files: placed };
  } finally {
    await staging.dispose();
  }
}
