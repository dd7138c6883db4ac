// What a manifest records about an export file and what "Verify Export…" recomputes: size, SHA-256 and
// record count. Everything is streamed: the CSV through papaparse (quoted cells may span lines, so lines
// are not records), a ZIP's CSV entry inflated chunk by chunk, JSON Lines by counting lines. A download
// takes its digest on the way to disk instead (streamingDigest.ts); this papaparse count stays the
// independent check that "Verify Export…" runs.
import { createHash } from 'node:crypto';
import { readCsvRows, utf8Text } from '../read/csvRows';
import { fileBytes, openRandomAccess } from '../read/localFile';
import type { ExportFileFormat } from '../fileFormat';
import { csvEntry, DEFAULT_ZIP_LIMITS, listZipEntries, readZipEntry, type ZipLimits } from '../read/zipReader';

export interface ExportDigest {
  bytes: number;
  sha256: string;
  records: number;
  /** Cells a spreadsheet program would run as formulas (server exports, counted while downloading). */
  formulaCells?: number;
}

export interface DigestOptions {
  signal?: AbortSignal;
  limits?: ZipLimits;
  /** Sees every inflated byte of a ZIP's CSV entry as it is counted (the formula-cell count taps in here). */
  onBytes?: (chunk: Uint8Array) => void;
}

export async function digestExportFile(path: string, format: ExportFileFormat, options: DigestOptions = {}): Promise<ExportDigest> {
  switch (format) {
    case 'csv':
      return digestCsv(path, options.signal);
    case 'jsonl':
      return digestJsonLines(path, options.signal);
    case 'zip':
      return digestZip(path, options);
  }
}

/** Data rows of a CSV: every non-empty row after the header. */
export async function countCsvRecords(bytes: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<number> {
  const rows = await readCsvRows(utf8Text(bytes), () => undefined, signal);
  return Math.max(0, rows - 1);
}

async function digestCsv(path: string, signal?: AbortSignal): Promise<ExportDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  const hashed = async function* (): AsyncIterable<Uint8Array> {
    for await (const chunk of fileBytes(path, signal)) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  };
  const records = await countCsvRecords(hashed(), signal);
  return { bytes, sha256: hash.digest('hex'), records };
}

async function digestJsonLines(path: string, signal?: AbortSignal): Promise<ExportDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  let records = 0;
  let lineHasContent = false;
  for await (const chunk of fileBytes(path, signal)) {
    hash.update(chunk);
    bytes += chunk.length;
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (lineHasContent) records++;
        lineHasContent = false;
      } else if (byte !== 0x0d && byte !== 0x20 && byte !== 0x09) {
        lineHasContent = true;
      }
    }
  }
  if (lineHasContent) records++;
  return { bytes, sha256: hash.digest('hex'), records };
}

/** Size and SHA-256 of a file, streamed. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fileBytes(path, signal)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function digestZip(path: string, options: DigestOptions): Promise<ExportDigest> {
  const { bytes, sha256 } = await hashFile(path, options.signal);
  return { bytes, sha256, records: await countZipRecords(path, options) };
}

/** Records of the CSV inside a ZIP export (its entry inflated chunk by chunk). */
export async function countZipRecords(path: string, options: DigestOptions = {}): Promise<number> {
  const file = await openRandomAccess(path);
  try {
    const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
    const entry = csvEntry(await listZipEntries(file, limits));
    const entryBytes = readZipEntry(file, entry, limits, options.signal);
    const { onBytes } = options;
    const tapped = onBytes
      ? (async function* (): AsyncIterable<Uint8Array> {
          for await (const chunk of entryBytes) {
            onBytes(chunk);
            yield chunk;
          }
        })()
      : entryBytes;
    return await countCsvRecords(tapped, options.signal);
  } finally {
    await file.close();
  }
}
