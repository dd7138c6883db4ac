// A whole window of a source without a server export (Data Center advanced auditing), written by us: every
// record read through the source's cursor into a spreadsheet-safe CSV and lossless JSON Lines (temporary
// files in the staging folder), each digested and placed under its final name with its evidence manifest
// (source "events"), never replacing a file. The view's filters do not apply: like a server's export it
// holds the whole window (with the window's search, which the source's server applies).
import { digestExportFile } from '../../exportFile/digest/digest';
import type { ExportFileFormat } from '../../exportFile/fileFormat';
import { buildManifest, manifestText, type ExportManifest } from '../../exportFile/manifest';
import { exportStem } from '../../exportFile/naming';
import type { ZoneSetting } from '../../model/timeZone';
import type { WindowReader } from '../../sources/source';
import type { PendingFile } from './placeFiles';
import type { Staging } from './staging';
import { writeWindowRecords } from './windowRecords';

const PAGE_SIZE = 1000;

export interface EventsExportRequest {
  start: number;
  end: number;
  /** Sent only to a source that searches (capabilities.search). */
  searchString?: string;
}

export interface EventsExportOptions {
  /** The source as file names and manifests name it. */
  site: { url: string; label: string };
  zone: ZoneSetting;
  extension: { id: string; version: string };
  signal: AbortSignal;
  /** Records written so far, after each page. */
  onProgress?: (records: number) => void;
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
  const { site, signal } = options;
  const { searchString } = request;
  const stem = exportStem({ site: site.url, start: request.start, end: request.end, qualifier: searchString ? `search ${searchString}` : undefined });
  const paths = { csv: staging.tempPath(`${stem}.csv`), jsonl: staging.tempPath(`${stem}.jsonl`) };
  const exportedAt = (options.now ?? Date.now)();
  const pager = reader.pager({ kind: 'range', startDate: request.start, endDate: request.end, searchString }, { pageSize: PAGE_SIZE });
  options.log?.(`Export of ${site.label} written from its records: ${new Date(request.start).toISOString()} – ${new Date(request.end).toISOString()}${searchString ? ' with a search string' : ''}`);
  const count = await writeWindowRecords(pager, paths, options.zone, { signal, onPage: options.onProgress });
  const manifests = new Map<ExportFileFormat, ExportManifest>();
  const files: PendingFile[] = [];
  for (const kind of ['csv', 'jsonl'] as const) {
    const digest = await digestExportFile(paths[kind], kind, { signal });
    files.push({
      tempPath: paths[kind],
      kind,
      manifest: (file) => {
        const manifest = buildManifest({ file, site, start: request.start, end: request.end, searchString, format: kind, source: 'events', digest, extension: options.extension, exportedAt });
        manifests.set(kind, manifest);
        return manifestText(manifest);
      },
    });
  }
  const placed = await staging.place(stem, files);
  const out = placed.map((p, i) => {
    const manifest = manifests.get(files[i].kind);
    if (!manifest) throw new Error('a manifest was not written');
    return { placed: p, manifest };
  });
  options.log?.(`Export of ${site.label} saved: ${out.map((f) => f.manifest.file).join(', ')} (${count} records)`);
  return { count, files: out };
}
