// A window's records read page by page through a source's cursor and written as we write shown records
// (spreadsheet-safe CSV and lossless JSON Lines), for sources whose server has no export operation (Data
// Center advanced auditing, an Atlassian organization). Streamed: one page in memory at a time, each write
// waiting for the disk. A failed or cancelled run removes what it wrote, so no partial file is left.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { observeRetryWaits, type RetryWait } from '../../api/retryWaits';
import type { WindowPager } from '../../sources/source';
import type { ZoneSetting } from '../../model/timeZone';
import { CSV_BOM, csvHeader, recordToCsvRow } from '../../exportFile/format/safeCsv';
import { recordToJsonLine } from '../../exportFile/format/jsonLines';
import { removeQuietly } from './placeFiles';

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text, 'utf8')) await once(stream, 'drain');
}

async function end(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/**
 * Stops a stream of a failed run and waits until its file is closed: writes still buffered fail with it,
 * which is no news (the run has failed). A stream destroyed while its file is still being opened creates
 * the file all the same; removing it before the close would leave a hidden .part file behind.
 */
async function closed(stream: WriteStream): Promise<void> {
  stream.on('error', () => undefined);
  if (stream.closed) return;
  await new Promise<void>((resolve) => {
    stream.once('close', () => resolve());
    stream.destroy();
  });
}

export interface WindowRecordsOptions {
  /** Cancels the run (and any wait of the source's requests). */
  signal?: AbortSignal;
  /** After each page: how many records are written so far. */
  onPage?: (records: number) => void;
  /** A request of the pager waits (a rate limit, a Retry-After, a backoff); undefined when it goes on. */
  onWait?: (wait: RetryWait | undefined) => void;
  /** Source field names written as CSV columns of their own after the record's (AuditSource.eventExport.fields). */
  fields?: readonly string[];
}

/** Writes every record of the pager into new files (never replacing one); resolves with the count. */
export async function writeWindowRecords(pager: WindowPager, paths: { csv: string; jsonl: string }, zone: ZoneSetting, options: WindowRecordsOptions = {}): Promise<number> {
  const fields = options.fields ?? [];
  // The pager announces its waits on the signal it is given: one of our own when the caller has none.
  const signal = options.signal ?? new AbortController().signal;
  const stopObserving = options.onWait ? observeRetryWaits(signal, options.onWait) : undefined;
  const csv = createWriteStream(paths.csv, { flags: 'wx', encoding: 'utf8' });
  const jsonl = createWriteStream(paths.jsonl, { flags: 'wx', encoding: 'utf8' });
  const files = [{ stream: csv, path: paths.csv }, { stream: jsonl, path: paths.jsonl }];
  const opened = new Set<WriteStream>();
  for (const { stream } of files) stream.once('open', () => opened.add(stream));
  const failed = new Promise<never>((_, reject) => {
    csv.once('error', reject);
    jsonl.once('error', reject);
  });
  const work = (async () => {
    let count = 0;
    // The BOM makes spreadsheet programs read the file as UTF-8 rather than a legacy code page.
    await write(csv, CSV_BOM + csvHeader(fields));
    for (let page = await pager.next(signal); page.length > 0; page = await pager.next(signal)) {
      await write(csv, page.map((r) => recordToCsvRow(r, zone, fields)).join(''));
      await write(jsonl, page.map((r) => recordToJsonLine(r)).join(''));
      count += page.length;
      options.onPage?.(count);
    }
    await Promise.all([end(csv), end(jsonl)]);
    return count;
  })();
  try {
    return await Promise.race([work, failed]);
  } catch (e) {
    await Promise.all([closed(csv), closed(jsonl)]);
    // Only files this run created ('wx'): a name that was taken stays as it was.
    await Promise.all(files.filter((f) => opened.has(f.stream)).map((f) => removeQuietly(f.path)));
    throw e;
  } finally {
    stopObserving?.();
  }
}
