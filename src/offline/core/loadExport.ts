// Loads an export file (the CSV, or the ZIP holding it) into a RecordTable, streaming: the CSV goes
// through papaparse row by row, the ZIP entry is inflated chunk by chunk, nothing is extracted to disk.
// Either the whole file loads or it is refused with the line of the first problem: never half a file.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { parseAuditRecord } from '../../api/parse';
import type { AuditRecord } from '../../api/types';
import type { SourcedRecord } from '../../model/sourceFields';
import { cellReader, cellsOfRecord, checkDateColumn, columnIndex, creationDateOf, EXPORT_COLUMNS, FormatProblem, type ColumnIndex } from './exportFormat';
import type { ColumnMapping } from './formats/csvColumns';
import { ForeignCsvReader, UnknownHeaderError } from './formats/foreignCsv';
import { ExportFileError, readCsvRows, utf8Text } from './csvRows';
import { fileBytes, openRandomAccess } from './localFile';
import { RecordTableBuilder, storedPositions, type RecordTable, type StoredPositions } from './recordTable';
import { csvEntry, DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry, type ZipLimits } from './zipReader';

export type ExportFileFormat = 'csv' | 'zip' | 'jsonl';

export interface LoadLimits extends ZipLimits {
  /** Most records an opened export may hold (protects the extension host's memory). */
  maxRecords: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = { ...DEFAULT_ZIP_LIMITS, maxRecords: 5_000_000 };

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
  /** The CSV entry's name inside a ZIP. */
  entryName?: string;
  /** Size and SHA-256 of the file as read (to compare with its manifest). */
  bytes: number;
  sha256: string;
}

/**
 * A ZIP starts with a local file header (or is an empty archive: end of central directory only); JSON Lines
 * (our "Export Shown Records" twin) with "{"; anything else is read as the CSV export.
 */
export async function sniffFormat(path: string): Promise<ExportFileFormat> {
  const file = await openRandomAccess(path);
  try {
    const head = await file.read(0, 64);
    if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
    const text = Buffer.from(head).toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart();
    return text.startsWith('{') ? 'jsonl' : 'csv';
  } finally {
    await file.close();
  }
}

export async function loadExport(path: string, options: LoadOptions = {}): Promise<LoadedExport> {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...options.limits };
  const format = await sniffFormat(path);
  if (format === 'csv' || format === 'jsonl') {
    const { size: total } = await stat(path);
    const read = async (chosen?: ColumnMapping): Promise<LoadedExport> => {
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
      const table = format === 'csv' ? await parseCsv(hashed(), limits, options.signal, chosen) : await parseJsonLines(hashed(), limits, options.signal);
      return { table, format, bytes, sha256: hash.digest('hex') };
    };
    return withChosenColumns(read, options);
  }
  const { bytes, sha256 } = await hashFile(path, options.signal);
  const file = await openRandomAccess(path);
  try {
    const entry = csvEntry(await listZipEntries(file, limits));
    const read = async (chosen?: ColumnMapping): Promise<LoadedExport> => {
      let inflated = 0;
      const progress = async function* (): AsyncIterable<Uint8Array> {
        for await (const chunk of readZipEntry(file, entry, limits, options.signal)) {
          inflated += chunk.length;
          options.onProgress?.(inflated, entry.size);
          yield chunk;
        }
      };
      const table = await parseCsv(progress(), limits, options.signal, chosen);
      return { table, format, entryName: entry.name, bytes, sha256 };
    };
    return await withChosenColumns(read, options);
  } finally {
    await file.close();
  }
}

/** Reads; when the header is unknown, asks which columns hold what and reads again with that choice. */
async function withChosenColumns(read: (chosen?: ColumnMapping) => Promise<LoadedExport>, options: LoadOptions): Promise<LoadedExport> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof UnknownHeaderError) || !options.chooseColumns) throw e;
    const chosen = await options.chooseColumns(e.header);
    if (!chosen) throw e;
    return read(chosen);
  }
}

export async function hashFile(path: string, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fileBytes(path, signal)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Parses an export's CSV bytes into a table, or throws ExportFileError naming the line. Our own 23-column export
 * is read strictly; any other header goes to ForeignCsvReader (columns recognised by name, Data Center's layout,
 * or `chosen`: the columns a person picked for this header). An unknown header throws UnknownHeaderError.
 */
export async function parseCsv(bytes: AsyncIterable<Uint8Array>, limits: Pick<LoadLimits, 'maxRecords'> = DEFAULT_LOAD_LIMITS, signal?: AbortSignal, chosen?: ColumnMapping): Promise<RecordTable> {
  const builder = new RecordTableBuilder();
  let index: ColumnIndex | undefined;
  let positions: StoredPositions | undefined;
  let foreign: ForeignCsvReader | undefined;
  let width = 0;
  const addForeign = (record: SourcedRecord, line: number): void => {
    if (builder.size >= limits.maxRecords) throw new ExportFileError(`the export holds more than ${limits.maxRecords} records, more than can be opened`, line);
    builder.add(cellsOfRecord(record), record.creationDate, record.sourceFields);
  };
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
        if (cells.length !== width) throw new FormatProblem(`this row has ${cells.length} cells, the header has ${width}`);
        if (foreign) return foreign.row(cells, line);
        if (!index) return;
        if (builder.size >= limits.maxRecords) throw new FormatProblem(`the export holds more than ${limits.maxRecords} records, more than can be opened`);
        const cell = cellReader(cells, index);
        const creationDate = creationDateOf(cell);
        checkDateColumn(cell, creationDate);
        builder.addCells(cells, positions ?? storedPositions(index), creationDate);
      } catch (e) {
        if (e instanceof FormatProblem) throw new ExportFileError(e.message, line);
        throw e;
      }
    },
    signal,
  );
  if (rows === 0) throw new ExportFileError('the file is empty: an audit log export starts with a header line');
  foreign?.finish();
  return builder.build();
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
 * Parses JSON Lines (one record per line, as "Export Shown Records" writes them) into a table, with the
 * live client's parser deciding what a record is; or throws ExportFileError naming the line.
 */
export async function parseJsonLines(bytes: AsyncIterable<Uint8Array>, limits: Pick<LoadLimits, 'maxRecords'> = DEFAULT_LOAD_LIMITS, signal?: AbortSignal): Promise<RecordTable> {
  const builder = new RecordTableBuilder();
  let line = 0;
  let pending = '';
  const take = (text: string): void => {
    line++;
    if (text.trim() === '') return;
    if (builder.size >= limits.maxRecords) throw new ExportFileError(`the export holds more than ${limits.maxRecords} records, more than can be opened`, line);
    let record: AuditRecord;
    try {
      record = parseAuditRecord(JSON.parse(text) as unknown);
    } catch (e) {
      const detail = e instanceof SyntaxError ? 'not valid JSON' : (e instanceof Error ? e.message : String(e)).replace(/^.*cannot read: /, '').replace(/\.$/, '');
      throw new ExportFileError(`this line is not an audit record (${detail})`, line);
    }
    builder.add(cellsOfRecord(record), record.creationDate);
  };
  for await (const chunk of utf8Text(bytes)) {
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      take(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  if (pending !== '') take(pending);
  return builder.build();
}
