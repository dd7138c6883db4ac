// "Export Shown Records…": the records the tree shows (after filters the server cannot apply) as a
// spreadsheet-safe CSV (exportFile/format/safeCsv: every formula-like cell neutralised) and as lossless
// JSON Lines.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditRecord } from '../../api/types';
import { CSV_BOM, csvHeader, recordToCsvRow } from '../../exportFile/format/safeCsv';
import { recordToJsonLine } from '../../exportFile/format/jsonLines';
import type { ZoneSetting } from '../../model/timeZone';

/** Writes the lines to a new file (refusing to replace one), in 64 KB pieces with backpressure. */
export async function writeLines(filePath: string, lines: Iterable<string>): Promise<void> {
  function* pieces(): Iterable<string> {
    let buffer = '';
    for (const line of lines) {
      buffer += line;
      if (buffer.length >= 64 * 1024) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer !== '') yield buffer;
  }
  await pipeline(Readable.from(pieces()), createWriteStream(filePath, { flags: 'wx', encoding: 'utf8' }));
}

export function* shownCsvLines(records: readonly AuditRecord[], zone: ZoneSetting): Iterable<string> {
  // The BOM makes spreadsheet programs read the file as UTF-8 rather than a legacy code page.
  yield CSV_BOM + csvHeader();
  for (const record of records) yield recordToCsvRow(record, zone);
}

export function* shownJsonLines(records: readonly AuditRecord[]): Iterable<string> {
  for (const record of records) yield recordToJsonLine(record);
}
