// Downloads a server export into a new temporary file and digests it for the manifest. Streamed end to
// end (memory stays flat whatever the size). Any failure (cancel, truncated body, timeout, server error,
// a body that is not what was asked for) removes the temporary file before the error is passed on.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { AuditError, type ExportQuery } from '../../api';
import { sniffFormat } from '../../offline/core/loadExport';
import { digestExportFile, type ExportDigest } from './digest';
import { removeQuietly } from './placeFiles';

/** The one client operation used here (AuditClient satisfies it). */
export interface ExportSource {
  exportTo(
    query: ExportQuery,
    sink: NodeJS.WritableStream,
    options: { signal?: AbortSignal; onProgress?: (bytes: number) => void },
  ): Promise<{ bytes: number; contentType: string }>;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
}

export async function downloadExport(source: ExportSource, query: ExportQuery, tempPath: string, options: DownloadOptions = {}): Promise<ExportDigest> {
  const sink = createWriteStream(tempPath, { flags: 'wx' });
  // Opened before the request is sent: a file that cannot be created costs no download. 'wx' refuses an
  // existing file, and only a file this call created is removed on failure.
  await once(sink, 'open');
  try {
    await source.exportTo(query, sink, { signal: options.signal, onProgress: options.onProgress });
    if (!sink.closed) await once(sink, 'close');
    const format = await sniffFormat(tempPath);
    if (format !== query.format) {
      throw new AuditError('badResponse', `Confluence sent ${format === 'zip' ? 'a ZIP file' : 'text'} when a ${query.format.toUpperCase()} export was asked for.`, { retryable: false });
    }
    return await digestExportFile(tempPath, query.format, { signal: options.signal });
  } catch (e) {
    sink.destroy();
    if (!sink.closed) await once(sink, 'close').catch(() => undefined);
    await removeQuietly(tempPath);
    throw e;
  }
}
