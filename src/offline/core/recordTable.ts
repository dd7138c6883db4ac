// The records of an opened export, held compactly: creation dates in a Float64Array sorted newest first, and
// each row's other cells as its source wrote them, one TextColumn (mostly a dictionary) per cell position of
// that kind of source (a RowCodec). A record is made from its cells only when a page of it is asked for, so a
// million-row file costs little more than its distinct values, and loading does no more than keep cells.
import type { SourcedRecord } from '../../model/sourceFields';
import { FormatProblem } from '../../exportFile/format/formatProblem';
import { TextColumn } from './textColumn';

/** How one kind of source keeps its rows: which cells, how they are checked, and how they make a record. */
export interface RowCodec {
  /** Cells kept per row. */
  readonly width: number;
  /** The cells whose values the audit API's searchString looks at. */
  readonly searchedColumns: readonly number[];
  /** Checks a value new to a column (once per distinct value); throws FormatProblem when it cannot be one. */
  check(column: number, value: string): void;
  /** The strings of a cell's value that searchString looks at. */
  searched(column: number, value: string): readonly string[];
  /** The record a row's kept cells make (its creation date is kept apart). */
  record(cells: readonly string[], creationDate: number): SourcedRecord;
}

/** What a snapshot may hold, checked as each row is added. */
export interface TableLimits {
  maxRecords: number;
  maxTableBytes: number;
}

interface Part {
  readonly codec: RowCodec;
  readonly columns: TextColumn[];
  rows: number;
}

/** Adds the rows of one file (or one kind of value in it) to the table being built. */
export interface RowSink {
  /** Adds a row: the codec's cells are cells[positions[i]] (cells[i] without positions). */
  add(cells: readonly string[], creationDate: number): void;
}

/** The most kinds of source one table holds (a part index is kept in 16 bits per row). */
const MAX_PARTS = 0xffff;

export class RecordTableBuilder {
  private readonly parts: Part[] = [];
  private readonly partOf = new Map<RowCodec, number>();
  /** Per row, its part and its row in that part: only once a second kind of source is added. */
  private partOfRow: Uint16Array | undefined;
  private rowInPart: Uint32Array | undefined;
  private dates = new Float64Array(1024);
  private rows = 0;
  /** Values kept so far, estimated: two bytes a character and a string's overhead (see approximateBytes). */
  private valueBytes = 0;
  /** 4 bytes (an id) per kept cell. */
  private cellBytes = 0;

  constructor(private readonly limits: TableLimits = { maxRecords: Infinity, maxTableBytes: Infinity }) {}

  get size(): number {
    return this.rows;
  }

  /**
   * The table's memory, estimated from what it keeps: each new value (two bytes a character, as V8 may store
   * it, plus 48 for the string and its slot), a 4-byte id per kept cell, an 8-byte date per row and, once
   * kinds of source mix, 6 bytes per row to find its part. An over-estimate for one-byte text: the limit it
   * guards must trip before the host is at risk.
   */
  get approximateBytes(): number {
    return this.valueBytes + this.cellBytes + this.rows * (this.partOfRow ? 14 : 8);
  }

  /** A sink for rows of `codec`, taking its cells from `positions` of each row given (or in order). */
  sink(codec: RowCodec, positions?: Int32Array): RowSink {
    // The part is made with the first row, so that a kind of source that brings none costs nothing.
    let part: Part | undefined;
    let index = 0;
    const at = positions ?? Int32Array.from({ length: codec.width }, (_, i) => i);
    return {
      add: (cells, creationDate) => {
        if (!part) [part, index] = this.partFor(codec);
        this.add(part, index, cells, at, creationDate);
      },
    };
  }

  private partFor(codec: RowCodec): [Part, number] {
    let index = this.partOf.get(codec);
    if (index === undefined) {
      if (this.parts.length === MAX_PARTS) throw new FormatProblem('too many kinds of file to open at once');
      index = this.parts.length;
      this.parts.push({ codec, columns: Array.from({ length: codec.width }, () => new TextColumn()), rows: 0 });
      this.partOf.set(codec, index);
    }
    return [this.parts[index], index];
  }

  private add(part: Part, index: number, cells: readonly string[], positions: Int32Array, creationDate: number): void {
    if (this.rows >= this.limits.maxRecords) throw new FormatProblem(`the export holds more than ${this.limits.maxRecords} records, more than can be opened`);
    const { columns, codec } = part;
    // The loop that runs once per cell of a million-row file: no lookups by name, checks on new values only.
    for (let i = 0; i < columns.length; i++) {
      const value = cells[positions[i]] ?? '';
      if (columns[i].push(value)) {
        this.valueBytes += 48 + 2 * value.length;
        codec.check(i, value);
      }
    }
    this.cellBytes += 4 * columns.length;
    if (this.partOfRow === undefined && index > 0) this.trackParts();
    if (this.partOfRow !== undefined && this.rowInPart !== undefined) {
      if (this.rows === this.partOfRow.length) this.growParts();
      this.partOfRow[this.rows] = index;
      this.rowInPart[this.rows] = part.rows;
    }
    part.rows++;
    if (this.rows === this.dates.length) this.dates = grown(this.dates);
    this.dates[this.rows++] = creationDate;
    if (this.approximateBytes > this.limits.maxTableBytes) throw new FormatProblem(tooLarge(this.limits.maxTableBytes));
  }

  /** A second kind of source: every row so far was of the first, row for row. */
  private trackParts(): void {
    this.partOfRow = new Uint16Array(this.dates.length);
    this.rowInPart = new Uint32Array(this.dates.length);
    for (let row = 0; row < this.rows; row++) this.rowInPart[row] = row;
  }

  private growParts(): void {
    if (!this.partOfRow || !this.rowInPart) return;
    const parts = new Uint16Array(this.partOfRow.length * 2);
    parts.set(this.partOfRow);
    this.partOfRow = parts;
    const rows = new Uint32Array(this.rowInPart.length * 2);
    rows.set(this.rowInPart);
    this.rowInPart = rows;
  }

  build(): RecordTable {
    for (const part of this.parts) for (const column of part.columns) column.seal();
    const dates = this.dates.subarray(0, this.rows);
    const order = newestFirstOrder(dates);
    const sorted = order ? Float64Array.from(order, (row) => dates[row]) : dates.slice();
    const where = this.partOfRow && this.rowInPart ? { partOfRow: this.partOfRow.slice(0, this.rows), rowInPart: this.rowInPart.slice(0, this.rows) } : undefined;
    return new RecordTable(this.parts, sorted, order, where);
  }
}

function grown(dates: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const next = new Float64Array(dates.length * 2);
  next.set(dates);
  return next;
}

function tooLarge(maxBytes: number): string {
  return `the export is too large to open as a snapshot: its records would take more than about ${Math.round(maxBytes / 1024 / 1024)} MiB of memory. Open a shorter export (a narrower time window)`;
}

/** The row order that sorts dates newest first, ties in file order; undefined when already sorted. */
function newestFirstOrder(dates: Float64Array): Uint32Array | undefined {
  let sorted = true;
  for (let i = 1; i < dates.length && sorted; i++) sorted = dates[i] <= dates[i - 1];
  if (sorted) return undefined;
  const order = new Uint32Array(dates.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => dates[b] - dates[a] || a - b);
}

export class RecordTable {
  constructor(
    private readonly parts: readonly Part[],
    /** Creation dates by position, newest first. */
    private readonly dates: Float64Array,
    /** Position → row in the files, when they were not newest first already. */
    private readonly order: Uint32Array | undefined,
    /** Row → its part and its row there, when kinds of source mix (otherwise every row is of part 0). */
    private readonly where: { partOfRow: Uint16Array; rowInPart: Uint32Array } | undefined,
  ) {}

  get size(): number {
    return this.dates.length;
  }

  dateAt(position: number): number {
    return this.dates[position];
  }

  /** Oldest and newest creation dates, or undefined for an empty export. */
  span(): { start: number; end: number } | undefined {
    return this.size === 0 ? undefined : { start: this.dates[this.size - 1], end: this.dates[0] };
  }

  /** The record at a position (a fresh object each time), with the source fields of its file when it has any. */
  record(position: number): SourcedRecord {
    const row = this.order ? this.order[position] : position;
    const part = this.parts[this.where ? this.where.partOfRow[row] : 0];
    const local = this.where ? this.where.rowInPart[row] : row;
    return part.codec.record(part.columns.map((column) => column.get(local)), this.dates[position]);
  }

  /** The first position whose date is at or before `time` (size when none). */
  firstAtOrBefore(time: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.dates[mid] > time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first position whose date is before `time` (size when none). */
  firstBefore(time: number): number {
    return this.firstAtOrBefore(time - 1);
  }

  /**
   * Positions whose record matches a search string the way the audit API's searchString does: a
   * case-insensitive substring of one of the record's string values. Undefined for an empty search.
   */
  searchTest(searchString: string | undefined): ((position: number) => boolean) | undefined {
    const needle = (searchString ?? '').toLowerCase();
    if (needle === '') return undefined;
    const tests = this.parts.map(({ codec, columns }) =>
      codec.searchedColumns.map((c) => columns[c].rowTest((value) => codec.searched(c, value).some((s) => s.toLowerCase().includes(needle)))),
    );
    const { order, where } = this;
    return (position) => {
      const row = order ? order[position] : position;
      const local = where ? where.rowInPart[row] : row;
      for (const test of tests[where ? where.partOfRow[row] : 0]) if (test(local)) return true;
      return false;
    };
  }
}
