// The records loaded for one bucket (newest first, page after page) and their filtered view.
import type { AuditRecord } from '../api/types';
import { compileFilter, isEmptyFilter, type RecordFilter } from './filters';

interface FilterMemo {
  filter: RecordFilter;
  predicate: (r: AuditRecord) => boolean;
  /** How many loaded records the result has seen; later appends are filtered incrementally. */
  seen: number;
  result: AuditRecord[];
}

export class RecordList {
  private readonly items: AuditRecord[] = [];
  private memo: FilterMemo | undefined;
  /** Whether the server has more pages; set by whoever loads them. */
  hasMore = false;

  /** All loaded records, newest first (the array itself, not a copy: do not modify). */
  get all(): readonly AuditRecord[] {
    return this.items;
  }

  get count(): number {
    return this.items.length;
  }

  /** Adds a page of records (already newest first and de-duplicated by the pager). */
  append(records: readonly AuditRecord[]): void {
    for (const r of records) this.items.push(r);
  }

  /** Drops everything, e.g. on refresh. */
  clear(): void {
    this.items.length = 0;
    this.memo = undefined;
    this.hasMore = false;
  }

  /**
   * The records the filter keeps. Memoised by the filter object's identity: pass the same object until the
   * filter changes. After an append only the new records are tested.
   */
  filtered(filter: RecordFilter): readonly AuditRecord[] {
    if (isEmptyFilter(filter)) return this.items;
    if (this.memo?.filter !== filter) {
      this.memo = { filter, predicate: compileFilter(filter), seen: 0, result: [] };
    }
    const memo = this.memo;
    for (let i = memo.seen; i < this.items.length; i++) {
      if (memo.predicate(this.items[i])) memo.result.push(this.items[i]);
    }
    memo.seen = this.items.length;
    return memo.result;
  }

  filteredCount(filter: RecordFilter): number {
    return this.filtered(filter).length;
  }
}

export interface CategoryCount {
  category: string;
  count: number;
}

/** Records per category, most frequent first (ties by name); a missing category counts as ''. */
export function groupCountsByCategory(records: readonly AuditRecord[]): CategoryCount[] {
  const counts = new Map<string, number>();
  for (const r of records) {
    const category = typeof r.category === 'string' ? r.category : '';
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
