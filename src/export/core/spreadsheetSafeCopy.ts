// The spreadsheet-safe copy of a server CSV export: every cell a spreadsheet program could run as a formula
// is neutralised (csvSafeCell: a leading apostrophe), every cell quoted. The export itself stays verbatim:
// it is the evidence the manifest vouches for; this copy is for opening in a spreadsheet, and says so.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { csvRow } from '../../exportFile/format/safeCsv';
import { readCsvRows, utf8Text } from '../../exportFile/read/csvRows';

/** Rows are written in batches of about this many characters. */
const BATCH_CHARS = 1024 * 1024;

/**
 * Writes the copy to `target`, a new file (an existing one is never replaced). papaparse hands rows over
 * synchronously, so batches are written synchronously too: memory stays at one batch whatever the size.
 */
export async function writeSpreadsheetSafeCopy(bytes: AsyncIterable<Uint8Array>, target: string, signal?: AbortSignal): Promise<number> {
  const fd = openSync(target, 'wx');
  let batch: string[] = [];
  let batchChars = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    writeSync(fd, batch.join(''));
    batch = [];
    batchChars = 0;
  };
  try {
    const rows = await readCsvRows(
      utf8Text(bytes),
      (cells) => {
        const line = csvRow(cells);
        batch.push(line);
        batchChars += line.length;
        if (batchChars >= BATCH_CHARS) flush();
      },
      signal,
    );
    flush();
    closeSync(fd);
    return rows;
  } catch (e) {
    closeSync(fd);
    unlinkSync(target); // a partial copy must not look like a whole one
    throw e;
  }
}
