// searchString semantics: a case-insensitive substring match over a record's string property values.
import type { AuditRecord } from '../src/api/types';

/** The string values searchString looks at, in a fixed order. */
export function searchableValues(record: AuditRecord): string[] {
  const values = [
    record.summary, record.description, record.category, record.remoteAddress,
    record.author.displayName, record.author.publicName ?? '',
    record.affectedObject.name, record.affectedObject.objectType,
  ];
  for (const o of record.associatedObjects) {
    values.push(o.name, o.objectType);
  }
  for (const v of record.changedValues) {
    values.push(v.name, v.oldValue, v.newValue);
  }
  return values;
}

/** `needle` must already be lower-cased; an empty needle matches everything. */
export function recordMatches(record: AuditRecord, needle: string): boolean {
  if (needle === '') {
    return true;
  }
  return searchableValues(record).some((value) => value.toLowerCase().includes(needle));
}
