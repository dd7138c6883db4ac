// Turns an AuditRecordCreate (from POST or insert()) into a stored AuditRecord, with the spec's
// defaults, or says why it is not acceptable.
import type { AffectedObject, AuditRecord, AuditRecordAuthor, AuditRecordCreate, ChangedValue, OperationCheckResult } from '../src/api/types';
import { OPERATION_NAMES } from '../src/api/types';

export class InvalidRecord extends Error {}

/** Validates an untrusted body; throws InvalidRecord naming the first problem. */
export function parseRecordCreate(body: unknown): AuditRecordCreate {
  const o = object(body, 'The request body');
  if (typeof o['remoteAddress'] !== 'string') {
    throw new InvalidRecord('remoteAddress is required and must be a string.');
  }
  const creationDate = o['creationDate'];
  if (creationDate !== undefined && (typeof creationDate !== 'number' || !Number.isSafeInteger(creationDate))) {
    throw new InvalidRecord('creationDate must be epoch milliseconds (a whole number).');
  }
  for (const name of ['summary', 'description', 'category'] as const) {
    optionalType(o[name], 'string', name);
  }
  optionalType(o['sysAdmin'], 'boolean', 'sysAdmin');
  if (o['author'] !== undefined) {
    author(o['author']);
  }
  if (o['affectedObject'] !== undefined) {
    affected(o['affectedObject'], 'affectedObject');
  }
  list(o['associatedObjects'], 'associatedObjects').forEach((v, i) => affected(v, `associatedObjects[${i}]`));
  list(o['changedValues'], 'changedValues').forEach((v, i) => changedValue(v, `changedValues[${i}]`));
  return o as unknown as AuditRecordCreate;
}

/** The record as stored and returned; `now` fills a missing creationDate. */
export function toAuditRecord(create: AuditRecordCreate, now: number): AuditRecord {
  const a = create.author;
  // Spec: without an author every author property is null/empty except type 'user'.
  const recordAuthor: AuditRecordAuthor = {
    type: 'user',
    displayName: a?.displayName ?? '',
    operations: a?.operations ? a.operations.map((op) => ({ operation: op.operation, targetType: op.targetType })) : null,
    username: a?.username ?? null,
    userKey: a?.userKey ?? null,
    accountId: null,
  };
  return {
    author: recordAuthor,
    remoteAddress: create.remoteAddress,
    creationDate: create.creationDate ?? now,
    summary: create.summary ?? '',
    description: create.description ?? '',
    category: create.category ?? '',
    sysAdmin: create.sysAdmin ?? false,
    affectedObject: create.affectedObject ? objectOf(create.affectedObject) : { name: '', objectType: '' },
    changedValues: (create.changedValues ?? []).map(changeOf),
    associatedObjects: (create.associatedObjects ?? []).map(objectOf),
  };
}

function objectOf(o: AffectedObject): AffectedObject {
  return { name: o.name, objectType: o.objectType };
}

function changeOf(v: ChangedValue): ChangedValue {
  const out: ChangedValue = { name: v.name, oldValue: v.oldValue, newValue: v.newValue };
  if (v.hiddenOldValue !== undefined) {
    out.hiddenOldValue = v.hiddenOldValue;
  }
  if (v.hiddenNewValue !== undefined) {
    out.hiddenNewValue = v.hiddenNewValue;
  }
  return out;
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRecord(`${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function optionalType(value: unknown, type: 'string' | 'boolean', name: string): void {
  if (value !== undefined && typeof value !== type) {
    throw new InvalidRecord(`${name} must be a ${type}.`);
  }
}

function nullableString(value: unknown, name: string): void {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw new InvalidRecord(`${name} must be a string or null.`);
  }
}

function list(value: unknown, name: string): unknown[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new InvalidRecord(`${name} must be an array.`);
  }
  return value;
}

function author(value: unknown): void {
  const o = object(value, 'author');
  if (o['type'] !== undefined && o['type'] !== 'user') {
    throw new InvalidRecord("author.type must be 'user'.");
  }
  optionalType(o['displayName'], 'string', 'author.displayName');
  nullableString(o['username'], 'author.username');
  nullableString(o['userKey'], 'author.userKey');
  if (o['operations'] !== undefined && o['operations'] !== null) {
    list(o['operations'], 'author.operations').forEach((op, i) => operation(op, `author.operations[${i}]`));
  }
}

function operation(value: unknown, name: string): OperationCheckResult {
  const o = object(value, name);
  if (!(OPERATION_NAMES as readonly unknown[]).includes(o['operation']) || typeof o['targetType'] !== 'string') {
    throw new InvalidRecord(`${name} must be {operation, targetType} with a known operation.`);
  }
  return o as unknown as OperationCheckResult;
}

function affected(value: unknown, name: string): AffectedObject {
  const o = object(value, name);
  if (typeof o['name'] !== 'string' || typeof o['objectType'] !== 'string') {
    throw new InvalidRecord(`${name} must have string name and objectType.`);
  }
  return o as unknown as AffectedObject;
}

function changedValue(value: unknown, name: string): ChangedValue {
  const o = object(value, name);
  for (const field of ['name', 'oldValue', 'newValue'] as const) {
    if (typeof o[field] !== 'string') {
      throw new InvalidRecord(`${name}.${field} must be a string.`);
    }
  }
  optionalType(o['hiddenOldValue'], 'string', `${name}.hiddenOldValue`);
  optionalType(o['hiddenNewValue'], 'string', `${name}.hiddenNewValue`);
  return o as unknown as ChangedValue;
}
