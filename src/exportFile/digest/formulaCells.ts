// Counts the cells of a server's CSV export that a spreadsheet program would run as a formula (OWASP "CSV
// injection"): a cell starting with =, +, -, @ or a tab, or a quoted cell starting with a CR or LF. The
// server's bytes are evidence and stay verbatim; this count is what the warning, the manifest and the
// offer of a spreadsheet-safe copy go by. Streamed: only quotes and those characters are searched for.
import { CellStarts } from './cellStarts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
/** Characters that make an unquoted cell a formula when they come first. */
const TRIGGERS = [0x3d, 0x2b, 0x2d, 0x40, TAB];

function quotedTrigger(byte: number): boolean {
  return TRIGGERS.includes(byte) || byte === CR || byte === LF;
}

export class FormulaCellCounter {
  private count = 0;
  private inQuotes = false;
  /** A quote inside a quoted cell ended the previous chunk: a doubled quote or the closing one. */
  private quotePending = false;
  /** An opening quote ended the previous chunk: the next byte is the cell's first. */
  private openPending = false;
  private readonly cellStarts = new CellStarts();

  get formulaCells(): number {
    return this.count;
  }

  update(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    this.cellStarts.begin(chunk);
    let pos = 0;
    if (this.openPending) {
      this.openPending = false;
      if (quotedTrigger(chunk[0])) this.count++;
    } else if (this.quotePending) {
      this.quotePending = false;
      if (chunk[0] === QUOTE) pos = 1;
      else this.inQuotes = false;
    }
    while (pos < n) {
      if (this.inQuotes) {
        const q = chunk.indexOf(QUOTE, pos);
        if (q === -1) break;
        if (q + 1 === n) {
          this.quotePending = true;
          break;
        }
        if (chunk[q + 1] === QUOTE) {
          pos = q + 2;
          continue;
        }
        this.inQuotes = false;
        pos = q + 1;
        continue;
      }
      // Unquoted text up to the next quote that opens a cell (a quote elsewhere is text, as papaparse reads it).
      let open = chunk.indexOf(QUOTE, pos);
      while (open !== -1 && !this.cellStarts.startsCell(chunk, open)) open = chunk.indexOf(QUOTE, open + 1);
      const end = open === -1 ? n : open;
      this.countUnquoted(chunk, pos, end);
      if (open === -1) break;
      this.inQuotes = true;
      if (open + 1 === n) this.openPending = true;
      else if (quotedTrigger(chunk[open + 1])) this.count++;
      pos = open + 1;
    }
    this.cellStarts.end(chunk);
  }

  private countUnquoted(chunk: Uint8Array, from: number, to: number): void {
    for (const trigger of TRIGGERS) {
      for (let i = chunk.indexOf(trigger, from); i !== -1 && i < to; i = chunk.indexOf(trigger, i + 1)) {
        if (this.cellStarts.startsCell(chunk, i)) this.count++;
      }
    }
  }
}
