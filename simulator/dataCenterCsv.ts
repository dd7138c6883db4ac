// The CSV export as Confluence Data Center writes it (/rest/api/audit/export on a 7.5+ build, as published;
// see ../shared/notes/real-formats.md): `format` ignored, always CSV; 12 headings, but the values written in
// another order, so most sit under the wrong heading; the date as "yyyy-MM-dd HH:mm:ss" in the server's zone
// with the zone in the next column; changed values and associated objects as prose lines joined with CRLF;
// a cell quoted only when it holds a comma, a quote, CR or LF.
import type { AuditRecord, ChangedValue } from '../src/api/types';
import { csvLine } from './csv';

/** English labels for the i18n keys audit.logging.csv.header.* (the real labels are not known). */
export const DATA_CENTER_HEADINGS = [
  'Date', 'Time zone', 'Category', 'Address', 'Summary', 'Description', 'Author', 'Author name',
  'Changed object', 'Changed object type', 'Details', 'Associated items',
] as const;

export const DATA_CENTER_CSV_HEADER = csvLine(DATA_CENTER_HEADINGS);

/** The simulated server's zone. */
export const DATA_CENTER_ZONE = 'UTC';

function wallClock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function changedValueLine(v: ChangedValue): string {
  return `[${v.name}] was changed${v.oldValue === '' ? '' : ` from [${v.oldValue}]`}${v.newValue === '' ? '' : ` to [${v.newValue}]`}`;
}

/** One row in the writer's real order: date, zone, username, display name, category, IP, summary, … */
export function dataCenterCsvRow(r: AuditRecord): string {
  return csvLine([
    wallClock(r.creationDate),
    DATA_CENTER_ZONE,
    r.author.username ?? '',
    r.author.displayName,
    r.category,
    r.remoteAddress,
    r.summary,
    r.description,
    r.affectedObject.name,
    // The writer repeats the object's name where its type belongs.
    r.affectedObject.name,
    r.changedValues.map(changedValueLine).join('\r\n'),
    r.associatedObjects.map((o) => `[${o.name}] [${o.objectType}]`).join('\r\n'),
  ]);
}

/** The file name Data Center's Content-Disposition gives: "Auditing Export <ISO instant>.csv". */
export function dataCenterExportFileName(now: number): string {
  return `Auditing Export ${new Date(now).toISOString()}.csv`;
}
