// Which part of a query a source runs on its server. Positive qualifiers of the kinds it filters by go to
// the server (OR-ed values, as there); negations, `summary:` and free text stay here, because no source's
// server can leave records out or match text the way we do. The tree applies the whole query to whatever
// arrives, so a part sent to the server only saves transfer: it can never lose or add a record.
import type { FilterKind, RecordFilter } from '../filters';
import { FIELD_KINDS } from './queryFields';
import type { Query, QueryTerm } from './queryAst';
import { printTerm } from './printQuery';

export interface QuerySplit {
  /** The qualifiers the source applies while paging, as its filter. */
  server: RecordFilter;
  onServer: QueryTerm[];
  here: QueryTerm[];
}

export function splitQuery(query: Query, serverFilters: readonly FilterKind[]): QuerySplit {
  const server: RecordFilter = {};
  const onServer: QueryTerm[] = [];
  const here: QueryTerm[] = [];
  for (const term of query.terms) {
    const kind = term.field && FIELD_KINDS[term.field];
    if (kind && !term.negated && serverFilters.includes(kind)) {
      server[kind] = [...(server[kind] ?? []), term.value];
      onServer.push(term);
    } else {
      here.push(term);
    }
  }
  return { server, onServer, here };
}

/** "on the server: author:alice · here: -summary:viewed" (plain text, for a tooltip or the view's description). */
export function describeSplit(split: QuerySplit): string {
  const parts: string[] = [];
  if (split.onServer.length > 0) parts.push(`on the server: ${split.onServer.map(printTerm).join(' ')}`);
  if (split.here.length > 0) parts.push(`here: ${split.here.map(printTerm).join(' ')}`);
  return parts.join(' · ');
}
