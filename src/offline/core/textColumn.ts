// One column of an offline snapshot. Audit data repeats a lot (authors, addresses, categories, object
// types), so a column starts as a dictionary: distinct values once, and a 4-byte id per row. A column
// that turns out mostly distinct switches to one string per row, which is then cheaper.

/** Distinct values beyond which a mostly-distinct column stops being a dictionary. */
const DICTIONARY_FLOOR = 4096;

/** Distinct values up to which a lookup compares them one by one instead of hashing (flags, types). */
const SCAN_LIMIT = 8;

/** Slots of the cache of recent values (a power of two). */
const RECENT = 1024;

/**
 * A value's slot in the cache of recent values: a hash of its length and five of its characters, the first,
 * the middle and the last three (where ids, counters and addresses differ), so that the values of a column that
 * repeat mostly get slots of their own without reading them whole.
 */
function slotOf(value: string): number {
  const n = value.length;
  if (n < 3) return n === 0 ? 0 : (value.charCodeAt(0) * 31 + value.charCodeAt(n - 1) + n) & (RECENT - 1);
  let h = Math.imul(n, 0x9e3779b1) ^ value.charCodeAt(0);
  h = Math.imul(h ^ value.charCodeAt(n >> 1), 0x01000193);
  h = Math.imul(h ^ value.charCodeAt(n - 1), 0x01000193);
  h = Math.imul(h ^ value.charCodeAt(n - 2), 0x01000193);
  h = Math.imul(h ^ value.charCodeAt(n - 3), 0x01000193);
  return (h ^ (h >>> 15)) & (RECENT - 1);
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
    const ids = this.ids;
    if (this.sealed || ids === undefined || this.rows === ids.length) return this.pushSlowly(value);
    // What most cells of a large file take: the value last seen in its slot, compared, not hashed.
    const slot = slotOf(value);
    if (this.recentValues[slot] === value) {
      ids[this.rows++] = this.recentIds[slot];
      return false;
    }
    return this.lookUp(value, slot, ids);
  }

  /** A value not in the recent cache: found in (or added to) the dictionary, and cached in its slot. */
  private lookUp(value: string, slot: number, ids: Uint32Array): boolean {
    let id = this.values.length <= SCAN_LIMIT ? this.scan(value) : this.dictionary?.get(value);
    const fresh = id === undefined;
    if (id === undefined) {
      id = this.values.length;
      const kept = detach(value);
      this.values.push(kept);
      this.dictionary?.set(kept, id);
    }
    this.recentValues[slot] = this.values[id];
    this.recentIds[slot] = id;
    ids[this.rows++] = id;
    if (fresh && this.values.length > DICTIONARY_FLOOR && this.values.length * 2 > this.rows) this.toDirect();
    return fresh;
  }

  /** After seal (refused), in direct mode, or when the ids are full (grown first). */
  private pushSlowly(value: string): boolean {
    if (this.sealed) throw new Error('TextColumn: push after seal');
    const ids = this.ids;
    if (ids === undefined) {
      this.values.push(detach(value));
      this.rows++;
      return true;
    }
    const grown = new Uint32Array(ids.length * 2);
    grown.set(ids);
    this.ids = grown;
    return this.push(value);
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
