// How rows in our own export's columns are kept: the rows of our CSV export, cell by cell as written, and
// records other readers built (Cloud JSON), written into the same cells plus what the cells cannot say
// (source fields, and author strings that were "" rather than absent).
import type { SourceField, SourcedRecord } from '../../model/sourceFields';
import { EXPORT_COLUMNS, SEARCHED_COLUMNS, type CellReader, type ColumnIndex, type ExportColumn } from '../../exportFile/format/columns';
import { checkCell, recordFromCells, searchableStrings } from '../../exportFile/format/decodeRecord';
import { cellsOfRecord } from '../../exportFile/format/encodeRecord';
import type { RowCodec, RowSink } from './recordTable';

/** Date and Creation date are both rebuilt from the creation date kept per row. */
const STORED_COLUMNS: readonly ExportColumn[] = EXPORT_COLUMNS.filter((c) => c !== 'Date' && c !== 'Creation date');

const STORED_INDEX = new Map(STORED_COLUMNS.map((c, i) => [c, i]));

const SEARCHED = SEARCHED_COLUMNS.map((c) => STORED_INDEX.get(c) ?? -1).filter((i) => i >= 0);

/** Optional author strings whose "" the table keeps apart from absent. */
const EMPTY_ABLE = ['accountType', 'publicName', 'username', 'userKey', 'accountId'] as const;

function readerOf(cells: readonly string[]): CellReader {
  return (name) => {
    const i = STORED_INDEX.get(name);
    return i === undefined ? '' : (cells[i] ?? '');
  };
}

/** The rows of our CSV export: its cells as written, each new value checked against its column. */
export const EXPORT_CODEC: RowCodec = {
  width: STORED_COLUMNS.length,
  searchedColumns: SEARCHED,
  check: (column, value) => checkCell(STORED_COLUMNS[column], value),
  searched: (column, value) => searchableStrings(STORED_COLUMNS[column], value),
  record: (cells, creationDate) => recordFromCells(readerOf(cells), creationDate),
};

/** Where each kept column sits in a file's rows (the file may order its columns otherwise). */
export function exportPositions(index: ColumnIndex): Int32Array {
  return Int32Array.from(STORED_COLUMNS, (column) => index[column]);
}

const SOURCES = STORED_COLUMNS.length;
const EMPTIES = SOURCES + 1;

/**
 * Records a reader built from parsed JSON: their cells are written by cellsOfRecord, so they fit their columns
 * by construction and are not checked again.
 */
const BUILT_CODEC: RowCodec = {
  width: STORED_COLUMNS.length + 2,
  searchedColumns: SEARCHED,
  check: () => undefined,
  searched: (column, value) => (column < SOURCES ? searchableStrings(STORED_COLUMNS[column], value) : []),
  record: (cells, creationDate) => {
    const record: SourcedRecord = recordFromCells(readerOf(cells), creationDate);
    const sources = cells[SOURCES] ?? '';
    if (sources !== '') record.sourceFields = JSON.parse(sources) as SourceField[];
    const empties = cells[EMPTIES] ?? '';
    if (empties !== '') for (const key of empties.split(',')) if ((EMPTY_ABLE as readonly string[]).includes(key)) Object.assign(record.author, { [key]: '' });
    return record;
  },
};

/** Adds records a reader built (Cloud records, saved pages) to a table, through one sink. */
export class BuiltRecords {
  private readonly cells: string[] = new Array<string>(BUILT_CODEC.width).fill('');
  private readonly sink: RowSink;

  constructor(sinkFor: (codec: RowCodec) => RowSink) {
    this.sink = sinkFor(BUILT_CODEC);
  }

  add(record: SourcedRecord): void {
    const cell = cellsOfRecord(record);
    for (let i = 0; i < STORED_COLUMNS.length; i++) this.cells[i] = cell(STORED_COLUMNS[i]);
    const { sourceFields } = record;
    this.cells[SOURCES] = sourceFields && sourceFields.length > 0 ? JSON.stringify(sourceFields) : '';
    const author = record.author as unknown as Record<string, unknown>;
    this.cells[EMPTIES] = EMPTY_ABLE.filter((key) => author[key] === '').join(',');
    this.sink.add(this.cells, record.creationDate);
  }
}
