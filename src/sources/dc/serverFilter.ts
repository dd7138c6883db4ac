// The view's filter as advanced auditing's query parameters. Categories go as they are; authors as user
// ids (a name seen in loaded events becomes that user's ids; any other value is taken to be an id, as
// "filter by this author" stores); objects by "type,id", which only loaded events can tell, so an object
// name never seen stays a filter of the tree alone. The tree applies the whole filter to what arrives in
// any case, so a filter not sent only costs transfer, never correctness.
import type { DcEventFilters } from '../../api/dc';
import type { FilterKind, RecordFilter } from '../../model/filters';
import type { SeenValues } from './seenValues';

/** The kinds this source can send; remote addresses are not a parameter of /events. */
export const DC_SERVER_FILTERS: readonly FilterKind[] = ['authors', 'categories', 'affectedObjects'];

export interface ServerQuery {
  filters: DcEventFilters;
  /** Kinds of the filter sent to the server. */
  onServer: FilterKind[];
  /** Kinds present but applied by the tree only. */
  local: FilterKind[];
}

function present(filter: RecordFilter | undefined, kind: FilterKind): string[] {
  return (filter?.[kind] ?? []).map((v) => v.trim()).filter((v) => v !== '');
}

export function serverQuery(filter: RecordFilter | undefined, search: string | undefined, seen: SeenValues): ServerQuery {
  const filters: DcEventFilters = {};
  const onServer: FilterKind[] = [];
  const local: FilterKind[] = [];
  const categories = present(filter, 'categories');
  if (categories.length > 0) {
    filters.categories = categories;
    onServer.push('categories');
  }
  const authors = present(filter, 'authors');
  if (authors.length > 0) {
    filters.userIds = [...new Set(authors.flatMap((a) => seen.userIdsOf(a) ?? [a]))];
    onServer.push('authors');
  }
  const objects = present(filter, 'affectedObjects');
  if (objects.length > 0) {
    const refs = objects.map((name) => seen.objectsNamed(name));
    if (refs.every((r) => r.length > 0)) {
      filters.affectedObjects = refs.flat().map((r) => ({ type: r.type, id: r.id }));
      onServer.push('affectedObjects');
    } else {
      local.push('affectedObjects');
    }
  }
  if (present(filter, 'remoteAddresses').length > 0) local.push('remoteAddresses');
  if (search !== undefined && search.trim() !== '') filters.search = search;
  return { filters, onServer, local };
}
