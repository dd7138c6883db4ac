// Where a CSV's cells start, for the scanners that read an export's bytes as they stream by (the formula-cell
// count, the end check): at the start of the file (after a UTF-8 byte order mark), of a row, or after a comma.
// That is where papaparse takes a quote to open a quoted cell; elsewhere a quote is text.

const BOM = [0xef, 0xbb, 0xbf];
const COMMA = 0x2c;
const LF = 0x0a;

export class CellStarts {
  /** Bytes before the chunk being scanned; all bytes once it is done. */
  private seen = 0;
  /** The last byte of the previous chunk; -1 at the start of the file. */
  private last = -1;
  /** The byte order mark's bytes the file has begun with, so far. */
  private bomBytes = 0;

  get bytes(): number {
    return this.seen;
  }

  get lastByte(): number {
    return this.last;
  }

  /** Call with each chunk before scanning it. */
  begin(chunk: Uint8Array): void {
    for (let i = 0; this.seen + i < BOM.length && i < chunk.length && chunk[i] === BOM[this.seen + i] && this.bomBytes === this.seen + i; i++) this.bomBytes++;
  }

  /** Whether the byte at `at` of the chunk being scanned is a cell's first. */
  startsCell(chunk: Uint8Array, at: number): boolean {
    const offset = this.seen + at;
    if (offset === 0 || (offset === BOM.length && this.bomBytes === BOM.length)) return true;
    const before = at > 0 ? chunk[at - 1] : this.last;
    return before === COMMA || before === LF;
  }

  /** Call with each non-empty chunk once it is scanned. */
  end(chunk: Uint8Array): void {
    this.seen += chunk.length;
    this.last = chunk[chunk.length - 1];
  }
}
