// The view-wide filters (category, author, remote address, object, action) and the query typed in the query
// bar: both applied to every loaded record, their positive parts also sent to sources that filter on their
// server. Shown in the view's description and clearable; kept in workspace state so a window reload keeps
// them, as it keeps searches and custom windows. No vscode import: the extension sets the menus' context key.
import type { AuditRecord } from '../api/types';
import { Emitter, type Disposable, type Event } from '../model/emitter';
import { combineForServer, compileFilter, describeFilter, FILTER_KINDS, isEmptyFilter, type FilterKind, type FilterLabels, type RecordFilter } from '../model/filters';
import { compileQuery, printQuery, splitQuery, type Query } from '../model/query';
import { parseStoredFilter } from '../model/storedFilter';
import type { KeyValueState } from './storage';

const STATE_KEY = 'confluenceAudit.filters';

export class FilterState implements Disposable {
  private current: RecordFilter = {};
  private currentQuery: Query = { terms: [] };
  private labels: FilterLabels = {};
  private predicate: (r: AuditRecord) => boolean = () => true;
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(private readonly state?: KeyValueState) {
    const stored = parseStoredFilter(state?.get(STATE_KEY));
    this.labels = stored.labels;
    this.apply(stored.filter, stored.query);
  }

  get filter(): RecordFilter {
    return this.current;
  }

  get query(): Query {
    return this.currentQuery;
  }

  /**
   * What a source that filters on its server may be sent: per kind, the filter's values, or else the query's
   * positive qualifiers. Both must hold for a record, so sending either one asks for more than is shown, never
   * less; the view applies everything to what arrives.
   */
  get serverFilter(): RecordFilter {
    return combineForServer(this.current, splitQuery(this.currentQuery, FILTER_KINDS).server);
  }

  get isEmpty(): boolean {
    return isEmptyFilter(this.current) && this.currentQuery.terms.length === 0;
  }

  matches(record: AuditRecord): boolean {
    return this.predicate(record);
  }

  describe(): string {
    const query = this.currentQuery.terms.length > 0 ? `query: ${printQuery(this.currentQuery)}` : '';
    return [isEmptyFilter(this.current) ? '' : describeFilter(this.current, this.labels), query].filter((part) => part !== '').join(' · ');
  }

  /** `label` names a value that is not readable itself (an author's account id). */
  add(kind: FilterKind, value: string, label?: string): void {
    const values = new Set(this.current[kind] ?? []);
    values.add(value);
    if (label !== undefined) this.labels = { ...this.labels, [kind]: { ...this.labels[kind], [value]: label } };
    this.set({ ...this.current, [kind]: [...values] });
  }

  set(filter: RecordFilter): void {
    if (isEmptyFilter(filter)) this.labels = {};
    this.update(filter, this.currentQuery);
  }

  /** Replaces the query (an empty one removes it); the filters stay. */
  setQuery(query: Query): void {
    this.update(this.current, query);
  }

  /** Removes the filters and the query. */
  clear(): void {
    this.labels = {};
    this.update({}, { terms: [] });
  }

  private update(filter: RecordFilter, query: Query): void {
    this.apply(filter, query);
    const stored = { filter: this.current, labels: this.labels, ...(query.terms.length > 0 ? { query: printQuery(query) } : {}) };
    void this.state?.update(STATE_KEY, this.isEmpty ? undefined : stored);
    this.changed.fire();
  }

  private apply(filter: RecordFilter, query: Query): void {
    this.current = filter;
    this.currentQuery = query;
    const byFilter = compileFilter(filter);
    const byQuery = compileQuery(query);
    this.predicate = query.terms.length === 0 ? byFilter : (r) => byFilter(r) && byQuery(r);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
