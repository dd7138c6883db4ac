// Which filter kind each qualifier is: the kinds a source can run on its server, and whose matching rules
// (exact names, address ranges) the qualifier shares. `summary:` and free text have no filter kind.
import type { FilterKind } from '../filters';
import type { QueryField } from './queryAst';

export const FIELD_KINDS: Partial<Record<QueryField, FilterKind>> = {
  author: 'authors',
  category: 'categories',
  ip: 'remoteAddresses',
  object: 'affectedObjects',
};

/** The filter kinds a query can name, in qualifier order (whose seen values completions offer). */
export const FILTER_KINDS_OF_QUERY: readonly FilterKind[] = Object.values(FIELD_KINDS);
