// The view-wide client-side filters (category, author, remote address): applied to loaded records only,
// shown in the view's description and clearable. Kept in workspace state so a window reload keeps them,
// as it keeps searches and custom windows. No vscode import: the extension sets the context key for menus.
import type { AuditRecord } from '../api/types';
import { Emitter, type Disposable, type Event } from '../model/emitter';
import { compileFilter, describeFilter, isEmptyFilter, type FilterKind, type FilterLabels, type RecordFilter } from '../model/filters';
import { parseStoredFilter } from '../model/storedFilter';
import type { KeyValueState } from './storage';

const STATE_KEY = 'confluenceAudit.filters';

export class FilterState implements Disposable {
  private current: RecordFilter = {};
  private labels: FilterLabels = {};
  private predicate: (r: AuditRecord) => boolean = () => true;
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(private readonly state?: KeyValueState) {
    const stored = parseStoredFilter(state?.get(STATE_KEY));
    this.labels = stored.labels;
    this.apply(stored.filter);
  }

  get filter(): RecordFilter {
    return this.current;
  }

  get isEmpty(): boolean {
    return isEmptyFilter(this.current);
  }

  matches(record: AuditRecord): boolean {
    return this.predicate(record);
  }

  describe(): string {
    return this.isEmpty ? '' : describeFilter(this.current, this.labels);
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
    this.apply(filter);
    void this.state?.update(STATE_KEY, this.isEmpty ? undefined : { filter: this.current, labels: this.labels });
    this.changed.fire();
  }

  clear(): void {
    this.set({});
  }

  private apply(filter: RecordFilter): void {
    this.current = filter;
    this.predicate = compileFilter(filter);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
