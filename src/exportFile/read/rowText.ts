// The CSV text papaparse is reading, kept from the current row on, so that whether a row holds a line break
// inside a cell (which moves the line numbers of the rows after it) is found with one native search per
// break character and row, rather than by looking into every cell. Rows are asked about in order.

const LF = '\n';
const CR = '\r';

/** The first occurrence of a character found so far: `at` (-1 when none) and how far the text was searched. */
interface Found {
  at: number;
  searchedTo: number;
}

export class RowText {
  private readonly chunks: string[] = [];
  /** Where chunks[0] starts in the whole text. */
  private first = 0;
  private end = 0;
  private readonly lf: Found = { at: -1, searchedTo: 0 };
  private readonly cr: Found = { at: -1, searchedTo: 0 };
  /** How many characters before a row's end its own line break starts, per character. */
  private readonly lfSlack: number;
  private readonly crSlack: number;

  constructor(newline: '\r\n' | '\n' | '\r') {
    this.lfSlack = newline === '\r' ? 0 : 1;
    this.crSlack = newline === '\r\n' ? 2 : newline === '\r' ? 1 : 0;
  }

  /** Characters kept: the row being read (and the rest of the chunk it ends in). */
  get held(): number {
    return this.end - this.first;
  }

  /** Passes the text on, keeping each chunk until the rows have moved past it. */
  async *keep(text: AsyncIterable<string>): AsyncIterable<string> {
    for await (const chunk of text) {
      if (chunk.length > 0) {
        this.chunks.push(chunk);
        this.end += chunk.length;
      }
      yield chunk;
    }
  }

  /**
   * Whether the row [start, end) holds a CR or LF besides its own line break. A last row without a line
   * break may be misjudged, which is harmless: only the rows after a row take its line count.
   */
  breaksWithin(start: number, end: number): boolean {
    return this.next(this.lf, LF, start) < end - this.lfSlack || this.next(this.cr, CR, start) < end - this.crSlack;
  }

  /** Forgets the text before `position` (the start of the next row). */
  release(position: number): void {
    while (this.chunks.length > 0 && this.first + this.chunks[0].length <= position) {
      this.first += this.chunks[0].length;
      this.chunks.shift();
    }
  }

  /** The first `char` at or after `from`, or Infinity when the text so far has none. */
  private next(found: Found, char: string, from: number): number {
    if (found.at >= from) return found.at;
    const origin = found.at === -1 ? Math.max(from, found.searchedTo) : from;
    found.at = this.search(char, origin);
    found.searchedTo = this.end;
    return found.at === -1 ? Infinity : found.at;
  }

  private search(char: string, origin: number): number {
    let start = this.first;
    for (const chunk of this.chunks) {
      const stop = start + chunk.length;
      if (origin < stop) {
        const i = chunk.indexOf(char, Math.max(0, origin - start));
        if (i !== -1) return start + i;
      }
      start = stop;
    }
    return -1;
  }
}
