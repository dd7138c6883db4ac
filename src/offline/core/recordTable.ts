// The records of an opened export, held compactly: creation dates in a Float64Array sorted newest first,
// every other column in a TextColumn (mostly dictionaries). A record is rebuilt only when a page of it is
// asked for, so a million-row export costs little more than its distinct values.
import type { SourceField, SourcedRecord } from '../../model/sourceFields';
import { EXPORT_COLUMNS, SEARCHED_COLUMNS, type CellReader, type ColumnIndex, type ExportColumn } from '../../exportFile/format/columns';
import { checkCell, recordFromCells, searchableStrings } from '../../exportFile/format/decodeRecord';
import { cellsOfRecord } from '../../exportFile/format/encodeRecord';
import { TextColumn } from './textColumn';

/** Date and Creation date are both rebuilt from the creation date kept per row. */
const STORED_COLUMNS = EXPORT_COLUMNS.filter((c) => c !== 'Date' && c !== 'Creation date');

/** Optional author strings whose "" the table keeps apart from absent. */
const EMPTY_ABLE = ['accountType', 'publicName', 'username', 'userKey', 'accountId'] as const;

/** Where each stored column sits in a file's rows, in RecordTableBuilder's order. */
export type StoredPositions = Int32Array;

export function storedPositions(index: ColumnIndex): StoredPositions {
  return Int32Array.from(STORED_COLUMNS, (column) => index[column]);
}

export class RecordTableBuilder {
  /** In STORED_COLUMNS order (an array: this loop runs once per cell of a million-row file). */
  private readonly stored = STORED_COLUMNS.map(() => new TextColumn());
  /** Each row's source fields as JSON ('' for none): what other formats say beyond the record model. */
  private readonly sources = new TextColumn();
  /** Optional author fields a JSON record had as "" (a cell cannot tell "" from absent): real Cloud's accountType. */
  private readonly emptyAuthorFields = new TextColumn();
  private dates = new Float64Array(1024);
  private rows = 0;
  /** Values kept so far, estimated: two bytes a character and a string's overhead (see approximateBytes). */
  private valueBytes = 0;

  get size(): number {
    return this.rows;
  }

  /**
   * The table's memory, estimated from what it keeps: each new value (two bytes a character, as V8 may
   * store it, plus 48 for the string and its slot), a 4-byte id per stored cell and an 8-byte date per row.
   * An over-estimate for one-byte text: the limit it guards must trip before the host is at risk.
   */
  get approximateBytes(): number {
    return this.valueBytes + this.rows * (8 + 4 * STORED_COLUMNS.length);
  }

  /** Adds one row; a cell that does not fit its column throws FormatProblem (checked once per distinct value). */
  add(cell: CellReader, creationDate: number, sourceFields?: readonly SourceField[]): void {
    for (let i = 0; i < STORED_COLUMNS.length; i++) {
      const name = STORED_COLUMNS[i];
      const value = cell(name);
      if (this.stored[i].push(value)) {
        this.valueBytes += 48 + 2 * value.length;
        checkCell(name, value);
      }
    }
    this.sources.push(sourceFields && sourceFields.length > 0 ? JSON.stringify(sourceFields) : '');
    this.emptyAuthorFields.push('');
    this.addDate(creationDate);
  }

  /**
   * add() for a record this reader built itself from parsed JSON or a recognised CSV: its cells are written by
   * cellsOfRecord, so they fit their columns by construction and are not checked again (a million-line audit
   * log would otherwise re-parse every distinct JSON cell).
   */
  addBuilt(record: SourcedRecord): void {
    const cell = cellsOfRecord(record);
    for (let i = 0; i < STORED_COLUMNS.length; i++) {
      const value = cell(STORED_COLUMNS[i]);
      // Counted like add(): the snapshot's memory limit must hold for built records too.
      if (this.stored[i].push(value)) this.valueBytes += 48 + 2 * value.length;
    }
    const { sourceFields } = record;
    const sources = sourceFields && sourceFields.length > 0 ? JSON.stringify(sourceFields) : '';
    if (this.sources.push(sources)) this.valueBytes += 48 + 2 * sources.length;
    const author = record.author as unknown as Record<string, unknown>;
    this.emptyAuthorFields.push(EMPTY_ABLE.filter((key) => author[key] === '').join(','));
    this.addDate(record.creationDate);
  }

  /** add() for a CSV row, with the stored columns' positions in it (storedPositions): no lookup by name. */
  addCells(cells: readonly string[], positions: StoredPositions, creationDate: number): void {
    for (let i = 0; i < STORED_COLUMNS.length; i++) {
      const value = cells[positions[i]] ?? '';
      if (this.stored[i].push(value)) {
        this.valueBytes += 48 + 2 * value.length;
        checkCell(STORED_COLUMNS[i], value);
      }
    }
    this.sources.push('');
    this.emptyAuthorFields.push('');
    this.addDate(creationDate);
  }

  private addDate(creationDate: number): void {
    if (this.rows === this.dates.length) {
      const grown = new Float64Array(this.dates.length * 2);
      grown.set(this.dates);
      this.dates = grown;
    }
    this.dates[this.rows++] = creationDate;
  }

  build(): RecordTable {
    for (const column of this.stored) column.seal();
    this.sources.seal();
    this.emptyAuthorFields.seal();
    const dates = this.dates.subarray(0, this.rows);
    const order = newestFirstOrder(dates);
    const sorted = order ? Float64Array.from(order, (row) => dates[row]) : dates.slice();
    return new RecordTable(new Map(STORED_COLUMNS.map((name, i) => [name, this.stored[i]])), sorted, order, this.sources, this.emptyAuthorFields);
  }
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
    private readonly columns: ReadonlyMap<ExportColumn, TextColumn>,
    /** Creation dates by position, newest first. */
    private readonly dates: Float64Array,
    /** Position → row in the file, when the file was not newest first already. */
    private readonly order: Uint32Array | undefined,
    private readonly sources?: TextColumn,
    private readonly emptyAuthorFields?: TextColumn,
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
    const cell: CellReader = (name) => this.columns.get(name)?.get(row) ?? '';
    const record: SourcedRecord = recordFromCells(cell, this.dates[position]);
    const sources = this.sources?.get(row) ?? '';
    if (sources !== '') record.sourceFields = JSON.parse(sources) as SourceField[];
    const empties = this.emptyAuthorFields?.get(row) ?? '';
    if (empties !== '') for (const key of empties.split(',')) if ((EMPTY_ABLE as readonly string[]).includes(key)) Object.assign(record.author, { [key]: '' });
    return record;
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
    const tests: Array<(row: number) => boolean> = [];
    for (const name of SEARCHED_COLUMNS) {
      const column = this.columns.get(name);
      if (column) tests.push(column.rowTest((value) => searchableStrings(name, value).some((s) => s.toLowerCase().includes(needle))));
    }
    const order = this.order;
    return (position) => {
      const row = order ? order[position] : position;
      for (const test of tests) if (test(row)) return true;
      return false;
    };
  }
}
