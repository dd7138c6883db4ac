// Whether a CSV export ends where a complete file ends. A server can end its body cleanly mid-row (no
// broken connection, a matching length), and the manifest must not vouch for such a file. Checked while
// the bytes stream by: the file must not end inside a quoted cell, its last row must have a line end, and
// the last record must have as many cells as the header. Only quotes and LFs are looked for (indexOf, so
// the scan runs at memory speed); the header and the last row are kept, nothing else.
import * as Papa from 'papaparse';
import { CellStarts } from './cellStarts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** A row longer than this is not kept for the cell count (and is itself reported). */
const MAX_KEPT_ROW_BYTES = 16 * 1024 * 1024;

export class CsvEndCheck {
  private inQuotes = false;
  private readonly cellStarts = new CellStarts();
  /** Inside a quoted cell, a quote was the previous chunk's last byte. */
  private quotePending = false;
  /** Bytes of the row being read (since the last LF outside quotes). */
  private current: Uint8Array[] = [];
  private currentBytes = 0;
  private header: Buffer | undefined;
  /** The last complete row that is not blank (after the header). */
  private lastRow: Buffer | undefined;
  private oversize = false;

  update(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    this.cellStarts.begin(chunk);
    let pos = 0;
    if (this.quotePending) {
      this.quotePending = false;
      if (chunk[0] === QUOTE) pos = 1; // the doubled quote's second half
      else this.inQuotes = false;
    }
    let rowStart = 0;
    let nextQuote = -2;
    let nextLf = -2;
    // The last complete row found in this chunk after its first one: copied once, when the chunk is done.
    let lastStart = -1;
    let lastEnd = -1;
    while (pos < n) {
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = chunk.indexOf(QUOTE, pos);
      if (this.inQuotes) {
        if (nextQuote === -1) break;
        if (nextQuote + 1 === n) {
          this.quotePending = true; // a doubled quote or the closing one: the next chunk tells
          pos = n;
          break;
        }
        if (chunk[nextQuote + 1] === QUOTE) {
          pos = nextQuote + 2; // a doubled quote: still inside
          continue;
        }
        this.inQuotes = false;
        pos = nextQuote + 1;
        continue;
      }
      if (nextLf !== -1 && nextLf < pos) nextLf = chunk.indexOf(LF, pos);
      // As papaparse reads it, a quote opens a quoted cell only at the cell's start; elsewhere it is text.
      while (nextQuote !== -1 && (nextLf === -1 || nextQuote < nextLf) && !this.cellStarts.startsCell(chunk, nextQuote)) {
        nextQuote = chunk.indexOf(QUOTE, nextQuote + 1);
      }
      if (nextLf !== -1 && (nextQuote === -1 || nextLf < nextQuote)) {
        if (rowStart === 0) {
          this.endRow(chunk.subarray(0, nextLf)); // the row that began in earlier chunks
        } else if (!isBlank(chunk, rowStart, nextLf)) {
          lastStart = rowStart;
          lastEnd = nextLf;
        }
        rowStart = nextLf + 1;
        pos = rowStart;
        continue;
      }
      if (nextQuote === -1) break;
      this.inQuotes = true;
      pos = nextQuote + 1;
    }
    if (lastStart >= 0) this.setRow(Buffer.from(chunk.subarray(lastStart, lastEnd)));
    if (rowStart < n) this.keep(chunk.subarray(rowStart));
    this.cellStarts.end(chunk);
  }

  /** Why the file is not complete, or undefined when it ends like a complete export. */
  problem(): string | undefined {
    if (this.cellStarts.bytes === 0) return undefined;
    if (this.inQuotes && !this.quotePending) return 'it ends inside a quoted cell';
    if (this.cellStarts.lastByte !== LF) return 'its last row has no line end';
    if (this.oversize) return `a row is longer than ${MAX_KEPT_ROW_BYTES / 1024 / 1024} MiB`;
    if (!this.header || !this.lastRow) return undefined;
    const expected = cells(this.header);
    const found = cells(this.lastRow);
    return found === expected ? undefined : `its last row has ${found} cells; the header has ${expected}`;
  }

  private keep(part: Uint8Array): void {
    this.currentBytes += part.length;
    if (this.currentBytes > MAX_KEPT_ROW_BYTES) {
      this.oversize = true;
      this.current = [];
      return;
    }
    // A copy: the chunk's buffer may be reused once passed on.
    this.current.push(Uint8Array.from(part));
  }

  /** A row that began in an earlier chunk (or at this chunk's start) ends before `tail`'s end. */
  private endRow(tail: Uint8Array): void {
    const length = this.currentBytes + tail.length;
    if (length > MAX_KEPT_ROW_BYTES) this.oversize = true;
    else if (length > 1 || (length === 1 && (this.current[0]?.[0] ?? tail[0]) !== CR)) this.setRow(Buffer.concat([...this.current, tail]));
    this.current = [];
    this.currentBytes = 0;
  }

  private setRow(row: Buffer): void {
    if (this.header === undefined) this.header = row;
    else this.lastRow = row;
  }
}

/** A row of nothing, or of a lone CR (the CRLF of an empty line). */
function isBlank(chunk: Uint8Array, start: number, end: number): boolean {
  return end === start || (end === start + 1 && chunk[start] === CR);
}

/** Cells in one CSV row, read as papaparse reads the export. */
function cells(row: Buffer): number {
  const text = row.toString('utf8').replace(/\r$/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n' });
  return parsed.data[0]?.length ?? 0;
}
