// Turns one row of a CSV whose columns were recognised by name (or chosen by the user) into an AuditRecord.
// Columns the record has no field for are kept as the record's source fields (shown in the detail view).
import type { AuditRecord, AuditRecordAuthor } from '../../../api/types';
import { FormatProblem, preview } from '../exportFormat';
import type { ColumnMapping, FieldRole } from './csvColumns';
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
  throw new FormatProblem(`"${column}" must be true or false, not ${preview(raw)}`);
}

export function mappedRow(rawCells: readonly string[], layout: MappedLayout): MappedRow {
  const cells = layout.unguard ? rawCells.map((c) => (c.startsWith("'") ? c.slice(1) : c)) : rawCells;
  const { mapping, header } = layout;
  const cell = (role: FieldRole): string => {
    const i = mapping[role];
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const columnName = (role: FieldRole): string => header[mapping[role] ?? -1] ?? role;
  const creationDate =
    mapping.timeMs !== undefined && cell('timeMs').trim() !== ''
      ? instantOf(cell('timeMs'), undefined, `"${columnName('timeMs')}"`)
      : instantOf(cell('time'), mapping.zone === undefined ? undefined : cell('zone'), `"${columnName('time')}"`);
  const author: AuditRecordAuthor = { type: 'user', displayName: cell('author') };
  if (cell('authorUsername') !== '') author.username = cell('authorUsername');
  if (cell('authorAccountId') !== '') author.accountId = cell('authorAccountId');
  if (cell('authorPublicName') !== '') author.publicName = cell('authorPublicName');
  const record: AuditRecord = {
    author,
    remoteAddress: cell('address'),
    creationDate,
    summary: cell('summary'),
    description: cell('description'),
    category: cell('category'),
    sysAdmin: flag(cell('sysAdmin'), columnName('sysAdmin')) ?? false,
    affectedObject: { name: cell('objectName'), objectType: cell('objectType') },
    changedValues: changedValuesCell(cell('changed'), `"${columnName('changed')}"`),
    associatedObjects: objectsCell(cell('associated'), `"${columnName('associated')}"`),
  };
  const superAdmin = flag(cell('superAdmin'), columnName('superAdmin'));
  if (superAdmin !== undefined) record.superAdmin = superAdmin;
  const used = new Set([...Object.values(mapping), ...(layout.ignored ?? [])]);
  const sourceFields: SourceField[] = [];
  cells.forEach((value, i) => {
    if (!used.has(i) && value !== '') sourceFields.push({ name: header[i] ?? `Column ${i + 1}`, value });
  });
  return { record, sourceFields };
}
