// The columns of the audit log's CSV export format (documented in simulator/README.md): one column per record
// field, so an export can be read back into the very records the API returned. The simulator writes the same
// columns with a writer of its own (simulator/csv.ts), on purpose: see there.
import { FormatProblem } from './formatProblem';

export const EXPORT_COLUMNS = [
  'Date', 'Author', 'Author account id', 'Remote address', 'Event type', 'Change', 'Description',
  'Affected object', 'Affected object type', 'Associated objects', 'Changed values', 'Creation date',
  'System admin', 'Super admin', 'Author type', 'Author account type', 'Author public name',
  'Author username', 'Author user key', 'Author is guest', 'Author is external collaborator',
  'Author external collaborator', 'Author operations',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Where each column sits in this file's rows (files may order columns differently or add some). */
export type ColumnIndex = Readonly<Record<ExportColumn, number>>;

/** Maps the header row to column positions; throws when a column is missing or named twice. */
export function columnIndex(header: readonly string[]): ColumnIndex {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const clean = (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim();
    if (positions.has(clean) && (EXPORT_COLUMNS as readonly string[]).includes(clean)) {
      throw new FormatProblem(`the column "${clean}" appears twice in the header`);
    }
    positions.set(clean, i);
  });
  const missing = EXPORT_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length === EXPORT_COLUMNS.length) {
    throw new FormatProblem('the first line is not the header of a Confluence audit log export');
  }
  if (missing.length > 0) {
    throw new FormatProblem(`the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`);
  }
  const index = {} as Record<ExportColumn, number>;
  for (const c of EXPORT_COLUMNS) index[c] = positions.get(c) ?? -1;
  return index;
}

/** Reads one cell by column name from a row that has at least as many cells as the header. */
export type CellReader = (column: ExportColumn) => string;

export function cellReader(cells: readonly string[], index: ColumnIndex): CellReader {
  return (column) => cells[index[column]] ?? '';
}

/** The columns the audit API's searchString looks at (searchableStrings gives their strings). */
export const SEARCHED_COLUMNS: readonly ExportColumn[] = [
  'Change', 'Description', 'Event type', 'Remote address', 'Author', 'Author public name',
  'Affected object', 'Affected object type', 'Associated objects', 'Changed values',
];
