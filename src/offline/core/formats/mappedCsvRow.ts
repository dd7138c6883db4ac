// The rows of a CSV whose columns were recognised by name (or chosen by the user) in an offline table: the
// time is read as each row is added; the other cells the record needs, and the columns it has no field for
// (its source fields, shown in the detail view), are kept as written, each new value checked once; a record
// is made from them when shown.
import type { AuditRecord, AuditRecordAuthor } from '../../../api/types';
import type { SourceField, SourcedRecord } from '../../../model/sourceFields';
import { FormatProblem, preview } from '../../../exportFile/format/formatProblem';
import type { RowCodec } from '../recordTable';
import { FIELD_ROLES, type ColumnMapping, type FieldRole } from './csvColumns';
import { changedValuesCell, objectsCell } from './proseCells';
import { instantOf } from './timeCell';

export interface MappedLayout {
  header: readonly string[];
  mapping: ColumnMapping;
  /** Undo the apostrophe our "Export Shown Records" CSV puts before formula-like cells. */
  unguard: boolean;
  /** Columns that repeat another (Data Center writes the object's name twice): not source fields. */
  ignored?: readonly number[];
}

/** The fields a record is made of (the time is kept apart; the author is always of type "user"). */
const RECORD_ROLES: readonly FieldRole[] = FIELD_ROLES.filter((r) => r !== 'time' && r !== 'timeMs' && r !== 'zone' && r !== 'authorType');

/** Fields whose text the audit API's searchString looks at. */
const SEARCHED_ROLES: ReadonlySet<FieldRole> = new Set(['summary', 'description', 'category', 'address', 'author', 'authorPublicName', 'objectName', 'objectType', 'associated', 'changed']);

function flag(raw: string, column: string): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '') return undefined;
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  throw new FormatProblem(`${column} must be true or false, not ${preview(raw)}`);
}

function unguarded(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

/** Per layout, once: where each field is, what to call it in messages, and the columns kept. */
interface Prepared {
  /** File column of each field (-1: none). */
  at: Readonly<Record<FieldRole, number>>;
  names: Readonly<Record<FieldRole, string>>;
  /** Kept cell of each field (-1: none). */
  kept: Readonly<Record<FieldRole, number>>;
  /** The file columns kept, in order. */
  positions: Int32Array;
  /** Per kept cell, the fields it holds. */
  roles: ReadonlyArray<readonly FieldRole[]>;
  /** Kept cells that are source fields, with their names. */
  extra: ReadonlyArray<{ cell: number; name: string }>;
}

function prepare(layout: MappedLayout): Prepared {
  const at = {} as Record<FieldRole, number>;
  const names = {} as Record<FieldRole, string>;
  for (const role of FIELD_ROLES) {
    const i = layout.mapping[role];
    at[role] = i === undefined ? -1 : i;
    names[role] = `"${i === undefined ? role : (layout.header[i] ?? role)}"`;
  }
  const used = new Set([...Object.values(layout.mapping), ...(layout.ignored ?? [])]);
  const extraColumns = layout.header.map((_, i) => i).filter((i) => !used.has(i));
  const columns = [...new Set([...RECORD_ROLES.map((r) => at[r]).filter((i) => i >= 0), ...extraColumns])].sort((a, b) => a - b);
  const kept = {} as Record<FieldRole, number>;
  for (const role of FIELD_ROLES) kept[role] = RECORD_ROLES.includes(role) ? columns.indexOf(at[role]) : -1;
  const roles = columns.map((column) => RECORD_ROLES.filter((r) => at[r] === column));
  const extra = extraColumns.map((i) => ({ cell: columns.indexOf(i), name: layout.header[i] ?? `Column ${i + 1}` }));
  return { at, names, kept, positions: Int32Array.from(columns), roles, extra };
}

/** "null" reads as null, as the offline table has always shown these fields (our own export writes null so). */
function nullable(value: string): string | null {
  return value === 'null' ? null : value;
}

function recordOf(p: Prepared, cells: readonly string[], unguard: boolean, creationDate: number): SourcedRecord {
  const cell = (role: FieldRole): string => {
    const k = p.kept[role];
    const value = k < 0 ? '' : (cells[k] ?? '');
    return unguard ? unguarded(value) : value;
  };
  const author: AuditRecordAuthor = { type: 'user', displayName: cell('author') };
  const username = cell('authorUsername');
  if (username !== '') author.username = nullable(username);
  const accountId = cell('authorAccountId');
  if (accountId !== '') author.accountId = nullable(accountId);
  const publicName = cell('authorPublicName');
  if (publicName !== '' && publicName !== 'null') author.publicName = publicName;
  const record: AuditRecord = {
    author,
    remoteAddress: cell('address'),
    creationDate,
    summary: cell('summary'),
    description: cell('description'),
    category: cell('category'),
    sysAdmin: flag(cell('sysAdmin'), p.names.sysAdmin) ?? false,
    affectedObject: { name: cell('objectName'), objectType: cell('objectType') },
    changedValues: changedValuesCell(cell('changed'), p.names.changed),
    associatedObjects: objectsCell(cell('associated'), p.names.associated),
  };
  const superAdmin = flag(cell('superAdmin'), p.names.superAdmin);
  if (superAdmin !== undefined) record.superAdmin = superAdmin;
  const sourceFields: SourceField[] = [];
  for (const { cell: k, name } of p.extra) {
    const value = unguard ? unguarded(cells[k] ?? '') : (cells[k] ?? '');
    if (value !== '') sourceFields.push({ name, value });
  }
  return sourceFields.length > 0 ? { ...record, sourceFields } : record;
}

/** A value of a field checked as the record will read it (FormatProblem when it cannot be read). */
function checkRole(p: Prepared, role: FieldRole, value: string): void {
  if (role === 'sysAdmin' || role === 'superAdmin') flag(value, p.names[role]);
  else if (role === 'changed') changedValuesCell(value, p.names.changed);
  else if (role === 'associated') objectsCell(value, p.names.associated);
}

function searchedStrings(p: Prepared, role: FieldRole, value: string): readonly string[] {
  if (role === 'changed') return changedValuesCell(value, p.names.changed).flatMap((v) => [v.name, v.oldValue, v.newValue]);
  if (role === 'associated') return objectsCell(value, p.names.associated).flatMap((o) => [o.name, o.objectType]);
  if (role === 'authorPublicName' && value === 'null') return [];
  return [value];
}

/** How rows of this layout are kept, where their kept cells are in the file, and how each row's time is read. */
export function mappedRows(layout: MappedLayout): { codec: RowCodec; positions: Int32Array; timeOf: (cells: readonly string[]) => number } {
  const p = prepare(layout);
  const { unguard } = layout;
  const read = (value: string): string => (unguard ? unguarded(value) : value);
  const codec: RowCodec = {
    width: p.positions.length,
    searchedColumns: p.roles.map((roles, k) => (roles.some((r) => SEARCHED_ROLES.has(r)) ? k : -1)).filter((k) => k >= 0),
    check: (k, value) => {
      for (const role of p.roles[k]) checkRole(p, role, read(value));
    },
    searched: (k, value) => p.roles[k].filter((r) => SEARCHED_ROLES.has(r)).flatMap((r) => searchedStrings(p, r, read(value))),
    record: (cells, creationDate) => recordOf(p, cells, unguard, creationDate),
  };
  // Read for every row: the columns are looked up once.
  const { timeMs: msAt, time: timeAt, zone: zoneAt } = p.at;
  const fileCell = (cells: readonly string[], at: number): string => (at < 0 ? '' : read(cells[at] ?? ''));
  const timeOf = (cells: readonly string[]): number => {
    if (msAt >= 0) {
      const ms = fileCell(cells, msAt);
      if (ms.trim() !== '') return instantOf(ms, undefined, p.names.timeMs);
    }
    return instantOf(fileCell(cells, timeAt), zoneAt < 0 ? undefined : fileCell(cells, zoneAt), p.names.time);
  };
  return { codec, positions: p.positions, timeOf };
}
