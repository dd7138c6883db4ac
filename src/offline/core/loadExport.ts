// Loads audit files into a RecordTable, streaming: a CSV goes through papaparse row by row, JSON value by
// value (JSON Lines, saved API answers, Data Center events and audit log files), a ZIP's entries are inflated
// chunk by chunk, nothing is extracted to disk. The format is recognised from the content, not the name.
// Several files (a node's rotated audit logs) load into one table, newest first. Either every file loads or
// the whole is refused with the file and line of the first problem: never part of it.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { SourcedRecord } from '../../model/sourceFields';
import { cellReader, columnIndex, EXPORT_COLUMNS, type ColumnIndex } from '../../exportFile/format/columns';
import { checkDateColumn, creationDateOf } from '../../exportFile/format/decodeRecord';
import { FormatProblem } from '../../exportFile/format/formatProblem';
import type { ColumnMapping } from './formats/csvColumns';
import { ForeignCsvReader, UnknownHeaderError } from './formats/foreignCsv';
import { readJsonValues } from './formats/jsonValues';
import { recordsOfJson } from './formats/jsonRecords';
import { DEFAULT_ROW_LIMITS, ExportFileError, readCsvRows, utf8Text, type RowLimits } from '../../exportFile/read/csvRows';
import { hashFile } from '../../exportFile/digest/digest';
import { sniffFormat, type ExportFileFormat } from '../../exportFile/fileFormat';
import { fileBytes, openRandomAccess } from '../../exportFile/read/localFile';
import { RecordTableBuilder, storedPositions, type RecordTable, type StoredPositions } from './recordTable';
import { auditEntries, DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry, type ZipEntry, type ZipLimits } from '../../exportFile/read/zipReader';

export interface LoadLimits extends ZipLimits, RowLimits {
  /** Most records an opened export may hold (protects the extension host's memory). */
  maxRecords: number;
  /** Most memory (estimated) the opened snapshot's table may take; beyond it the file is refused. */
  maxTableBytes: number;
}

/**
 * What an opened export may cost. Exceeding any is refused with a message before the extension host's
 * memory is at risk: a ZIP bomb (ratio), a never-closed quoted cell (row), or sheer size (table).
 */
export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxRatio: 200,
  maxRecords: 5_000_000,
  maxTableBytes: 512 * 1024 * 1024,
  ...DEFAULT_ROW_LIMITS,
};

export interface LoadOptions {
  signal?: AbortSignal;
  /** Bytes processed so far and the total to process (of the CSV: for a ZIP, of its inflated entry). */
  onProgress?: (done: number, total: number) => void;
  limits?: Partial<LoadLimits>;
  /**
   * Asked when a CSV's header is not known: which column holds the time, the event, the author and the address
   * (undefined: the person declined, and the file is refused as before).
   */
  chooseColumns?: (header: readonly string[]) => Promise<ColumnMapping | undefined>;
}

export interface LoadedExport {
  table: RecordTable;
  format: ExportFileFormat;
  /** The entry names read inside a ZIP. */
  entryName?: string;
  /** Size and SHA-256 of the file as read (to compare with its manifest). */
  bytes: number;
  sha256: string;
}

export async function loadExport(path: string, options: LoadOptions = {}): Promise<LoadedExport> {
  const { table, files } = await loadExportFiles([path], options);
  const [file] = files;
  return { table, format: file.format, bytes: file.bytes, sha256: file.sha256, ...(file.entryName === undefined ? {} : { entryName: file.entryName }) };
}

export interface LoadedFile {
  path: string;
  format: ExportFileFormat;
  entryName?: string;
  bytes: number;
  sha256: string;
}

/** A problem in one of several files: names the file as well as the line. */
export class FileProblem extends ExportFileError {
  constructor(
    readonly file: string,
    readonly problem: ExportFileError,
  ) {
    // The message already says "Line N" of that file.
    super(`${file}: ${problem.message}`);
    this.name = 'FileProblem';
  }
}

/** Loads one or more files into one table, newest first (rotated or per-node audit log files merge). */
export async function loadExportFiles(paths: readonly string[], options: LoadOptions = {}): Promise<{ table: RecordTable; files: LoadedFile[] }> {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...options.limits };
  const builder = new RecordTableBuilder();
  const files: LoadedFile[] = [];
  for (const path of paths) {
    try {
      files.push(await loadFileInto(builder, path, limits, options));
    } catch (e) {
      if (paths.length > 1 && e instanceof ExportFileError && !(e instanceof FileProblem)) throw new FileProblem(path.split(/[\\/]/).pop() ?? path, e);
      throw e;
    }
  }
  return { table: builder.build(), files };
}

async function loadFileInto(builder: RecordTableBuilder, path: string, limits: LoadLimits, options: LoadOptions): Promise<LoadedFile> {
  const format = await sniffFormat(path);
  if (format === 'csv' || format === 'jsonl') {
    const { size: total } = await stat(path);
    const read = async (chosen?: ColumnMapping): Promise<LoadedFile> => {
      const hash = createHash('sha256');
      let bytes = 0;
      const hashed = async function* (): AsyncIterable<Uint8Array> {
        for await (const chunk of fileBytes(path, options.signal)) {
          hash.update(chunk);
          bytes += chunk.length;
          options.onProgress?.(bytes, total);
          yield chunk;
        }
      };
      if (format === 'csv') await csvInto(builder, hashed(), limits, options.signal, chosen);
      else await jsonInto(builder, hashed(), limits, options.signal);
      return { path, format, bytes, sha256: hash.digest('hex') };
    };
    return withChosenColumns(builder, read, options);
  }
  const { bytes, sha256 } = await hashFile(path, options.signal);
  const file = await openRandomAccess(path);
  try {
    const entries = auditEntries(await listZipEntries(file, limits));
    for (const entry of entries) {
      const read = async (chosen?: ColumnMapping): Promise<LoadedFile> => {
        let inflated = 0;
        const progress = async function* (): AsyncIterable<Uint8Array> {
          for await (const chunk of readZipEntry(file, entry, limits, options.signal)) {
            inflated += chunk.length;
            options.onProgress?.(inflated, entry.size);
            yield chunk;
          }
        };
        try {
          if (isCsvEntry(entry)) await csvInto(builder, progress(), limits, options.signal, chosen);
          else await jsonInto(builder, progress(), limits, options.signal);
        } catch (e) {
          // Inside a ZIP, the line is of the entry: say which.
          if (entries.length > 1 && e instanceof ExportFileError && !(e instanceof UnknownHeaderError)) throw new ExportFileError(`in ${entry.name}: ${e.message}`);
          throw e;
        }
        return { path, format, bytes, sha256 };
      };
      await withChosenColumns(builder, read, options);
    }
    return { path, format, entryName: entries.map((e) => e.name).join(', '), bytes, sha256 };
  } finally {
    await file.close();
  }
}

function isCsvEntry(entry: ZipEntry): boolean {
  return /\.csv$/i.test(entry.name);
}

/**
 * Reads; when the header is unknown, asks which columns hold what and reads again with that choice. An unknown
 * header is met at line 1, before any of the file's records was added.
 */
async function withChosenColumns<T>(builder: RecordTableBuilder, read: (chosen?: ColumnMapping) => Promise<T>, options: LoadOptions): Promise<T> {
  const before = builder.size;
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof UnknownHeaderError) || !options.chooseColumns || builder.size !== before) throw e;
    const chosen = await options.chooseColumns(e.header);
    if (!chosen) throw e;
    return read(chosen);
  }
}

/**
 * Parses an export's CSV bytes into a table, or throws ExportFileError naming the line. Our own 23-column export
 * is read strictly; any other header goes to ForeignCsvReader (columns recognised by name, Data Center's layout,
 * or `chosen`: the columns a person picked for this header). An unknown header throws UnknownHeaderError.
 */
export async function parseCsv(bytes: AsyncIterable<Uint8Array>, given: Partial<LoadLimits> = DEFAULT_LOAD_LIMITS, signal?: AbortSignal, chosen?: ColumnMapping): Promise<RecordTable> {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...given };
  const builder = new RecordTableBuilder();
  await csvInto(builder, bytes, limits, signal, chosen);
  return builder.build();
}

async function csvInto(builder: RecordTableBuilder, bytes: AsyncIterable<Uint8Array>, limits: LoadLimits, signal?: AbortSignal, chosen?: ColumnMapping): Promise<void> {
  let index: ColumnIndex | undefined;
  let positions: StoredPositions | undefined;
  let foreign: ForeignCsvReader | undefined;
  let width = 0;
  const addForeign = (record: SourcedRecord, line: number): void => addRecord(builder, record, limits, line);
  const rows = await readCsvRows(
    utf8Text(bytes),
    (cells, line) => {
      try {
        if (!index && !foreign) {
          width = cells.length;
          if (isOurHeader(cells)) {
            index = columnIndex(cells);
            positions = storedPositions(index);
          } else {
            foreign = ForeignCsvReader.forHeader(cells, addForeign, chosen);
          }
          return;
        }
        if (cells.length !== width) throw new FormatProblem(cellCountProblem(cells, width));
        if (foreign) return foreign.row(cells, line);
        if (!index) return;
        if (builder.size >= limits.maxRecords) throw new FormatProblem(`the export holds more than ${limits.maxRecords} records, more than can be opened`);
        const cell = cellReader(cells, index);
        const creationDate = creationDateOf(cell);
        checkDateColumn(cell, creationDate);
        builder.addCells(cells, positions ?? storedPositions(index), creationDate);
        if (builder.approximateBytes > limits.maxTableBytes) throw new FormatProblem(tooLarge(limits.maxTableBytes));
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
 * Parses JSON into a table: JSON Lines (one record per line, as "Export Shown Records" writes them; Cloud
 * records; Data Center events and audit log lines) or JSON documents (saved pages, events answers); or throws
 * ExportFileError naming the line.
 */
export async function parseJsonLines(bytes: AsyncIterable<Uint8Array>, given: Partial<LoadLimits> = DEFAULT_LOAD_LIMITS, signal?: AbortSignal): Promise<RecordTable> {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...given };
  const builder = new RecordTableBuilder();
  await jsonInto(builder, bytes, limits, signal);
  return builder.build();
}

async function jsonInto(builder: RecordTableBuilder, bytes: AsyncIterable<Uint8Array>, limits: LoadLimits, signal?: AbortSignal): Promise<void> {
  await readJsonValues(
    utf8Text(bytes),
    (value, line) => {
      let records: SourcedRecord[];
      try {
        records = recordsOfJson(value);
      } catch (e) {
        if (e instanceof FormatProblem) throw new ExportFileError(e.message, line);
        throw e;
      }
      for (const record of records) addRecord(builder, record, limits, line);
    },
    signal,
    limits.maxRowChars,
  );
}

/** Adds a record a reader built itself, within the limits on records and on the table's memory. */
function addRecord(builder: RecordTableBuilder, record: SourcedRecord, limits: Pick<LoadLimits, 'maxRecords' | 'maxTableBytes'>, line: number): void {
  if (builder.size >= limits.maxRecords) throw new ExportFileError(`the export holds more than ${limits.maxRecords} records, more than can be opened`, line);
  builder.addBuilt(record);
  if (builder.approximateBytes > limits.maxTableBytes) throw new ExportFileError(tooLarge(limits.maxTableBytes), line);
}

function mib(n: number): number {
  return Math.round(n / 1024 / 1024);
}

function tooLarge(maxBytes: number): string {
  return `the export is too large to open as a snapshot: its records would take more than about ${mib(maxBytes)} MiB of memory. Open a shorter export (a narrower time window)`;
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
