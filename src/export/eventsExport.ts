// "Export Audit Log as CSV…" for a source without a server export (Data Center advanced auditing, an
// Atlassian organization): the window's records written by us as CSV and JSON Lines with their manifests
// (core/eventsExport.ts), into the workspace's export folder, with VS Code's progress (which says when a
// request waits for a rate limit).
import type * as vscode from 'vscode';
import type { AuditSource } from '../sources/source';
import type { ExportTarget } from '../workspaceFiles/exportFolder';
import { exportWindowEvents, type EventsExportRequest } from './core/eventsExport';
import type { ExportDeps, ExtensionIdentity } from './deps';
import { failure, type ExportResult } from './results';
import { openStaging } from './target';

export type { EventsExportRequest } from './core/eventsExport';

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
  const staging = await openStaging(target);
  try {
    const { files } = await exportWindowEvents(
      access.reader,
      { start: request.start, end: request.end, searchString: source.capabilities.search ? request.searchString : undefined },
      staging,
      {
        site: { url: source.origin.url, label: source.origin.label },
        zone: deps.zone(),
        extension: identity,
        signal,
        fields: source.eventExport?.fields,
        onMessage: (message) => progress.report({ message }),
        log: (message) => deps.log.info(message),
      },
    );
    const placed = files.map(({ placed: uri, manifest }) => ({ uri: uri.toString(), manifestUri: `${uri.toString()}.manifest.json`, manifest }));
    return { ok: true, ...placed[0], files: placed };
  } finally {
    await staging.dispose();
  }
}
