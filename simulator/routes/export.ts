// GET /rest/api/audit/export: the selected records as CSV, or as a ZIP holding that CSV, generated
// row by row while the response streams (chunked), so 2,000,000 records need no more memory than 2,000.
// Data Center answers as the real one does: `format` ignored, always its own 12-column CSV.
import { EXPORT_FORMATS } from '../../src/api/types';
import { CSV_HEADER, csvRow } from '../csv';
import { DATA_CENTER_CSV_HEADER, dataCenterCsvRow, dataCenterExportFileName } from '../dataCenterCsv';
import { confluenceError, type JsonReply } from '../errors';
import type { StreamWriter } from '../reply';
import { zipEntryWriter } from '../zip';
import type { RouteContext, StreamReply } from './context';
import { epochMs } from './params';

export const EXPORT_FILENAME = 'confluence-audit-log';
/** Rows are gathered into chunks of about this many bytes before each write. */
const CHUNK_CHARS = 64 * 1024;

export function getExport(ctx: RouteContext): StreamReply | JsonReply {
  const format = ctx.query.get('format') || 'csv';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    return confluenceError(400, `format must be one of ${EXPORT_FORMATS.join(', ')}, got '${format}'.`);
  }
  const query = {
    startDate: epochMs(ctx.query, 'startDate') ?? -Infinity,
    endDate: epochMs(ctx.query, 'endDate') ?? Infinity,
    search: ctx.query.get('searchString') ?? '',
  };
  // Selected now, so records inserted or purged while streaming do not change this export.
  const selection = ctx.anonymous ? undefined : ctx.store.select(query);
  const dataCenter = ctx.route.flavour === 'datacenter';
  const writeCsv = async (out: StreamWriter): Promise<void> => {
    let buffer = dataCenter ? DATA_CENTER_CSV_HEADER : CSV_HEADER;
    for (const ref of selection?.iterate() ?? []) {
      const record = ctx.store.resolve(ref);
      buffer += dataCenter ? dataCenterCsvRow(record) : csvRow(record);
      ctx.onExportRow();
      if (buffer.length >= CHUNK_CHARS) {
        await out.write(Buffer.from(buffer, 'utf8'));
        buffer = '';
      }
    }
    if (buffer.length > 0) {
      await out.write(Buffer.from(buffer, 'utf8'));
    }
  };
  if (dataCenter) {
    return {
      status: 200,
      headers: { 'Content-Type': 'text/csv; charset=UTF-8', 'Content-Disposition': `attachment; filename="${dataCenterExportFileName(ctx.now)}"` },
      produce: writeCsv,
    };
  }
  if (format === 'zip') {
    return {
      status: 200,
      headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${EXPORT_FILENAME}.zip"` },
      produce: async (out) => {
        const zip = zipEntryWriter(out, `${EXPORT_FILENAME}.csv`);
        await writeCsv(zip.writer);
        await zip.finish();
      },
    };
  }
  return {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=UTF-8', 'Content-Disposition': `attachment; filename="${EXPORT_FILENAME}.csv"` },
    produce: writeCsv,
  };
}
