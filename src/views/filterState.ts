// The view-wide client-side filters (category, author, remote address): applied to loaded records only,
// shown in the view's description and clearable.
import * as vscode from 'vscode';
import type { AuditRecord } from '../api/types';
import { compileFilter, describeFilter, isEmptyFilter, type FilterKind, type RecordFilter } from '../model/filters';

export type { FilterKind };

export class FilterState implements vscode.Disposable {
  private current: RecordFilter = {};
  private predicate: (r: AuditRecord) => boolean = () => true;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

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
    return this.isEmpty ? '' : describeFilter(this.current);
  }

  add(kind: FilterKind, value: string): void {
    const values = new Set(this.current[kind] ?? []);
    values.add(value);
    this.set({ ...this.current, [kind]: [...values] });
  }

  set(filter: RecordFilter): void {
    this.current = filter;
    this.predicate = compileFilter(filter);
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.hasFilters', !this.isEmpty);
    this.changed.fire();
  }

  clear(): void {
    this.set({});
  }

  dispose(): void {
    this.changed.dispose();
  }
}
