// Downloads a server export into a new temporary file and digests it for the manifest. Streamed end to
// end (memory stays flat whatever the size): the SHA-256, the size and a CSV's record count are taken
// while the bytes go to disk, so only a ZIP (or a CSV the streaming count declines) is read again, to
// count its records. Any failure (cancel, truncated body, timeout, server error, a body that is not what
// was asked for) removes the temporary file before the error is passed on.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { AuditError, type ExportQuery } from '../../api';
import { fileBytes } from '../../exportFile/read/localFile';
import { sniffFormat } from '../../exportFile/fileFormat';
import { countCsvRecords, countZipRecords, type ExportDigest } from '../../exportFile/digest/digest';
import { removeQuietly } from './placeFiles';
import { FormulaCellCounter } from '../../exportFile/digest/formulaCells';
import { DigestingStream } from '../../exportFile/digest/streamingDigest';

/** The one client operation used here (AuditClient satisfies it). */
export interface ExportSource {
  exportTo(
    query: ExportQuery,
    sink: NodeJS.WritableStream,
    options: { signal?: AbortSignal; onProgress?: (bytes: number) => void },
  ): Promise<{ bytes: number; contentType: string; fileName?: string }>;
}

/** The digest of a download, with what the server really sent. */
export interface DownloadDigest extends ExportDigest {
  /** The format of the file as received: Data Center answers a ZIP request with CSV. */
  format: ExportQuery['format'];
  /** The file name the server gave it (Content-Disposition), made safe. */
  serverFileName?: string;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
}

export async function downloadExport(source: ExportSource, query: ExportQuery, tempPath: string, options: DownloadOptions = {}): Promise<DownloadDigest> {
  const file = createWriteStream(tempPath, { flags: 'wx' });
  // Opened before the request is sent: a file that cannot be created costs no download. 'wx' refuses an
  // existing file, and only a file this call created is removed on failure.
  await once(file, 'open');
  // A ZIP request may be answered with CSV (Data Center), so a CSV count is always attempted while streaming
  // (and ignored when a ZIP did arrive).
  const digester = new DigestingStream(true);
  // A failure on either side destroys both streams, so the download stops when the disk fails and the
  // file is closed when the download fails.
  const written = pipeline(digester, file);
  written.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  try {
    const { fileName } = await source.exportTo(query, digester, { signal: options.signal, onProgress: options.onProgress });
    await written;
    if (!file.closed) await once(file, 'close');
    const sniffed = await sniffFormat(tempPath);
    // Data Center reads `format` and ignores it: a ZIP request gets its CSV. That file is the export, kept as
    // what it is. Anything else that is not what was asked for (a ZIP for a CSV request, JSON) is refused.
    const format = sniffed === 'csv' && query.format === 'zip' ? 'csv' : sniffed;
    if (format !== query.format && !(format === 'csv' && query.format === 'zip')) {
      throw new AuditError('badResponse', `Confluence sent ${format === 'zip' ? 'a ZIP file' : 'text'} when a ${query.format.toUpperCase()} export was asked for.`, { retryable: false });
    }
    const { bytes, sha256, records, incomplete, formulaCells } = digester.result();
    let digest: DownloadDigest;
    if (format === 'csv') {
      if (incomplete !== undefined) {
        // The transfer ended cleanly, but the file did not: the manifest must not vouch for it.
        throw new AuditError('badResponse', `The CSV export from Confluence is incomplete: ${incomplete}. The server ended its answer early; no file was saved. Try the export again.`, { retryable: true });
      }
      digest = { bytes, sha256, records: records ?? (await countRecords(tempPath, options.signal)), formulaCells: formulaCells ?? 0, format };
    } else {
      // A ZIP's CSV is read once more to count its records; its formula-like cells are counted on the way.
      const zipFormulas = new FormulaCellCounter();
      const zipRecords = await countZipRecords(tempPath, { signal: options.signal, onBytes: (chunk) => zipFormulas.update(chunk) });
      digest = { bytes, sha256, records: zipRecords, formulaCells: zipFormulas.formulaCells, format };
    }
    if (fileName !== undefined) digest.serverFileName = fileName;
    return digest;
  } catch (e) {
    digester.destroy();
    file.destroy();
    if (!file.closed) await once(file, 'close').catch(() => undefined);
    await removeQuietly(tempPath);
    throw e;
  }
}

/** The second pass, through papaparse, for a CSV the streaming count declined. */
function countRecords(path: string, signal?: AbortSignal): Promise<number> {
  return countCsvRecords(fileBytes(path, signal), signal);
}
