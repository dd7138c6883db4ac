// A whole window of a source without a server export (Data Center advanced auditing, an Atlassian
// organization), written by us and placed: the files of eventsFiles.ts (CSV and JSON Lines through the
// source's cursor, each digested for its manifest) put under their final names in the staging folder,
// never replacing a file. The view's filters do not apply: like a server's export it holds the whole window
// (with the window's search, which the source's server applies).
import type { ExportManifest } from '../../exportFile/manifest';
import type { ZoneSetting } from '../../model/timeZone';
import type { WindowReader } from '../../sources/source';
import { writeEventsFiles, type EventsWindow } from './eventsFiles';
import type { Staging } from './staging';

export type EventsExportRequest = EventsWindow;

export interface EventsExportOptions {
  /** The source as file names and manifests name it. */
  site: { url: string; label: string };
  zone: ZoneSetting;
  extension: { id: string; version: string };
  signal: AbortSignal;
  /** Source field names written as CSV columns of their own (AuditSource.eventExport.fields). */
  fields?: readonly string[];
  /** Records written so far, after each page. */
  onProgress?: (records: number) => void;
  /** What a progress notification says: records written and, while a request waits, until when. */
  onMessage?: (message: string) => void;
  log?: (message: string) => void;
  now?: () => number;
}

export interface PlacedEventsFile<Placed> {
  placed: Placed;
  manifest: ExportManifest;
}

/** Writes the window's records as CSV and JSON Lines with their manifests; the placed files, CSV first. */
export async function exportWindowEvents<Placed>(
  reader: WindowReader,
  request: EventsExportRequest,
  staging: Pick<Staging<Placed>, 'tempPath' | 'place'>,
  options: EventsExportOptions,
): Promise<{ count: number; files: PlacedEventsFile<Placed>[] }> {
  const { site } = options;
  options.log?.(`Export of ${site.label} written from its records: ${new Date(request.start).toISOString()} – ${new Date(request.end).toISOString()}${request.searchString ? ' with a search string' : ''}`);
  const written = await writeEventsFiles({
    reader,
    window: request,
    origin: site,
    tempPath: (name) => staging.tempPath(name),
    zone: options.zone,
    fields: options.fields,
    extension: options.extension,
    exportedAt: (options.now ?? Date.now)(),
    signal: options.signal,
    onRecords: options.onProgress,
    progress: options.onMessage,
  });
  const placed = await staging.place(written.stem, written.files);
  const files = placed.map((p, i) => {
    const manifest = written.manifestOf(written.files[i].kind);
    if (!manifest) throw new Error('a manifest was not written');
    return { placed: p, manifest };
  });
  options.log?.(`Export of ${site.label} saved: ${files.map((f) => f.manifest.file).join(', ')} (${written.records} records)`);
  return { count: written.records, files };
}
