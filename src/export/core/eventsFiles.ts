// The files of a window exported from a source's events (no server export): CSV and JSON Lines written
// through the source's cursor, each digested for its evidence manifest (source "events", the same manifest
// and digest as every other export). What is placed where is the caller's: this writes temporary files and
// hands them back ready for placeFiles. No vscode import, so it is unit-tested against the simulator.
import { digestExportFile } from '../../exportFile/digest/digest';
import type { ExportFileFormat } from '../../exportFile/fileFormat';
import { buildManifest, manifestText, type ExportManifest, type ManifestInput } from '../../exportFile/manifest';
import { exportStem } from '../../exportFile/naming';
import type { RetryWait } from '../../api/retryWaits';
import type { ZoneSetting } from '../../model/timeZone';
import type { WindowReader } from '../../sources/source';
import { waitText } from '../../tree/messages';
import { removeQuietly, type PendingFile } from './placeFiles';
import { writeWindowRecords } from './windowRecords';

export interface EventsWindow {
  start: number;
  end: number;
  /** Sent to the source's search (only when the source can search). */
  searchString?: string;
}

/** Records per page asked of the source: big pages, few requests against its rate limit. */
export const EVENTS_PAGE_SIZE = 1000;

export interface EventsFilesInput {
  /** The source, open for reading: the window is read through a cursor of its own. */
  reader: WindowReader;
  window: EventsWindow;
  pageSize?: number;
  /** Who the records come from, as the manifest names it (`site.url`, `site.label`). */
  origin: { url: string; label: string };
  /** A fresh temporary path for a file that will be called `finalName`. */
  tempPath: (finalName: string) => string;
  zone: ZoneSetting;
  /** Source field names written as CSV columns of their own. */
  fields?: readonly string[];
  extension: ManifestInput['extension'];
  exportedAt: number;
  signal?: AbortSignal;
  /** What the progress notification says: records written, and while a request waits, until when. */
  progress?: (message: string) => void;
  /** Records written so far, after each page. */
  onRecords?: (records: number) => void;
}

export interface EventsFiles {
  stem: string;
  records: number;
  files: PendingFile[];
  /** The manifest written for a file, once it is placed. */
  manifestOf(kind: ExportFileFormat): ExportManifest | undefined;
}

function recordsText(n: number): string {
  return `${n.toLocaleString('en-US')} record${n === 1 ? '' : 's'} written`;
}

export async function writeEventsFiles(input: EventsFilesInput): Promise<EventsFiles> {
  const { window, origin, signal } = input;
  const stem = exportStem({ site: origin.url, start: window.start, end: window.end, qualifier: window.searchString ? `search ${window.searchString}` : undefined });
  const paths = { csv: input.tempPath(`${stem}.csv`), jsonl: input.tempPath(`${stem}.jsonl`) };
  let written = 0;
  let waiting: RetryWait | undefined;
  let said = '';
  const report = (): void => {
    const message = waiting ? `${recordsText(written)}; ${waitText(waiting, input.zone)}` : recordsText(written);
    if (message !== said) input.progress?.(message);
    said = message;
  };
  // A wait is announced in bursts (the limiter's, the retry's, the source relabelling it): say where it settles.
  let settling = false;
  const onWait = (wait: RetryWait | undefined): void => {
    waiting = wait;
    if (settling) return;
    settling = true;
    queueMicrotask(() => {
      settling = false;
      report();
    });
  };
  const pager = input.reader.pager({ kind: 'range', startDate: window.start, endDate: window.end, searchString: window.searchString }, { pageSize: input.pageSize ?? EVENTS_PAGE_SIZE });
  const records = await writeWindowRecords(pager, paths, input.zone, {
    signal,
    fields: input.fields,
    onPage: (n) => {
      written = n;
      input.onRecords?.(n);
      report();
    },
    onWait,
  });
  const manifests = new Map<ExportFileFormat, ExportManifest>();
  const files: PendingFile[] = [];
  try {
    for (const kind of ['csv', 'jsonl'] as const) {
      const digest = await digestExportFile(paths[kind], kind, { signal });
      files.push({
        tempPath: paths[kind],
        kind,
        manifest: (file) => {
          const manifest = buildManifest({ file, site: origin, start: window.start, end: window.end, searchString: window.searchString, format: kind, source: 'events', digest, extension: input.extension, exportedAt: input.exportedAt });
          manifests.set(kind, manifest);
          return manifestText(manifest);
        },
      });
    }
  } catch (e) {
    await Promise.all([removeQuietly(paths.csv), removeQuietly(paths.jsonl)]);
    throw e;
  }
  return { stem, records, files, manifestOf: (kind) => manifests.get(kind) };
}
