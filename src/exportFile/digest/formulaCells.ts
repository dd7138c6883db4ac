// Counts the cells of a server's CSV export that a spreadsheet program would run as a formula (OWASP "CSV
// injection"): a cell starting with =, +, -, @ or a tab, or a quoted cell starting with a CR or LF. The
// server's bytes are evidence and stay verbatim; this count is what the warning, the manifest and the
// offer of a spreadsheet-safe copy go by. Streamed: only quotes and those characters are searched for.

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const BOM = [0xef, 0xbb, 0xbf];
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
  private bytes = 0;
  private lastByte = -1;
  private bomBytes = 0;

  get formulaCells(): number {
    return this.count;
  }

  update(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    for (let i = 0; this.bytes + i < BOM.length && i < n && chunk[i] === BOM[this.bytes + i] && this.bomBytes === this.bytes + i; i++) this.bomBytes++;
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
      while (open !== -1 && !this.startsCell(chunk, open)) open = chunk.indexOf(QUOTE, open + 1);
      const end = open === -1 ? n : open;
      this.countUnquoted(chunk, pos, end);
      if (open === -1) break;
      this.inQuotes = true;
      if (open + 1 === n) this.openPending = true;
      else if (quotedTrigger(chunk[open + 1])) this.count++;
      pos = open + 1;
    }
    this.bytes += n;
    this.lastByte = chunk[n - 1];
  }

  private countUnquoted(chunk: Uint8Array, from: number, to: number): void {
    for (const trigger of TRIGGERS) {
      for (let i = chunk.indexOf(trigger, from); i !== -1 && i < to; i = chunk.indexOf(trigger, i + 1)) {
        if (this.startsCell(chunk, i)) this.count++;
      }
    }
  }

  /** Whether the byte at `at` is a cell's first: at the start of the file (after a BOM), of a row, or after a comma. */
  private startsCell(chunk: Uint8Array, at: number): boolean {
    const offset = this.bytes + at;
    if (offset === 0 || (offset === BOM.length && this.bomBytes === BOM.length)) return true;
    const before = at > 0 ? chunk[at - 1] : this.lastByte;
    return before === COMMA || before === LF;
  }
}
