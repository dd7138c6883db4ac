// Loads audit files into a RecordTable, streaming: a CSV goes through papaparse row by row, JSON value by
// value (JSON Lines, saved API answers, Data Center events and audit log files), a ZIP's entries are inflated
// chunk by chunk, nothing is extracted to disk. The format is recognised from the content, not the name.
// Several files (a node's rotated audit logs) load into one table, newest first. Either every file loads or
// the whole is refused with the file and line of the first problem: never part of it.
import { stat } from 'node:fs/promises';
import { hashFile } from '../../exportFile/digest/digest';
import { sniffFormat, type ExportFileFormat } from '../../exportFile/fileFormat';
import { DEFAULT_ROW_LIMITS, ExportFileError, utf8Text, type RowLimits } from '../../exportFile/read/csvRows';
import { openRandomAccess, ownedFileChunks } from '../../exportFile/read/localFile';
import { auditEntries, DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry, type ZipEntry, type ZipLimits } from '../../exportFile/read/zipReader';
import { sha256Digest } from './backgroundDigest';
import { csvInto } from './csvInto';
import type { ColumnMapping } from './formats/csvColumns';
import { UnknownHeaderError } from './formats/foreignCsv';
import { jsonInto } from './jsonInto';
import { RecordTableBuilder, type RecordTable } from './recordTable';

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
  const builder = new RecordTableBuilder(limits);
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
      const digest = sha256Digest(total);
      try {
        let bytes = 0;
        const hashed = async function* (): AsyncIterable<Uint8Array> {
          // A chunk goes to the digest once the next is asked for: the text decoder is done with it by then.
          let parsed: Uint8Array | undefined;
          for await (const chunk of ownedFileChunks(path, options.signal)) {
            if (parsed) await digest.update(parsed);
            bytes += chunk.length;
            options.onProgress?.(bytes, total);
            parsed = chunk;
            yield chunk;
          }
          if (parsed) await digest.update(parsed);
        };
        if (format === 'csv') await csvInto(builder, utf8Text(hashed()), limits, options.signal, chosen);
        else await jsonInto(builder, utf8Text(hashed()), limits.maxRowChars, options.signal);
        // A digest worker that failed (it should not) costs a second read of the file, not the opening.
        const sha256 = await digest.hex().catch(async () => (await hashFile(path, options.signal)).sha256);
        return { path, format, bytes, sha256 };
      } finally {
        digest.close();
      }
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
          if (isCsvEntry(entry)) await csvInto(builder, utf8Text(progress()), limits, options.signal, chosen);
          else await jsonInto(builder, utf8Text(progress()), limits.maxRowChars, options.signal);
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
 * Parses an export's CSV bytes into a table, or throws ExportFileError naming the line (UnknownHeaderError for a
 * header whose columns are not known and were not chosen: see csvInto).
 */
export async function parseCsv(bytes: AsyncIterable<Uint8Array>, given: Partial<LoadLimits> = DEFAULT_LOAD_LIMITS, signal?: AbortSignal, chosen?: ColumnMapping): Promise<RecordTable> {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...given };
  const builder = new RecordTableBuilder(limits);
  await csvInto(builder, utf8Text(bytes), limits, signal, chosen);
  return builder.build();
}

/**
 * Parses JSON into a table: JSON Lines (one record per line, as "Export Shown Records" writes them; Cloud
 * records; Data Center events and audit log lines) or JSON documents (saved pages, events answers); or throws
 * ExportFileError naming the line.
 */
export async function parseJsonLines(bytes: AsyncIterable<Uint8Array>, given: Partial<LoadLimits> = DEFAULT_LOAD_LIMITS, signal?: AbortSignal): Promise<RecordTable> {
  const limits: LoadLimits = { ...DEFAULT_LOAD_LIMITS, ...given };
  const builder = new RecordTableBuilder(limits);
  await jsonInto(builder, utf8Text(bytes), limits.maxRowChars, signal);
  return builder.build();
}
