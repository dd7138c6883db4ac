// JSON Lines export: one record per line, exactly as the server sent it (unknown fields included).
import type { AuditRecord } from '../../api/types';

/**
 * The record as one line of JSON ending in '\n'. JSON.stringify already escapes CR and LF inside strings;
 * U+2028/U+2029 are escaped too because some line readers split on them.
 */
export function recordToJsonLine(r: AuditRecord): string {
  return `${JSON.stringify(r).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}\n`;
}
