// Reads a CSV's rows into a table being built. Our own export's columns are read strictly and kept cell by
// cell as written; any other header goes to ForeignCsvReader (columns recognised by name, Data Center's
// layout, or `chosen`: the columns a person picked for this header). An unknown header throws
// UnknownHeaderError; any other problem an ExportFileError naming the line.
import { cellReader, columnIndex, EXPORT_COLUMNS, type ColumnIndex } from '../../exportFile/format/columns';
import { checkDateColumn, creationDateOf } from '../../exportFile/format/decodeRecord';
import { FormatProblem } from '../../exportFile/format/formatProblem';
import { ExportFileError, readCsvRows, type RowLimits } from '../../exportFile/read/csvRows';
import { EXPORT_CODEC, exportPositions } from './exportRows';
import type { ColumnMapping } from './formats/csvColumns';
import { ForeignCsvReader } from './formats/foreignCsv';
import { isoMillis, plainEpochMillis } from './isoTime';
import type { RecordTableBuilder, RowSink } from './recordTable';

/** Our own export's rows: each row's time read from its cells, the rest kept as written. */
class ExportRows {
  private readonly sink: RowSink;
  private readonly creation: number;
  private readonly date: number;

  constructor(
    builder: RecordTableBuilder,
    private readonly index: ColumnIndex,
  ) {
    this.sink = builder.sink(EXPORT_CODEC, exportPositions(index));
    this.creation = index['Creation date'];
    this.date = index.Date;
  }

  add(cells: readonly string[]): void {
    // Most rows are read without regular expressions; what that cannot read goes the strict way, with its message.
    let creationDate = plainEpochMillis(cells[this.creation] ?? '');
    const cell = Number.isNaN(creationDate) ? cellReader(cells, this.index) : undefined;
    if (cell) creationDate = creationDateOf(cell);
    const date = cells[this.date] ?? '';
    if (date !== '' && isoMillis(date) !== creationDate) checkDateColumn(cell ?? cellReader(cells, this.index), creationDate);
    this.sink.add(cells, creationDate);
  }
}

export async function csvInto(builder: RecordTableBuilder, text: AsyncIterable<string>, limits: RowLimits, signal?: AbortSignal, chosen?: ColumnMapping): Promise<void> {
  let own: ExportRows | undefined;
  let foreign: ForeignCsvReader | undefined;
  let width = 0;
  const rows = await readCsvRows(
    text,
    (cells, line) => {
      try {
        if (!own && !foreign) {
          width = cells.length;
          if (isOurHeader(cells)) own = new ExportRows(builder, columnIndex(cells));
          else foreign = ForeignCsvReader.forHeader(cells, (codec, positions) => builder.sink(codec, positions), chosen);
          return;
        }
        if (cells.length !== width) throw new FormatProblem(cellCountProblem(cells, width));
        if (foreign) return foreign.row(cells, line);
        own?.add(cells);
      } catch (e) {
        if (e instanceof FormatProblem) throw new ExportFileError(e.message, line);
        throw e;
      }
    },
    signal,
    limits,
  );
  if (rows === 0) throw new ExportFileError('the file is empty: an audit log export starts with a header line');
  foreign?.finish();
}

/**
 * Our own export's header: most of its columns (any order, extra columns allowed). One that lacks some is
 * refused by columnIndex, naming them: our own format is read strictly, an edited file is not guessed at.
 */
function isOurHeader(cells: readonly string[]): boolean {
  const names = new Set(cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim()));
  return EXPORT_COLUMNS.filter((c) => names.has(c)).length > EXPORT_COLUMNS.length / 2;
}

/**
 * A row with too many cells and a line break inside one is most likely two lines joined: the file's line
 * ends are mixed (read with the first line's CRLF, a line ending in LF alone does not end its row).
 */
function cellCountProblem(cells: readonly string[], width: number): string {
  const counts = `this row has ${cells.length} cells, the header has ${width}`;
  const joined = cells.length > width && cells.some((c) => /[^\r]\n|^\n|\r(?!\n)/.test(c));
  return joined
    ? `${counts}: the file mixes line ends (CRLF, and LF alone or CR alone on this line), so lines were read as one row. Save it with one kind of line end`
    : counts;
}
