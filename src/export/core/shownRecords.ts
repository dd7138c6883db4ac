// "Export Shown Records…": the records the tree shows (after filters the server cannot apply) as a
// spreadsheet-safe CSV (exportFile/format/safeCsv: every formula-like cell neutralised; a source's own
// fields as further columns) and as lossless JSON Lines.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditRecord } from '../../api/types';
import { CSV_BOM, csvHeader, recordToCsvRow, sourceFieldNames } from '../../exportFile/format/safeCsv';
import type { SourcedRecord } from '../../model/sourceFields';
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

/** What only the records' source has (an organization event's actor e-mail, location…) gets columns of its own. */
export function* shownCsvLines(records: readonly SourcedRecord[], zone: ZoneSetting): Iterable<string> {
  const fields = sourceFieldNames(records);
  // The BOM makes spreadsheet programs read the file as UTF-8 rather than a legacy code page.
  yield CSV_BOM + csvHeader(fields);
  for (const record of records) yield recordToCsvRow(record, zone, fields);
}

export function* shownJsonLines(records: readonly AuditRecord[]): Iterable<string> {
  for (const record of records) yield recordToJsonLine(record);
}
