// Values to suggest for a filter: those seen in loaded records, most frequent first, then those a source
// can list without loading records (its facets).
import type { AuditRecord } from '../api/types';
import type { FilterKind } from '../model/filters';
import type { AuditSource } from '../sources/source';

const MAX_SUGGESTIONS = 50;

export function suggestionOf(record: AuditRecord, kind: FilterKind): string | undefined {
  switch (kind) {
    case 'categories':
      return record.category;
    case 'authors':
      return record.author.displayName;
    case 'remoteAddresses':
      return record.remoteAddress;
    case 'affectedObjects':
      return record.affectedObject.name;
  }
}

/** Distinct values of `kind` in `records`, most frequent first. */
export function seenValues(records: Iterable<AuditRecord>, kind: FilterKind): string[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    const value = suggestionOf(r, kind);
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
}

/**
 * The values seen, then the sources' facets not seen yet, at most 50. A source whose facets fail only
 * loses its own suggestions: the user can still type a value.
 */
export async function suggestionsFor(seen: readonly string[], sources: readonly AuditSource[], kind: FilterKind, log: (message: string) => void): Promise<string[]> {
  const values = new Set(seen.slice(0, MAX_SUGGESTIONS));
  for (const source of sources) {
    if (!source.facets || values.size >= MAX_SUGGESTIONS) continue;
    try {
      for (const value of await source.facets(kind)) if (values.size < MAX_SUGGESTIONS) values.add(value);
    } catch (error) {
      log(`Filter suggestions from ${source.label} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return [...values];
}
