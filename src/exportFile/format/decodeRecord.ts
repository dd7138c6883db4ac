// Our own export format, read: one row's cells become an AuditRecord, strictly. Optional fields: an empty cell
// is "absent", the literal `null` is null. A cell that cannot be what its column says is a FormatProblem,
// never a guess.
import { OPERATION_NAMES, type AffectedObject, type AuditRecord, type AuditRecordAuthor, type ChangedValue, type OperationCheckResult, type OperationName } from '../../api/types';
import type { CellReader, ExportColumn } from './columns';
import { FormatProblem, preview } from './formatProblem';

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
