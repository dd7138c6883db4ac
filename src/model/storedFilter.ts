// The filters as kept in workspace state across window reloads: validated when read back, because state
// written by another version (or edited by hand) must not break the view or smuggle in odd values.
import { FILTER_KINDS, validateFilterValue, type FilterLabels, type RecordFilter } from './filters';
import { parseQuery, type Query } from './query';

const MAX_LABEL_LENGTH = 256;

export interface StoredFilter {
  filter: RecordFilter;
  labels: FilterLabels;
  /** The query bar's query, kept as its text; one that no longer parses is dropped. */
  query: Query;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** What can be restored of a stored value: invalid values and labels of absent values are dropped. */
export function parseStoredFilter(value: unknown): StoredFilter {
  const out: StoredFilter = { filter: {}, labels: {}, query: { terms: [] } };
  if (typeof value !== 'object' || value === null) return out;
  const stored = value as { filter?: unknown; labels?: unknown; query?: unknown };
  const query = typeof stored.query === 'string' ? parseQuery(stored.query) : undefined;
  if (query?.ok) out.query = query.query;
  const filter = typeof stored.filter === 'object' && stored.filter !== null ? (stored.filter as Record<string, unknown>) : {};
  const labels = typeof stored.labels === 'object' && stored.labels !== null ? (stored.labels as Record<string, unknown>) : {};
  for (const kind of FILTER_KINDS) {
    const values = stringList(filter[kind]).filter((v) => validateFilterValue(kind, v) === undefined);
    if (values.length === 0) continue;
    out.filter[kind] = values;
    const kindLabels = labels[kind];
    if (typeof kindLabels !== 'object' || kindLabels === null) continue;
    for (const v of values) {
      const label = (kindLabels as Record<string, unknown>)[v];
      // A label is only shown (as a single line of plain text), never matched: any bounded string will do.
      if (typeof label === 'string' && label.trim() !== '' && label.length <= MAX_LABEL_LENGTH) {
        (out.labels[kind] ??= {})[v] = label;
      }
    }
  }
  return out;
}
