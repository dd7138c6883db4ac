// Audit records have no id: identity is a hash of the content. Identical records (same content,
// same millisecond) get the same key and are kept as a multiset by the pager and the tree.
import { createHash } from 'node:crypto';
import type { AuditRecord } from './types';

/** Quoted object keys: records repeat the same few dozen names. Bounded, since any value can be canonicalised. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 512;

function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_MAX) {
      quotedKeys.set(key, q);
    }
  }
  return q;
}

/** JSON with object keys sorted at every level, so key order on the wire does not change identity. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  // Plain loops and concatenation: this runs for every record the tree or a sweep keys, and
  // Object.entries/map/join cost several times the hashing.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  // Default sort order is UTF-16 code unit order, the same as comparing with `<`.
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = object[k];
    if (v !== undefined) {
      out += `${first ? '' : ','}${quoted(k)}:${canonicalJson(v)}`;
      first = false;
    }
  }
  return `${out}}`;
}

/** sha256 (hex) of the canonical JSON of a parsed record. */
export function recordKey(r: AuditRecord): string {
  return createHash('sha256').update(canonicalJson(r)).digest('hex');
}
