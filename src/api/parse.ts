// Lenient, shape-checked parsing of server JSON into our types. Lenient where real servers vary
// (operations null/{}/array, creationDate as a numeric string, missing arrays or strings);
// strict where a value is present with the wrong type (that is garbage, not a dialect).
import { AuditError } from './errors';
import {
  OPERATION_NAMES, RETENTION_UNITS,
  type AffectedObject, type AuditRecord, type AuditRecordArray, type AuditRecordAuthor, type ChangedValue,
  type GenericLinks, type OperationCheckResult, type OperationName, type RetentionPeriod, type RetentionUnit,
} from './types';

function fail(what: string): never {
  throw new AuditError('badResponse', `Confluence sent an answer the extension cannot read: ${what}.`, { retryable: false });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optStr(o: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string') {
    fail(`${where}.${key} is ${typeof v}, not a string`);
  }
  return v;
}

/** A string field; absent or null reads as ''. */
function str(o: Record<string, unknown>, key: string, where: string): string {
  return optStr(o, key, where) ?? '';
}

function nullableStr(o: Record<string, unknown>, key: string, where: string): string | null | undefined {
  return o[key] === null ? null : optStr(o, key, where);
}

function optBool(o: Record<string, unknown>, key: string, where: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'boolean') {
    fail(`${where}.${key} is ${typeof v}, not a boolean`);
  }
  return v;
}

function list(o: Record<string, unknown>, key: string, where: string): unknown[] {
  const v = o[key];
  if (v === undefined || v === null) {
    return [];
  }
  if (!Array.isArray(v)) {
    fail(`${where}.${key} is not a list`);
  }
  return v;
}

/** Epoch milliseconds from a number or a numeric string. */
export function parseEpochMillis(v: unknown, where: string): number {
  const n = typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    fail(`${where} is not a timestamp`);
  }
  return Math.trunc(n);
}

function affectedObject(v: unknown, where: string): AffectedObject {
  if (v === undefined || v === null) {
    return { name: '', objectType: '' };
  }
  if (!isRecord(v)) {
    fail(`${where} is not an object`);
  }
  return { name: str(v, 'name', where), objectType: str(v, 'objectType', where) };
}

function changedValue(v: unknown, where: string): ChangedValue {
  if (!isRecord(v)) {
    fail(`${where} is not an object`);
  }
  const out: ChangedValue = { name: str(v, 'name', where), oldValue: str(v, 'oldValue', where), newValue: str(v, 'newValue', where) };
  const hiddenOld = optStr(v, 'hiddenOldValue', where);
  const hiddenNew = optStr(v, 'hiddenNewValue', where);
  if (hiddenOld !== undefined) {
    out.hiddenOldValue = hiddenOld;
  }
  if (hiddenNew !== undefined) {
    out.hiddenNewValue = hiddenNew;
  }
  return out;
}

const OPERATIONS: ReadonlySet<string> = new Set(OPERATION_NAMES);

/** null stays null, {} (seen on real servers) becomes [], unknown operation names are dropped. */
function operations(v: unknown, where: string): OperationCheckResult[] | null | undefined {
  if (v === undefined) {
    return undefined;
  }
  if (v === null) {
    return null;
  }
  if (isRecord(v)) {
    return [];
  }
  if (!Array.isArray(v)) {
    fail(`${where} is neither a list nor null`);
  }
  const out: OperationCheckResult[] = [];
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    if (!isRecord(item)) {
      fail(`${where}[${i}] is not an object`);
    }
    const operation = str(item, 'operation', `${where}[${i}]`);
    if (OPERATIONS.has(operation)) {
      out.push({ operation: operation as OperationName, targetType: str(item, 'targetType', `${where}[${i}]`) });
    }
  }
  return out;
}

const AUTHOR_IDS = ['username', 'userKey', 'accountId'] as const;
const AUTHOR_FLAGS = ['externalCollaborator', 'isExternalCollaborator', 'isGuest'] as const;

function author(v: unknown): AuditRecordAuthor {
  if (v === undefined || v === null) {
    return { type: 'user', displayName: '' };
  }
  if (!isRecord(v)) {
    fail('author is not an object');
  }
  const out: AuditRecordAuthor = { type: 'user', displayName: str(v, 'displayName', 'author') };
  const ops = operations(v.operations, 'author.operations');
  if (ops !== undefined) {
    out.operations = ops;
  }
  for (const key of AUTHOR_IDS) {
    const s = nullableStr(v, key, 'author');
    if (s !== undefined) {
      out[key] = s;
    }
  }
  const accountType = optStr(v, 'accountType', 'author');
  const publicName = optStr(v, 'publicName', 'author');
  if (accountType !== undefined) {
    out.accountType = accountType;
  }
  if (publicName !== undefined) {
    out.publicName = publicName;
  }
  for (const key of AUTHOR_FLAGS) {
    const b = optBool(v, key, 'author');
    if (b !== undefined) {
      out[key] = b;
    }
  }
  return out;
}

export function parseAuditRecord(raw: unknown): AuditRecord {
  if (!isRecord(raw)) {
    fail('a record is not an object');
  }
  const record: AuditRecord = {
    author: author(raw.author),
    remoteAddress: str(raw, 'remoteAddress', 'record'),
    creationDate: parseEpochMillis(raw.creationDate, 'creationDate'),
    summary: str(raw, 'summary', 'record'),
    description: str(raw, 'description', 'record'),
    category: str(raw, 'category', 'record'),
    sysAdmin: optBool(raw, 'sysAdmin', 'record') ?? false,
    affectedObject: affectedObject(raw.affectedObject, 'affectedObject'),
    changedValues: list(raw, 'changedValues', 'record').map((v, i) => changedValue(v, `changedValues[${i}]`)),
    associatedObjects: list(raw, 'associatedObjects', 'record').map((v, i) => affectedObject(v, `associatedObjects[${i}]`)),
  };
  const superAdmin = optBool(raw, 'superAdmin', 'record');
  if (superAdmin !== undefined) {
    record.superAdmin = superAdmin;
  }
  return record;
}

function int(o: Record<string, unknown>, key: string, fallback: number): number {
  const v = o[key];
  if (v === undefined || v === null) {
    return fallback;
  }
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    fail(`${key} is not a non-negative integer`);
  }
  return n;
}

function links(v: unknown): GenericLinks {
  if (!isRecord(v)) {
    return {};
  }
  const out: GenericLinks = {};
  for (const [k, value] of Object.entries(v)) {
    if (typeof value === 'string' || isRecord(value)) {
      out[k] = value;
    }
  }
  return out;
}

/** A page of records; start/limit missing fall back to what was asked, size to the result count. */
export function parseAuditRecordArray(raw: unknown, asked: { start?: number; limit?: number } = {}): AuditRecordArray {
  if (!isRecord(raw)) {
    fail('the answer is not an object');
  }
  if (!Array.isArray(raw.results)) {
    fail('the answer has no "results" list');
  }
  const results = raw.results.map(parseAuditRecord);
  return {
    results,
    start: int(raw, 'start', asked.start ?? 0),
    limit: int(raw, 'limit', asked.limit ?? results.length),
    size: int(raw, 'size', results.length),
    _links: links(raw._links),
  };
}

const RETENTION: ReadonlySet<string> = new Set(RETENTION_UNITS);

export function parseRetentionPeriod(raw: unknown): RetentionPeriod {
  if (!isRecord(raw)) {
    fail('the retention period is not an object');
  }
  const number = typeof raw.number === 'string' && /^\s*-?\d+\s*$/.test(raw.number) ? Number(raw.number) : raw.number;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    fail('the retention period has no whole "number"');
  }
  const units = typeof raw.units === 'string' ? raw.units.toUpperCase() : undefined;
  if (units === undefined || !RETENTION.has(units)) {
    fail(`the retention period has unknown units ${JSON.stringify(raw.units)}`);
  }
  return { number, units: units as RetentionUnit };
}
