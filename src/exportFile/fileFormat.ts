// The kinds of export file, told from the content, never from the name: the export commands check what a
// server really sent, and "Open Audit Export…" picks its reader.
import { openRandomAccess } from './read/localFile';

/** A CSV or ZIP export from the server, or the JSON Lines twin that "Export Shown Records…" writes. */
export type ExportFileFormat = 'csv' | 'zip' | 'jsonl';

/**
 * A ZIP starts with a local file header (or is an empty archive: end of central directory only); JSON (JSON
 * Lines, a saved answer, an audit log file) with "{" or "["; anything else is read as a CSV export.
 */
export async function sniffFormat(path: string): Promise<ExportFileFormat> {
  const file = await openRandomAccess(path);
  try {
    const head = await file.read(0, 64);
    if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
    const text = Buffer.from(head).toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart();
    return text.startsWith('{') || text.startsWith('[') ? 'jsonl' : 'csv';
  } finally {
    await file.close();
  }
}
