// Audit records have no id: identity is a hash of the content. Identical records (same content,
// same millisecond) get the same key and are kept as a multiset by the pager and the tree.
import { createHash } from 'node:crypto';
import type { AuditRecord } from './types';

/** JSON with object keys sorted at every level, so key order on the wire does not change identity. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 (hex) of the canonical JSON of a parsed record. */
export function recordKey(r: AuditRecord): string {
  return createHash('sha256').update(canonicalJson(r)).digest('hex');
}
