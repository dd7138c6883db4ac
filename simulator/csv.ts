// The CSV export format (RFC 4180, CRLF line ends, UTF-8). One column per record field, so the
// offline review can rebuild every record exactly; see simulator/README.md for the column rules.
// This writer is deliberately the simulator's own, not src/exportFile/format (columns.ts, encodeRecord.ts):
// the round-trip tests read its files with the extension's decoder, and a mistake shared by one encoder and
// its decoder would pass them unnoticed. Keep the two independent; a column added to one goes into both.
import type { AuditRecord } from '../src/api/types';

export const EXPORT_COLUMNS = [
  'Date', 'Author', 'Author account id', 'Remote address', 'Event type', 'Change', 'Description',
  'Affected object', 'Affected object type', 'Associated objects', 'Changed values', 'Creation date',
  'System admin', 'Super admin', 'Author type', 'Author account type', 'Author public name',
  'Author username', 'Author user key', 'Author is guest', 'Author is external collaborator',
  'Author external collaborator', 'Author operations',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** Quotes a field only when it must: it holds a comma, a double quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export const CSV_HEADER = csvLine(EXPORT_COLUMNS);

/** Optional fields: absent is an empty cell; null is the literal `null`. */
function optional(value: string | boolean | null | undefined): string {
  if (value === undefined) {
    return '';
  }
  return value === null ? 'null' : String(value);
}

export function csvRow(record: AuditRecord): string {
  const a = record.author;
  const row: Record<ExportColumn, string> = {
    'Date': new Date(record.creationDate).toISOString(),
    'Author': a.displayName,
    'Author account id': optional(a.accountId),
    'Remote address': record.remoteAddress,
    'Event type': record.category,
    'Change': record.summary,
    'Description': record.description,
    'Affected object': record.affectedObject.name,
    'Affected object type': record.affectedObject.objectType,
    'Associated objects': JSON.stringify(record.associatedObjects),
    'Changed values': JSON.stringify(record.changedValues),
    'Creation date': String(record.creationDate),
    'System admin': String(record.sysAdmin),
    'Super admin': optional(record.superAdmin),
    'Author type': a.type,
    'Author account type': optional(a.accountType),
    'Author public name': optional(a.publicName),
    'Author username': optional(a.username),
    'Author user key': optional(a.userKey),
    'Author is guest': optional(a.isGuest),
    'Author is external collaborator': optional(a.isExternalCollaborator),
    'Author external collaborator': optional(a.externalCollaborator),
    'Author operations': a.operations === undefined ? '' : JSON.stringify(a.operations),
  };
  return csvLine(EXPORT_COLUMNS.map((c) => row[c]));
}
