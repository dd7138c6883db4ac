// Counts a CSV export's records from its bytes as they stream by, so the manifest's count costs no second
// read of the file. It counts what the papaparse reading (countCsvRecords, which "Verify Export…" uses)
// counts, for the plain RFC 4180 files servers write: row breaks outside quoted cells, less blank rows and
// the header. Anything papaparse might read differently (a quote inside an unquoted cell, characters
// after a closing quote, mixed or lone-CR line ends, an unclosed quote) makes the count undefined: the
// caller then counts with papaparse, which also reports the problem exactly as before.
// Only quotes, CR and LF are looked at; everything else is skipped in a tight loop, nothing is allocated.

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/** The row break, taken like csvRows.detectNewline from the first CR or LF in the file, quoted or not. */
const enum Newline {
  Unknown,
  /** The first break is a CR whose next byte has not arrived yet. */
  PendingCr,
  Lf,
  CrLf,
}

export class CsvRecordCounter {
  private newline = Newline.Unknown;
  private irregular = false;
  private inQuotes = false;
  /** A quote inside a quoted cell was the chunk's last byte: an escaped quote or the closing one. */
  private quotePending = false;
  /** A CR outside quotes (CRLF files) was the chunk's last byte: the next must be LF. */
  private crPending = false;
  private lastByte = -1;
  /** Bytes seen before the current chunk. */
  private offset = 0;
  /** Where the current row starts (after a UTF-8 BOM, which the text decoder drops). */
  private rowStart = 0;
  private rowStartsQuoted = false;
  private rows = 0;

  /** The newline papaparse is given for this file (csvRows.detectNewline's choice). */
  get detectedNewline(): '\r\n' | '\n' | undefined {
    if (this.newline === Newline.Lf) return '\n';
    if (this.newline === Newline.CrLf || this.newline === Newline.Unknown) return '\r\n';
    return undefined;
  }

  update(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    if (this.offset < BOM.length) this.matchBom(chunk);
    if (this.newline === Newline.Unknown || this.newline === Newline.PendingCr) this.detectNewline(chunk);
    if (!this.irregular) this.scan(chunk);
    this.lastByte = chunk[n - 1];
    this.offset += n;
  }

  /** Data records (rows after the header), or undefined when the file is not plain enough to count here. */
  finish(): number | undefined {
    if (this.irregular || this.crPending || this.newline === Newline.PendingCr) return undefined;
    if (this.inQuotes && !this.quotePending) return undefined; // an unclosed quote: papaparse reports it
    this.endRow(this.offset);
    return Math.max(0, this.rows - 1);
  }

  private matchBom(chunk: Uint8Array): void {
    for (let i = 0; this.offset + i < BOM.length; i++) {
      if (i >= chunk.length) return;
      if (chunk[i] !== BOM[this.offset + i]) return;
      if (this.offset + i === BOM.length - 1) this.rowStart = BOM.length;
    }
  }

  private detectNewline(chunk: Uint8Array): void {
    if (this.newline === Newline.PendingCr) {
      this.newline = chunk[0] === LF ? Newline.CrLf : Newline.Unknown;
      if (this.newline === Newline.Unknown) this.irregular = true; // lone CR line ends
      return;
    }
    const lf = chunk.indexOf(LF);
    const cr = chunk.indexOf(CR);
    if (lf === -1 && cr === -1) return;
    if (lf !== -1 && (cr === -1 || cr > lf)) this.newline = Newline.Lf;
    else if (cr === chunk.length - 1) this.newline = Newline.PendingCr;
    else if (chunk[cr + 1] === LF) this.newline = Newline.CrLf;
    else this.irregular = true;
  }

  private scan(chunk: Uint8Array): void {
    const n = chunk.length;
    const lfMode = this.newline === Newline.Lf;
    let i = 0;
    if (this.quotePending) {
      this.quotePending = false;
      if (chunk[0] === QUOTE) i = 1; // an escaped quote: still inside
      else if (!this.closeQuote(chunk[0], lfMode)) return;
    } else if (this.crPending) {
      this.crPending = false;
      if (chunk[0] !== LF) {
        this.irregular = true;
        return;
      }
      this.endRow(this.offset - 1);
      this.rowStart = this.offset + 1;
      i = 1;
    }
    let inQuotes = this.inQuotes;
    while (i < n) {
      if (inQuotes) {
        while (i < n && chunk[i] !== QUOTE) i++;
        if (i === n) break;
        if (i + 1 === n) {
          this.quotePending = true;
          break;
        }
        const next = chunk[i + 1];
        if (next === QUOTE) {
          i += 2; // an escaped quote
          continue;
        }
        inQuotes = false;
        if (!this.closeQuote(next, lfMode)) break;
        i++;
        continue;
      }
      let b = chunk[i];
      while (b !== QUOTE && b !== LF && b !== CR) {
        if (++i === n) break;
        b = chunk[i];
      }
      if (i === n) break;
      const at = this.offset + i;
      if (b === QUOTE) {
        const previous = i > 0 ? chunk[i - 1] : this.lastByte;
        if (at === this.rowStart) this.rowStartsQuoted = true;
        else if (previous !== COMMA) {
          this.irregular = true; // a quote inside an unquoted cell
          break;
        }
        inQuotes = true;
        i++;
      } else if (b === LF) {
        if (!lfMode) {
          this.irregular = true; // a lone LF in a CRLF file
          break;
        }
        this.endRow(at);
        this.rowStart = at + 1;
        i++;
      } else if (lfMode) {
        i++; // a CR in an LF file is text
      } else {
        if (i + 1 === n) {
          this.crPending = true;
          break;
        }
        if (chunk[i + 1] !== LF) {
          this.irregular = true; // a lone CR in a CRLF file
          break;
        }
        this.endRow(at);
        i += 2;
        this.rowStart = at + 2;
      }
    }
    this.inQuotes = inQuotes;
  }

  /** After a closing quote papaparse expects a delimiter, the row break or the end of the file. */
  private closeQuote(next: number, lfMode: boolean): boolean {
    this.inQuotes = false;
    if (next === COMMA || (next === LF && lfMode) || (next === CR && !lfMode)) return true;
    this.irregular = true;
    return false;
  }

  /** A row ending at `end`: counted unless blank, which a lone `""` also is (papaparse reads both as ['']). */
  private endRow(end: number): void {
    const length = end - this.rowStart;
    if (length > 0 && !(length === 2 && this.rowStartsQuoted)) this.rows++;
    this.rowStartsQuoted = false;
  }
}
