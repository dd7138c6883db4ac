// Turns one row of a CSV whose columns were recognised by name (or chosen by the user) into an AuditRecord.
// Columns the record has no field for are kept as the record's source fields (shown in the detail view).
import type { AuditRecord, AuditRecordAuthor } from '../../../api/types';
import { FormatProblem, preview } from '../../../exportFile/format/formatProblem';
import { FIELD_ROLES, type ColumnMapping, type FieldRole } from './csvColumns';
import { changedValuesCell, objectsCell } from './proseCells';
import type { SourceField } from '../../../model/sourceFields';
import { instantOf } from './timeCell';

export interface MappedLayout {
  header: readonly string[];
  mapping: ColumnMapping;
  /** Undo the apostrophe our "Export Shown Records" CSV puts before formula-like cells. */
  unguard: boolean;
  /** Columns that repeat another (Data Center writes the object's name twice): not source fields. */
  ignored?: readonly number[];
}

export interface MappedRow {
  record: AuditRecord;
  sourceFields: SourceField[];
}

function flag(raw: string, column: string): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '') return undefined;
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  throw new FormatProblem(`${column} must be true or false, not ${preview(raw)}`);
}

/** Per layout, once: the column of each field, what to call it in messages, and the unused columns. */
interface PreparedLayout {
  at: Readonly<Record<FieldRole, number>>;
  names: Readonly<Record<FieldRole, string>>;
  extra: readonly number[];
}

const prepared = new WeakMap<MappedLayout, PreparedLayout>();

function prepare(layout: MappedLayout): PreparedLayout {
  const known = prepared.get(layout);
  if (known) return known;
  const at = {} as Record<FieldRole, number>;
  const names = {} as Record<FieldRole, string>;
  for (const role of FIELD_ROLES) {
    const i = layout.mapping[role];
    at[role] = i === undefined ? -1 : i;
    names[role] = `"${i === undefined ? role : (layout.header[i] ?? role)}"`;
  }
  const used = new Set([...Object.values(layout.mapping), ...(layout.ignored ?? [])]);
  const extra = layout.header.map((_, i) => i).filter((i) => !used.has(i));
  const ready = { at, names, extra };
  prepared.set(layout, ready);
  return ready;
}

export function mappedRow(rawCells: readonly string[], layout: MappedLayout): MappedRow {
  const cells = layout.unguard ? rawCells.map((c) => (c.startsWith("'") ? c.slice(1) : c)) : rawCells;
  const { at, names, extra } = prepare(layout);
  const cell = (role: FieldRole): string => (at[role] < 0 ? '' : (cells[at[role]] ?? ''));
  const timeMs = cell('timeMs');
  const creationDate =
    at.timeMs >= 0 && timeMs.trim() !== ''
      ? instantOf(timeMs, undefined, names.timeMs)
      : instantOf(cell('time'), at.zone < 0 ? undefined : cell('zone'), names.time);
  const author: AuditRecordAuthor = { type: 'user', displayName: cell('author') };
  const username = cell('authorUsername');
  if (username !== '') author.username = username;
  const accountId = cell('authorAccountId');
  if (accountId !== '') author.accountId = accountId;
  const publicName = cell('authorPublicName');
  if (publicName !== '') author.publicName = publicName;
  const record: AuditRecord = {
    author,
    remoteAddress: cell('address'),
    creationDate,
    summary: cell('summary'),
    description: cell('description'),
    category: cell('category'),
    sysAdmin: flag(cell('sysAdmin'), names.sysAdmin) ?? false,
    affectedObject: { name: cell('objectName'), objectType: cell('objectType') },
    changedValues: changedValuesCell(cell('changed'), names.changed),
    associatedObjects: objectsCell(cell('associated'), names.associated),
  };
  const superAdmin = flag(cell('superAdmin'), names.superAdmin);
  if (superAdmin !== undefined) record.superAdmin = superAdmin;
  const sourceFields: SourceField[] = [];
  for (const i of extra) {
    const value = cells[i] ?? '';
    if (value !== '') sourceFields.push({ name: layout.header[i] ?? `Column ${i + 1}`, value });
  }
  return { record, sourceFields };
}
