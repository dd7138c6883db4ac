// One column of an offline snapshot. Audit data repeats a lot (authors, addresses, categories, object
// types), so a column starts as a dictionary: distinct values once, and a 4-byte id per row. A column
// that turns out mostly distinct switches to one string per row, which is then cheaper.

/** Distinct values beyond which a mostly-distinct column stops being a dictionary. */
const DICTIONARY_FLOOR = 4096;

/** Distinct values up to which a lookup compares them one by one instead of hashing (flags, types). */
const SCAN_LIMIT = 8;

/** Slots of the cache of recent values (a power of two). */
const RECENT = 256;

/**
 * A value's slot in the cache of recent values, from its length and four of its characters: the values of a
 * column that repeat (authors, user ids that share a prefix, addresses, event names) mostly get slots of
 * their own.
 */
function slotOf(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  return (n * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(n - 1) * 131 + value.charCodeAt(n >> 1) * 17 + value.charCodeAt(n >> 2)) & (RECENT - 1);
}

/**
 * papaparse hands out substrings of its input chunk, and V8 keeps a whole chunk alive for any slice of it.
 * Rebuilding through a short concatenation makes V8 copy the characters, so only the value is kept.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

export class TextColumn {
  private dictionary: Map<string, number> | undefined = new Map();
  /** Dictionary mode: the distinct values by id. Direct mode: the value of each row. */
  private values: string[] = [];
  private ids: Uint32Array | undefined = new Uint32Array(1024);
  private rows = 0;
  private sealed = false;
  /**
   * Recent values by slot (slotOf) and their ids. The cells a reader hands over are new strings: hashing one
   * for the dictionary costs more than comparing it with the value last seen in its slot, which mostly matches
   * (a run of one value always does).
   */
  private readonly recentValues: Array<string | undefined> = new Array<string | undefined>(RECENT).fill(undefined);
  private readonly recentIds = new Uint32Array(RECENT);

  /** Adds a row's value; returns true when the value was new to the column (so it needs checking). */
  push(value: string): boolean {
    if (this.sealed) throw new Error('TextColumn: push after seal');
    const dictionary = this.dictionary;
    if (!dictionary || !this.ids) {
      this.values.push(detach(value));
      this.rows++;
      return true;
    }
    const slot = slotOf(value);
    let id: number | undefined;
    let fresh = false;
    if (this.recentValues[slot] === value) id = this.recentIds[slot];
    else {
      id = this.values.length <= SCAN_LIMIT ? this.scan(value) : dictionary.get(value);
      if (id === undefined) {
        fresh = true;
        id = this.values.length;
        const kept = detach(value);
        this.values.push(kept);
        dictionary.set(kept, id);
      }
      this.recentValues[slot] = this.values[id];
      this.recentIds[slot] = id;
    }
    if (this.rows === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.rows++] = id;
    if (fresh && this.values.length > DICTIONARY_FLOOR && this.values.length * 2 > this.rows) this.toDirect();
    return fresh;
  }

  /** The id of a value among a few: comparing strings (mostly of other lengths) costs less than hashing one. */
  private scan(value: string): number | undefined {
    const values = this.values;
    for (let id = 0; id < values.length; id++) if (values[id] === value) return id;
    return undefined;
  }

  private toDirect(): void {
    const ids = this.ids;
    if (!ids) return;
    const distinct = this.values;
    const direct: string[] = new Array<string>(this.rows);
    for (let row = 0; row < this.rows; row++) direct[row] = distinct[ids[row]];
    this.values = direct;
    this.ids = undefined;
    this.dictionary = undefined;
  }

  /** Releases spare capacity once loading is over. */
  seal(): void {
    if (this.ids && this.ids.length > this.rows) this.ids = this.ids.slice(0, this.rows);
    this.dictionary = undefined;
    this.sealed = true;
  }

  get(row: number): string {
    return this.ids ? this.values[this.ids[row]] : this.values[row];
  }

  /**
   * A row predicate from a predicate over values. In dictionary mode each distinct value is tested once
   * (that is what makes searching a million rows cheap); in direct mode each row's value is.
   */
  rowTest(test: (value: string) => boolean): (row: number) => boolean {
    const ids = this.ids;
    if (!ids) return (row) => test(this.values[row]);
    const verdicts = new Uint8Array(this.values.length);
    this.values.forEach((value, id) => {
      verdicts[id] = test(value) ? 1 : 0;
    });
    return (row) => verdicts[ids[row]] === 1;
  }
}
