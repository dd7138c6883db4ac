// CSV export of audit records (RFC 4180), safe to open in a spreadsheet: audit text is attacker-controlled
// (page titles, display names), and a cell that starts like a formula would run as one (OWASP "CSV injection").
import type { AuditRecord, AuditRecordAuthor } from '../../api/types';
import { formatIso, type ZoneSetting } from '../../model/timeZone';

/**
 * Cells a spreadsheet could read as a formula: starting with tab, CR or LF, or whose first visible character
 * is = + - @ (ASCII or full-width) after spaces or invisible characters. The test runs on the whole value,
 * not line by line, so '=1+1\nnote' is caught (papaparse's default escapeFormulae misses it).
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** The guard prefix (OWASP): a leading apostrophe makes spreadsheets show the cell as text. */
const GUARD = "'";

/**
 * Neutralises a formula by prefixing an apostrophe. Values that already start with an apostrophe get one too,
 * so the rule is reversible: csvUnsafeCell(csvSafeCell(x)) === x for every string.
 */
export function csvSafeCell(value: string): string {
  return FORMULA_START.test(value) || value.startsWith(GUARD) ? GUARD + value : value;
}

/** Undoes csvSafeCell, for reading our own exports back. */
export function csvUnsafeCell(cell: string): string {
  return cell.startsWith(GUARD) ? cell.slice(GUARD.length) : cell;
}

/**
 * Every cell is quoted: a spreadsheet in a locale that splits on ';' would otherwise split an unquoted
 * 'a;=cmd' into a second cell that starts with '='.
 */
function quote(cell: string): string {
  return `"${cell.replace(/"/g, '""')}"`;
}

export const CSV_NEWLINE = '\r\n';
/** Prepend to a file meant for Excel, which otherwise guesses a legacy encoding for UTF-8 text. */
export const CSV_BOM = '\uFEFF';

/** One CSV line with every cell neutralised and quoted, ending in CRLF. */
export function csvRow(cells: readonly string[]): string {
  return cells.map((c) => quote(csvSafeCell(c))).join(',') + CSV_NEWLINE;
}

export const CSV_COLUMNS = [
  'creationDate', 'creationDateMs', 'authorDisplayName', 'authorPublicName', 'authorAccountId', 'authorUsername',
  'authorType', 'remoteAddress', 'category', 'summary', 'description', 'affectedObjectName', 'affectedObjectType',
  'associatedObjects', 'changedValues', 'sysAdmin', 'superAdmin',
] as const;

export function csvHeader(): string {
  return csvRow(CSV_COLUMNS);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * One record as a CSV line (CRLF-terminated). creationDate is ISO 8601 in `zone` (UTC by default);
 * associated objects and changed values are JSON, hidden-value markers included.
 */
export function recordToCsvRow(r: AuditRecord, zone: ZoneSetting = 'utc'): string {
  const author: Partial<AuditRecordAuthor> = r.author ?? {};
  return csvRow([
    formatIso(r.creationDate, zone),
    text(r.creationDate),
    text(author.displayName),
    text(author.publicName),
    text(author.accountId),
    text(author.username),
    text(author.type),
    text(r.remoteAddress),
    text(r.category),
    text(r.summary),
    text(r.description),
    text(r.affectedObject?.name),
    text(r.affectedObject?.objectType),
    JSON.stringify(r.associatedObjects ?? []),
    JSON.stringify(r.changedValues ?? []),
    text(r.sysAdmin),
    text(r.superAdmin),
  ]);
}

/** Header plus one line per record, for small exports; stream csvHeader()/recordToCsvRow() for large ones. */
export function recordsToCsv(records: Iterable<AuditRecord>, zone: ZoneSetting = 'utc'): string {
  const parts = [csvHeader()];
  for (const r of records) parts.push(recordToCsvRow(r, zone));
  return parts.join('');
}
