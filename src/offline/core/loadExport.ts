// Loads an export file (the CSV, or the ZIP holding it) into a RecordTable, streaming: the CSV goes
// through papaparse row by row, the ZIP entry is inflated chunk by chunk, nothing is extracted to disk.
// Either the whole file loads or it is refused with the line of the first problem: never half a file.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { parseAuditRecord } from '../../api/parse';
import type { AuditRecord } from '../../api/types';
import { cellReader, cellsOfRecord, checkDateColumn, columnIndex, creationDateOf, FormatProblem, type ColumnIndex } from './exportFormat';
import { DEFAULT_ROW_LIMITS, ExportFileError, readCsvRows, utf8Text, type RowLimits } from './csvRows';
import { fileBytes, openRandomAccess } from './localFile';
import { RecordTableBuilder, storedPositions, type RecordTable, type StoredPositions } from './recordTable';
import { csvEntry, DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry, type ZipLimits } from './zipReader';

export type ExportFileFormat = 'csv' | 'zip' | 'jsonl';

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
    const hash = createHash('sha256');
    let bytes = 0;
    const { size: total } = await stat(path);
    const hashed = async function* (): AsyncIterable<Uint8Array> {
      for await (const chunk of fileBytes(path, options.signal)) {
        hash.update(chunk);
        bytes += chunk.length;
        options.onProgress?.(bytes, total);
        yield chunk;
      }
    };
    const table = format === 'csv' ? await parseCsv(hashed(), limits, options.signal) : await parseJsonLines(hashed(), limits, options.signal);
    return { table, format, bytes, sha256: hash.digest('hex') };
  }
  const { bytes, sha256 } = await hashFile(path, options.signal);
  const file = await openRandomAccess(path);
  try {
    const entry = csvEntry(await listZipEntries(file, limits));
    let inflated = 0;
    const progress = async function* (): AsyncIterable<Uint8Array> {
      for await (const chunk of readZipEntry(file, entry, limits, options.signal)) {
        inflated += chunk.length;
        options.onProgress?.(inflated, entry.size);
        yield chunk;
      }
    };
    const table = await parseCsv(progress(), limits, options.signal);
    return { table, format, entryName: entry.name, bytes, sha256 };
  } finally {
    await file.close();
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

/** Parses an export's CSV bytes into a table, or throws ExportFileError naming the line. */
export async function parseCsv(bytes: AsyncIterable<Uint8Array>, given: Partial<LoadLimits> = DEFAULT_LOAD_LIMITS, signal?: AbortSignal): Promise<RecordTable> {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...given };
  const builder = new RecordTableBuilder();
  let index: ColumnIndex | undefined;
  let positions: StoredPositions | undefined;
  let width = 0;
  const rows = await readCsvRows(
    utf8Text(bytes),
    (cells, line) => {
      try {
        if (!index) {
          index = columnIndex(cells);
          positions = storedPositions(index);
          width = cells.length;
          return;
        }
        if (cells.length !== width) throw new FormatProblem(cellCountProblem(cells, width));
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
  return builder.build();
}

/**
 * Parses JSON Lines (one record per line, as "Export Shown Records" writes them) into a table, with the
 * live client's parser deciding what a record is; or throws ExportFileError naming the line.
 */
export async function parseJsonLines(bytes: AsyncIterable<Uint8Array>, given: Partial<LoadLimits> = DEFAULT_LOAD_LIMITS, signal?: AbortSignal): Promise<RecordTable> {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...given };
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
    if (builder.approximateBytes > limits.maxTableBytes) throw new ExportFileError(tooLarge(limits.maxTableBytes), line);
  };
  for await (const chunk of utf8Text(bytes)) {
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
    pending += chunk;
    if (pending.length > limits.maxRowChars && !pending.includes('\n')) throw new ExportFileError(`a line is longer than ${mib(limits.maxRowChars)} MiB of text`, line + 1);
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
