// The audit log's CSV export format (documented in simulator/README.md): one column per record field, so
// an export can be read back into the very records the API returned. Optional fields: an empty cell is
// "absent", the literal `null` is null. This module turns one row's cells into an AuditRecord, strictly:
// a cell that cannot be what its column says is a FormatProblem, never a guess.
import { OPERATION_NAMES, type AffectedObject, type AuditRecord, type AuditRecordAuthor, type ChangedValue, type OperationCheckResult, type OperationName } from '../../api/types';

export const EXPORT_COLUMNS = [
  'Date', 'Author', 'Author account id', 'Remote address', 'Event type', 'Change', 'Description',
  'Affected object', 'Affected object type', 'Associated objects', 'Changed values', 'Creation date',
  'System admin', 'Super admin', 'Author type', 'Author account type', 'Author public name',
  'Author username', 'Author user key', 'Author is guest', 'Author is external collaborator',
  'Author external collaborator', 'Author operations',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** A cell or row that does not fit the format; the caller adds the line number. */
export class FormatProblem extends Error {}

/** Where each column sits in this file's rows (files may order columns differently or add some). */
export type ColumnIndex = Readonly<Record<ExportColumn, number>>;

/** Maps the header row to column positions; throws when a column is missing or named twice. */
export function columnIndex(header: readonly string[]): ColumnIndex {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const clean = (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim();
    if (positions.has(clean) && (EXPORT_COLUMNS as readonly string[]).includes(clean)) {
      throw new FormatProblem(`the column "${clean}" appears twice in the header`);
    }
    positions.set(clean, i);
  });
  const missing = EXPORT_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length === EXPORT_COLUMNS.length) {
    throw new FormatProblem('the first line is not the header of a Confluence audit log export');
  }
  if (missing.length > 0) {
    throw new FormatProblem(`the header lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`);
  }
  const index = {} as Record<ExportColumn, number>;
  for (const c of EXPORT_COLUMNS) index[c] = positions.get(c) ?? -1;
  return index;
}

/** Reads one cell by column name from a row that has at least as many cells as the header. */
export type CellReader = (column: ExportColumn) => string;

export function cellReader(cells: readonly string[], index: ColumnIndex): CellReader {
  return (column) => cells[index[column]] ?? '';
}

const INTEGER = /^-?\d{1,16}$/;

/** The record's time from "Creation date" (epoch ms). */
export function creationDateOf(cell: CellReader): number {
  const raw = cell('Creation date');
  const value = INTEGER.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) throw new FormatProblem(`"Creation date" is not a time in epoch milliseconds: ${preview(raw)}`);
  return value;
}

/** "Date" must state the same instant as "Creation date": a mismatch means the file was edited. */
export function checkDateColumn(cell: CellReader, creationDate: number): void {
  const raw = cell('Date');
  if (raw === '') return;
  const parsed = Date.parse(raw);
  if (parsed !== creationDate) {
    throw new FormatProblem(`"Date" (${preview(raw)}) does not match "Creation date" (${creationDate})`);
  }
}

/** Builds the record as the live client's parser would have produced it from the API's JSON. */
export function recordFromCells(cell: CellReader, creationDate: number): AuditRecord {
  const record: AuditRecord = {
    author: authorFrom(cell),
    remoteAddress: cell('Remote address'),
    creationDate,
    summary: cell('Change'),
    description: cell('Description'),
    category: cell('Event type'),
    sysAdmin: requiredBoolean(cell, 'System admin'),
    affectedObject: { name: cell('Affected object'), objectType: cell('Affected object type') },
    changedValues: changedValuesFrom(cell('Changed values')),
    associatedObjects: affectedObjectsFrom(cell('Associated objects')),
  };
  const superAdmin = optionalBoolean(cell, 'Super admin');
  if (superAdmin !== undefined) record.superAdmin = superAdmin;
  return record;
}

function authorFrom(cell: CellReader): AuditRecordAuthor {
  const type = cell('Author type');
  if (type !== 'user' && type !== '') throw new FormatProblem(`"Author type" must be "user", not ${preview(type)}`);
  const author: AuditRecordAuthor = { type: 'user', displayName: cell('Author') };
  const operations = operationsFrom(cell('Author operations'));
  if (operations !== undefined) author.operations = operations;
  const username = nullableString(cell('Author username'));
  if (username !== undefined) author.username = username;
  const userKey = nullableString(cell('Author user key'));
  if (userKey !== undefined) author.userKey = userKey;
  const accountId = nullableString(cell('Author account id'));
  if (accountId !== undefined) author.accountId = accountId;
  // The live parser drops null for these two, so `null` reads as absent here too.
  const accountType = cell('Author account type');
  if (accountType !== '' && accountType !== 'null') author.accountType = accountType;
  const publicName = cell('Author public name');
  if (publicName !== '' && publicName !== 'null') author.publicName = publicName;
  const external = optionalBoolean(cell, 'Author external collaborator');
  if (external !== undefined) author.externalCollaborator = external;
  const isExternal = optionalBoolean(cell, 'Author is external collaborator');
  if (isExternal !== undefined) author.isExternalCollaborator = isExternal;
  const isGuest = optionalBoolean(cell, 'Author is guest');
  if (isGuest !== undefined) author.isGuest = isGuest;
  return author;
}

function nullableString(raw: string): string | null | undefined {
  if (raw === '') return undefined;
  return raw === 'null' ? null : raw;
}

function requiredBoolean(cell: CellReader, column: ExportColumn): boolean {
  const raw = cell(column);
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new FormatProblem(`"${column}" must be true or false, not ${preview(raw)}`);
}

function optionalBoolean(cell: CellReader, column: ExportColumn): boolean | undefined {
  const raw = cell(column);
  if (raw === '' || raw === 'null') return undefined;
  return requiredBoolean(cell, column);
}

function json(raw: string, column: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new FormatProblem(`"${column}" is not valid JSON: ${preview(raw)}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringField(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new FormatProblem(`${where}.${key} is not a string`);
  return v;
}

function jsonList(raw: string, column: string): unknown[] {
  if (raw === '') return [];
  const value = json(raw, column);
  if (!Array.isArray(value)) throw new FormatProblem(`"${column}" is not a JSON list`);
  return value;
}

function affectedObjectsFrom(raw: string): AffectedObject[] {
  return jsonList(raw, 'Associated objects').map((item, i) => {
    const where = `"Associated objects"[${i}]`;
    if (!isObject(item)) throw new FormatProblem(`${where} is not an object`);
    return { name: stringField(item, 'name', where), objectType: stringField(item, 'objectType', where) };
  });
}

function changedValuesFrom(raw: string): ChangedValue[] {
  return jsonList(raw, 'Changed values').map((item, i) => {
    const where = `"Changed values"[${i}]`;
    if (!isObject(item)) throw new FormatProblem(`${where} is not an object`);
    const value: ChangedValue = {
      name: stringField(item, 'name', where),
      oldValue: stringField(item, 'oldValue', where),
      newValue: stringField(item, 'newValue', where),
    };
    // Hidden markers keep their presence: a redacted value must stay distinguishable from an empty one.
    if (item.hiddenOldValue !== undefined && item.hiddenOldValue !== null) value.hiddenOldValue = stringField(item, 'hiddenOldValue', where);
    if (item.hiddenNewValue !== undefined && item.hiddenNewValue !== null) value.hiddenNewValue = stringField(item, 'hiddenNewValue', where);
    return value;
  });
}

const OPERATIONS: ReadonlySet<string> = new Set(OPERATION_NAMES);

/** Same leniency as the live parser: null stays null, {} becomes [], unknown operation names are dropped. */
function operationsFrom(raw: string): OperationCheckResult[] | null | undefined {
  if (raw === '') return undefined;
  const value = json(raw, 'Author operations');
  if (value === null) return null;
  if (isObject(value)) return [];
  if (!Array.isArray(value)) throw new FormatProblem('"Author operations" is neither a JSON list nor null');
  const out: OperationCheckResult[] = [];
  value.forEach((item, i) => {
    const where = `"Author operations"[${i}]`;
    if (!isObject(item)) throw new FormatProblem(`${where} is not an object`);
    const operation = stringField(item, 'operation', where);
    if (OPERATIONS.has(operation)) out.push({ operation: operation as OperationName, targetType: stringField(item, 'targetType', where) });
  });
  return out;
}

/** A short, single-line view of a cell for messages (cells are attacker-controlled and may be huge). */
export function preview(raw: string): string {
  const flat = raw.replace(/[\r\n\t]/g, ' ');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}

/**
 * Checks a cell of a column whose content has a shape (booleans, JSON, the author type), so that a file
 * is refused at load time rather than when a record is first shown. Text columns take any value.
 */
export function checkCell(column: ExportColumn, raw: string): void {
  const one = (): string => raw;
  switch (column) {
    case 'System admin':
      requiredBoolean(one, column);
      return;
    case 'Super admin':
    case 'Author is guest':
    case 'Author is external collaborator':
    case 'Author external collaborator':
      optionalBoolean(one, column);
      return;
    case 'Associated objects':
      affectedObjectsFrom(raw);
      return;
    case 'Changed values':
      changedValuesFrom(raw);
      return;
    case 'Author operations':
      operationsFrom(raw);
      return;
    case 'Author type':
      if (raw !== 'user' && raw !== '') throw new FormatProblem(`"Author type" must be "user", not ${preview(raw)}`);
      return;
    default:
      return;
  }
}

/** The strings the audit API's searchString looks at, per column (JSON columns hold several). */
export function searchableStrings(column: ExportColumn, raw: string): readonly string[] {
  switch (column) {
    case 'Change':
    case 'Description':
    case 'Event type':
    case 'Remote address':
    case 'Author':
    case 'Affected object':
    case 'Affected object type':
      return [raw];
    case 'Author public name':
      return raw === 'null' ? [] : [raw];
    case 'Associated objects':
      return affectedObjectsFrom(raw).flatMap((o) => [o.name, o.objectType]);
    case 'Changed values':
      return changedValuesFrom(raw).flatMap((v) => [v.name, v.oldValue, v.newValue]);
    default:
      return [];
  }
}

export const SEARCHED_COLUMNS: readonly ExportColumn[] = [
  'Change', 'Description', 'Event type', 'Remote address', 'Author', 'Author public name',
  'Affected object', 'Affected object type', 'Associated objects', 'Changed values',
];

/** Optional fields as the format writes them: absent is an empty cell, null is `null`. */
function optionalCell(value: string | boolean | null | undefined): string {
  if (value === undefined) return '';
  return value === null ? 'null' : String(value);
}

/**
 * The cells the export format has for a record (the inverse of recordFromCells, used for JSON Lines and the
 * other formats). Each cell is made when it is read: the table never reads "Date" or "Creation date".
 */
export function cellsOfRecord(r: AuditRecord): CellReader {
  const a = r.author;
  return (column) => {
    switch (column) {
      case 'Date': return new Date(r.creationDate).toISOString();
      case 'Author': return a.displayName;
      case 'Author account id': return optionalCell(a.accountId);
      case 'Remote address': return r.remoteAddress;
      case 'Event type': return r.category;
      case 'Change': return r.summary;
      case 'Description': return r.description;
      case 'Affected object': return r.affectedObject.name;
      case 'Affected object type': return r.affectedObject.objectType;
      case 'Associated objects': return JSON.stringify(r.associatedObjects);
      case 'Changed values': return JSON.stringify(r.changedValues);
      case 'Creation date': return String(r.creationDate);
      case 'System admin': return String(r.sysAdmin);
      case 'Super admin': return optionalCell(r.superAdmin);
      case 'Author type': return a.type;
      case 'Author account type': return optionalCell(a.accountType);
      case 'Author public name': return optionalCell(a.publicName);
      case 'Author username': return optionalCell(a.username);
      case 'Author user key': return optionalCell(a.userKey);
      case 'Author is guest': return optionalCell(a.isGuest);
      case 'Author is external collaborator': return optionalCell(a.isExternalCollaborator);
      case 'Author external collaborator': return optionalCell(a.externalCollaborator);
      case 'Author operations': return a.operations === undefined ? '' : JSON.stringify(a.operations);
    }
  };
}
