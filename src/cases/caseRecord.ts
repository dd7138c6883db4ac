// An audit record as a case file holds it: exactly the shape our sources produce (the Cloud record plus the
// fields only its source has), checked field by field, since a case file may come from someone else.
// No vscode import.
import { OPERATION_NAMES, type AffectedObject, type AuditRecordAuthor, type ChangedValue, type OperationCheckResult, type OperationName } from '../api/types';
import type { SourceField, SourcedRecord } from '../model/sourceFields';
import { booleanAt, CaseProblem, has, integerAt, listAt, MAX_EPOCH_MS, nullableStringAt, objectAt, stringAt, type Raw } from './shape';

/** Limits of one record: far above what Confluence sends, far below what would hurt VS Code. */
export const RECORD_LIMITS = {
  /** One value (a page body in a changed value can be long). */
  textChars: 1_048_576,
  changedValues: 1_000,
  associatedObjects: 1_000,
  operations: 100,
  sourceFields: 500,
} as const;

const TEXT = { max: RECORD_LIMITS.textChars };
const OPERATIONS: ReadonlySet<string> = new Set(OPERATION_NAMES);

const RECORD_FIELDS = ['author', 'remoteAddress', 'creationDate', 'summary', 'description', 'category', 'sysAdmin', 'affectedObject', 'changedValues', 'associatedObjects'];
const AUTHOR_STRINGS = ['accountType', 'publicName'] as const;
const AUTHOR_IDS = ['username', 'userKey', 'accountId'] as const;
const AUTHOR_FLAGS = ['externalCollaborator', 'isExternalCollaborator', 'isGuest'] as const;

/** Checks `value` as a record at `path` and returns a fresh copy built from the checked fields only. */
export function caseRecordAt(value: unknown, path: string): SourcedRecord {
  const raw = objectAt(value, path, RECORD_FIELDS, ['superAdmin', 'sourceFields']);
  const record: SourcedRecord = {
    author: authorAt(raw.author, `${path}.author`),
    remoteAddress: stringAt(raw.remoteAddress, `${path}.remoteAddress`, TEXT),
    creationDate: integerAt(raw.creationDate, `${path}.creationDate`, 0, MAX_EPOCH_MS),
    summary: stringAt(raw.summary, `${path}.summary`, TEXT),
    description: stringAt(raw.description, `${path}.description`, TEXT),
    category: stringAt(raw.category, `${path}.category`, TEXT),
    sysAdmin: booleanAt(raw.sysAdmin, `${path}.sysAdmin`),
    affectedObject: objectOf(raw.affectedObject, `${path}.affectedObject`),
    changedValues: listAt(raw.changedValues, `${path}.changedValues`, RECORD_LIMITS.changedValues).map((v, i) => changedValueAt(v, `${path}.changedValues[${i}]`)),
    associatedObjects: listAt(raw.associatedObjects, `${path}.associatedObjects`, RECORD_LIMITS.associatedObjects).map((v, i) => objectOf(v, `${path}.associatedObjects[${i}]`)),
  };
  if (has(raw, 'superAdmin')) record.superAdmin = booleanAt(raw.superAdmin, `${path}.superAdmin`);
  if (has(raw, 'sourceFields')) record.sourceFields = listAt(raw.sourceFields, `${path}.sourceFields`, RECORD_LIMITS.sourceFields).map((v, i) => sourceFieldAt(v, `${path}.sourceFields[${i}]`));
  return record;
}

function authorAt(value: unknown, path: string): AuditRecordAuthor {
  const raw = objectAt(value, path, ['type', 'displayName'], ['operations', ...AUTHOR_STRINGS, ...AUTHOR_IDS, ...AUTHOR_FLAGS]);
  if (raw.type !== 'user') throw new CaseProblem(`${path}.type must be "user"`);
  const author: AuditRecordAuthor = { type: 'user', displayName: stringAt(raw.displayName, `${path}.displayName`, TEXT) };
  if (has(raw, 'operations')) author.operations = operationsAt(raw.operations, `${path}.operations`);
  for (const key of AUTHOR_IDS) if (has(raw, key)) author[key] = nullableStringAt(raw[key], `${path}.${key}`, TEXT);
  for (const key of AUTHOR_STRINGS) if (has(raw, key)) author[key] = stringAt(raw[key], `${path}.${key}`, TEXT);
  for (const key of AUTHOR_FLAGS) if (has(raw, key)) author[key] = booleanAt(raw[key], `${path}.${key}`);
  return author;
}

function operationsAt(value: unknown, path: string): OperationCheckResult[] | null {
  if (value === null) return null;
  return listAt(value, path, RECORD_LIMITS.operations).map((item, i) => {
    const raw = objectAt(item, `${path}[${i}]`, ['operation', 'targetType']);
    const operation = stringAt(raw.operation, `${path}[${i}].operation`, { max: 64 });
    if (!OPERATIONS.has(operation)) throw new CaseProblem(`${path}[${i}].operation is not an operation Confluence names`);
    return { operation: operation as OperationName, targetType: stringAt(raw.targetType, `${path}[${i}].targetType`, TEXT) };
  });
}

function objectOf(value: unknown, path: string): AffectedObject {
  const raw = objectAt(value, path, ['name', 'objectType']);
  return { name: stringAt(raw.name, `${path}.name`, TEXT), objectType: stringAt(raw.objectType, `${path}.objectType`, TEXT) };
}

function changedValueAt(value: unknown, path: string): ChangedValue {
  const raw: Raw = objectAt(value, path, ['name', 'oldValue', 'newValue'], ['hiddenOldValue', 'hiddenNewValue']);
  const out: ChangedValue = {
    name: stringAt(raw.name, `${path}.name`, TEXT),
    oldValue: stringAt(raw.oldValue, `${path}.oldValue`, TEXT),
    newValue: stringAt(raw.newValue, `${path}.newValue`, TEXT),
  };
  // A redaction marker keeps its presence: a hidden value must stay apart from an empty one.
  if (has(raw, 'hiddenOldValue')) out.hiddenOldValue = stringAt(raw.hiddenOldValue, `${path}.hiddenOldValue`, TEXT);
  if (has(raw, 'hiddenNewValue')) out.hiddenNewValue = stringAt(raw.hiddenNewValue, `${path}.hiddenNewValue`, TEXT);
  return out;
}

function sourceFieldAt(value: unknown, path: string): SourceField {
  const raw = objectAt(value, path, ['name', 'value']);
  return { name: stringAt(raw.name, `${path}.name`, TEXT), value: stringAt(raw.value, `${path}.value`, TEXT) };
}
