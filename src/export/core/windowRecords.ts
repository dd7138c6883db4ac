// A window's records read page by page through a source's cursor and written as we write shown records
// (spreadsheet-safe CSV and lossless JSON Lines), for sources whose server has no export operation (Data
// Center advanced auditing). Streamed: one page in memory at a time, each write waiting for the disk.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { WindowPager } from '../../sources/source';
import type { ZoneSetting } from '../../model/timeZone';
import { CSV_BOM, csvHeader, recordToCsvRow } from '../../exportFile/format/safeCsv';
import { recordToJsonLine } from '../../exportFile/format/jsonLines';

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text, 'utf8')) await once(stream, 'drain');
}

async function end(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/** Writes every record of the pager into new files (never replacing one); resolves with the count. */
export async function writeWindowRecords(
  pager: WindowPager,
  paths: { csv: string; jsonl: string },
  zone: ZoneSetting,
  options: { signal?: AbortSignal; onPage?: (records: number) => void } = {},
): Promise<number> {
  const csv = createWriteStream(paths.csv, { flags: 'wx', encoding: 'utf8' });
  const jsonl = createWriteStream(paths.jsonl, { flags: 'wx', encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => {
    csv.once('error', reject);
    jsonl.once('error', reject);
  });
  const work = (async () => {
    let count = 0;
    // The BOM makes spreadsheet programs read the file as UTF-8 rather than a legacy code page.
    await write(csv, CSV_BOM + csvHeader());
    for (let page = await pager.next(options.signal); page.length > 0; page = await pager.next(options.signal)) {
      await write(csv, page.map((r) => recordToCsvRow(r, zone)).join(''));
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
    csv.destroy();
    jsonl.destroy();
    throw e;
  }
}
