// Reads the rows of a CSV export we did not write in our own 23-column format: our "Export Shown Records"
// CSV (and a window written from a source's events, its source fields as further columns), Data Center's
// export, or any CSV whose columns are recognised by name or were chosen by the user.
import { CSV_COLUMNS } from '../../../exportFile/format/safeCsv';
import { ExportFileError } from '../../../exportFile/read/csvRows';
import { FormatProblem } from '../../../exportFile/format/formatProblem';
import type { RowCodec, RowSink } from '../recordTable';
import { foldName, isUsableMapping, recognizeColumns, type ColumnMapping } from './csvColumns';
import { DATA_CENTER_AS_WRITTEN, dataCenterOrderOf, isDataCenterHeader } from './dataCenterCsv';
import { mappedRows, type MappedLayout } from './mappedCsvRow';

/** A header whose columns are not known: the caller may ask which column holds what, then read again. */
export class UnknownHeaderError extends ExportFileError {
  constructor(readonly header: readonly string[]) {
    super('the columns of this header are not known: a time column (such as "Date" or "Timestamp") and an event column (such as "Change", "Summary" or "Action") were expected', 1);
  }
}

export type CsvKind = 'shown' | 'dataCenter' | 'byName' | 'chosen';

/** Where a reader's rows go: a sink for its kind of row, taking the cells at these positions. */
export type SinkFor = (codec: RowCodec, positions: Int32Array) => RowSink;

/** Rows of a Data Center export kept until one tells which order the values follow (bounded). */
const MAX_UNDECIDED_ROWS = 10_000;

interface Reading {
  sink: RowSink;
  timeOf: (cells: readonly string[]) => number;
}

export class ForeignCsvReader {
  private reading: Reading | undefined;
  private readonly pending: Array<{ cells: string[]; line: number }> = [];

  private constructor(
    readonly kind: CsvKind,
    private readonly header: readonly string[],
    private readonly sinkFor: SinkFor,
    layout: MappedLayout | undefined,
  ) {
    if (layout) this.reading = this.readingOf(layout);
  }

  /** A reader for this header, or UnknownHeaderError (none recognised and none chosen). */
  static forHeader(header: readonly string[], sinkFor: SinkFor, chosen?: ColumnMapping): ForeignCsvReader {
    const folded = header.map(foldName);
    // Our CSV: the record's columns first, then any source fields of their own (an organization's export),
    // which are read back as the record's source fields, never mapped to the record's roles.
    if (folded.length >= CSV_COLUMNS.length && CSV_COLUMNS.every((c, i) => foldName(c) === folded[i])) {
      return new ForeignCsvReader('shown', header, sinkFor, { header, mapping: recognizeColumns(header.slice(0, CSV_COLUMNS.length)), unguard: true });
    }
    if (chosen && isUsableMapping(chosen)) return new ForeignCsvReader('chosen', header, sinkFor, { header, mapping: chosen, unguard: false });
    if (isDataCenterHeader(header)) return new ForeignCsvReader('dataCenter', header, sinkFor, undefined);
    const byName = recognizeColumns(header);
    if (isUsableMapping(byName)) return new ForeignCsvReader('byName', header, sinkFor, { header, mapping: byName, unguard: false });
    throw new UnknownHeaderError(header);
  }

  private readingOf(layout: MappedLayout): Reading {
    const { codec, positions, timeOf } = mappedRows(layout);
    return { sink: this.sinkFor(codec, positions), timeOf };
  }

  row(cells: string[], line: number): void {
    if (this.reading) return this.add(this.reading, cells, line);
    const order = dataCenterOrderOf(cells);
    if (!order) {
      this.pending.push({ cells, line });
      if (this.pending.length >= MAX_UNDECIDED_ROWS) this.decide(DATA_CENTER_AS_WRITTEN);
      return;
    }
    this.add(this.decide(order), cells, line);
  }

  /** Rows still waiting for the order: none told, so they follow the only writer known. */
  finish(): void {
    if (!this.reading) this.decide(DATA_CENTER_AS_WRITTEN);
  }

  private decide(mapping: ColumnMapping): Reading {
    const reading = this.readingOf({ header: this.header, mapping, unguard: false, ignored: mapping === DATA_CENTER_AS_WRITTEN ? [9] : [] });
    this.reading = reading;
    for (const { cells, line } of this.pending.splice(0)) this.add(reading, cells, line);
    return reading;
  }

  private add(reading: Reading, cells: string[], line: number): void {
    try {
      reading.sink.add(cells, reading.timeOf(cells));
    } catch (e) {
      if (e instanceof FormatProblem) throw new ExportFileError(e.message, line);
      throw e;
    }
  }
}
