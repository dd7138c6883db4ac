// What a window shows and what its source may be sent, from the window's definition: the view's filters and
// query, and for a saved query's window its own query as well (its records match both). The one place that
// says so: rows, counts, exports, the timeline and paging all ask here, so they cannot disagree.
import type { AuditRecord } from '../api/types';
import { combineForServer, FILTER_KINDS, type FilterKind, type RecordFilter } from '../model/filters';
import { compileQuery, describeSplit, parseQuery, splitQuery, type Query } from '../model/query';
import type { WindowDefinition } from '../model/timeWindow';

/** Which loaded records a row shows. */
export interface RowFilter {
  readonly isEmpty: boolean;
  matches(record: AuditRecord): boolean;
}

/** The view's filters and query (FilterState): what every window shows, and their part a server may run. */
export interface ViewFilter extends RowFilter {
  readonly serverFilter: RecordFilter;
}

export interface WindowFilter {
  /** The records the window shows. */
  rows: RowFilter;
  /** What a source that filters on its server may be sent, every kind; paging sends the kinds it takes. */
  server: RecordFilter;
}

const NOTHING: RowFilter = { isEmpty: false, matches: () => false };

/** The window's filter: the view's alone, or with a saved query's own query AND-ed to it. */
export function windowFilter(view: ViewFilter, definition: Pick<WindowDefinition, 'query'> | undefined): WindowFilter {
  if (definition?.query === undefined) return { rows: view, server: view.serverFilter };
  const own = ownQuery(definition.query);
  // The store only lists queries that parse; were one not to, the window shows nothing rather than everything.
  if (!own) return { rows: NOTHING, server: view.serverFilter };
  const matches = compileQuery(own);
  return {
    rows: { isEmpty: false, matches: (record) => view.matches(record) && matches(record) },
    server: combineForServer(view.serverFilter, splitQuery(own, FILTER_KINDS).server),
  };
}

/**
 * The tooltip's line on a saved query: which of its terms the source's server runs (the kinds it filters by
 * that the view's filters do not already send) and which the view does.
 */
export function savedQueryNote(view: ViewFilter, definition: Pick<WindowDefinition, 'query'>, serverFilters: readonly FilterKind[]): string | undefined {
  const own = definition.query === undefined ? undefined : ownQuery(definition.query);
  if (!own) return undefined;
  const free = serverFilters.filter((kind) => !view.serverFilter[kind]?.length);
  return `Saved query ${describeSplit(splitQuery(own, free))}.`;
}

function ownQuery(text: string): Query | undefined {
  const parsed = parseQuery(text);
  return parsed.ok && parsed.query.terms.length > 0 ? parsed.query : undefined;
}
