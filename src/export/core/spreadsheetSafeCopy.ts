// The spreadsheet-safe copy of a server CSV export: every cell a spreadsheet program could run as a formula
// is neutralised (csvSafeCell: a leading apostrophe), every cell quoted. The export itself stays verbatim:
// it is the evidence the manifest vouches for; this copy is for opening in a spreadsheet, and says so.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvRow } from '../../model/csv';
import { readCsvRows, utf8Text } from '../../offline/core/csvRows';

/** Writes the copy to `target` (a new file: an existing one is never replaced). */
export async function writeSpreadsheetSafeCopy(bytes: AsyncIterable<Uint8Array>, target: string, signal?: AbortSignal): Promise<number> {
  const out = createWriteStream(target, { flags: 'wx' });
  await once(out, 'open');
  let pending: Promise<unknown> = Promise.resolve();
  try {
    const rows = await readCsvRows(
      utf8Text(bytes),
      (cells) => {
        // Backpressure is not awaited here (papaparse's step is synchronous); rows are small.
        if (!out.write(csvRow(cells))) pending = once(out, 'drain');
      },
      signal,
    );
    await pending;
    out.end();
    await once(out, 'close');
    return rows;
  } catch (e) {
    out.destroy();
    throw e;
  }
}
