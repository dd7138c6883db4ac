// The audit log: seeded records (lazy, by index) plus records inserted later (POST, insert(),
// insert faults), merged newest first. Ties on creationDate: inserted records before seeded ones,
// later insertions first, seeded ones by index — a stable order, so paging is repeatable.
import type { AuditRecord } from '../src/api/types';
import type { SeededData } from './data/generate';
import { recordMatches } from './search';

interface InsertedRecord {
  readonly record: AuditRecord;
  readonly seq: number;
}

/** A seeded record's index, or an inserted record. */
export type RecordRef = number | InsertedRecord;

export interface RangeQuery {
  /** Inclusive, epoch ms; -Infinity for no bound. */
  startDate: number;
  /** Inclusive, epoch ms; Infinity for no bound. */
  endDate: number;
  /** Case-insensitive substring; '' or undefined for none. */
  search?: string;
}

/** The records a query selects, in API order. */
export interface Selection {
  readonly size: number;
  page(start: number, limit: number): RecordRef[];
  iterate(): Iterable<RecordRef>;
}

const SEARCH_CACHE_ENTRIES = 8;
const SEEDED_ID_BASE = 1_000_000_000;
const INSERTED_ID_BASE = 2_000_000_000;

export class AuditStore {
  private seededCount: number;
  private inserted: InsertedRecord[] = [];
  private seq = 0;
  private version = 0;
  private readonly searchCache = new Map<string, RecordRef[]>();

  constructor(private readonly seeded: SeededData, private readonly lenientShapes: boolean) {
    this.seededCount = seeded.count;
  }

  /**
   * A stable numeric id for a record, as Data Center's event ids (its pageCursor is "<time>,<id>").
   * Ids descend in the API's tie order: inserted before seeded, later insertions first, seeded by index.
   */
  idOf(ref: RecordRef): number {
    return typeof ref === 'number' ? SEEDED_ID_BASE - ref : INSERTED_ID_BASE + ref.seq;
  }

  resolve(ref: RecordRef): AuditRecord {
    return typeof ref === 'number' ? this.seeded.record(ref) : ref.record;
  }

  /** The record as it goes on the wire (lenient shapes only for seeded records, when enabled). */
  wire(ref: RecordRef): unknown {
    if (typeof ref === 'number' && this.lenientShapes) {
      return this.seeded.lenientRecord(ref);
    }
    return this.resolve(ref);
  }

  select(query: RangeQuery): Selection {
    const slice = this.slice(query.startDate, query.endDate);
    const needle = (query.search ?? '').toLowerCase();
    if (needle === '') {
      return slice;
    }
    return new FilteredSelection(slice, needle, this, this.searchCacheFor(query, slice, needle));
  }

  /** Same order as the API; records are copies the caller may keep. */
  records(query: RangeQuery): AuditRecord[] {
    // Seeded records are built fresh on each call; inserted ones are shared, so copy those.
    return [...this.select(query).iterate()].map((ref) => (typeof ref === 'number' ? this.resolve(ref) : structuredClone(ref.record)));
  }

  insert(records: AuditRecord[]): void {
    for (const record of records) {
      const entry = { record, seq: ++this.seq };
      // Newest first, and a new record goes before older insertions with the same date.
      const at = lowerBound(this.inserted.length, (i) => (this.inserted[i]?.record.creationDate ?? 0) <= record.creationDate);
      this.inserted.splice(at, 0, entry);
    }
    this.changed();
  }

  /** Deletes every record created before `cutoff`; returns how many went. */
  purgeOlderThan(cutoff: number): number {
    const before = this.seededCount + this.inserted.length;
    this.seededCount = this.firstSeededBelow(cutoff);
    this.inserted = this.inserted.filter((e) => e.record.creationDate >= cutoff);
    this.changed();
    return before - (this.seededCount + this.inserted.length);
  }

  get size(): number {
    return this.seededCount + this.inserted.length;
  }

  private changed(): void {
    this.version++;
    this.searchCache.clear();
  }

  private slice(startDate: number, endDate: number): MergedSlice {
    const lo = this.firstSeededAtOrBelow(endDate);
    const hi = Math.max(lo, this.firstSeededBelow(startDate));
    const first = lowerBound(this.inserted.length, (i) => (this.inserted[i]?.record.creationDate ?? 0) <= endDate);
    const end = lowerBound(this.inserted.length, (i) => (this.inserted[i]?.record.creationDate ?? 0) < startDate);
    const inserted = this.inserted.slice(first, Math.max(first, end));
    // Merged position of each inserted record: seeded records strictly newer come before it.
    const positions = inserted.map((e, i) => i + Math.min(hi, Math.max(lo, this.firstSeededAtOrBelow(e.record.creationDate))) - lo);
    return new MergedSlice(lo, hi, inserted, positions);
  }

  private searchCacheFor(query: RangeQuery, slice: MergedSlice, needle: string): () => RecordRef[] {
    const key = `${query.startDate}|${query.endDate}|${this.version}|${needle}`;
    return () => {
      let refs = this.searchCache.get(key);
      if (!refs) {
        refs = [];
        for (const ref of slice.iterate()) {
          if (recordMatches(this.resolve(ref), needle)) {
            refs.push(ref);
          }
        }
        if (this.searchCache.size >= SEARCH_CACHE_ENTRIES) {
          const oldest = this.searchCache.keys().next();
          if (!oldest.done) {
            this.searchCache.delete(oldest.value);
          }
        }
        this.searchCache.set(key, refs);
      }
      return refs;
    };
  }

  private firstSeededAtOrBelow(t: number): number {
    return lowerBound(this.seededCount, (k) => (this.seeded.times[k] ?? 0) <= t);
  }

  private firstSeededBelow(t: number): number {
    return lowerBound(this.seededCount, (k) => (this.seeded.times[k] ?? 0) < t);
  }
}

class MergedSlice implements Selection {
  constructor(
    private readonly lo: number,
    private readonly hi: number,
    private readonly inserted: InsertedRecord[],
    private readonly positions: number[],
  ) {}

  get size(): number {
    return this.inserted.length + this.hi - this.lo;
  }

  page(start: number, limit: number): RecordRef[] {
    const out: RecordRef[] = [];
    let i = lowerBound(this.positions.length, (j) => (this.positions[j] ?? 0) >= start);
    let seeded = this.lo + (start - i);
    const end = Math.min(this.size, start + limit);
    for (let pos = start; pos < end; pos++) {
      const entry = this.inserted[i];
      if (entry !== undefined && this.positions[i] === pos) {
        out.push(entry);
        i++;
      } else {
        out.push(seeded++);
      }
    }
    return out;
  }

  *iterate(): Iterable<RecordRef> {
    const batch = 1000;
    for (let start = 0; start < this.size; start += batch) {
      yield* this.page(start, batch);
    }
  }
}

class FilteredSelection implements Selection {
  constructor(
    private readonly slice: MergedSlice,
    private readonly needle: string,
    private readonly store: AuditStore,
    private readonly matches: () => RecordRef[],
  ) {}

  get size(): number {
    return this.matches().length;
  }

  page(start: number, limit: number): RecordRef[] {
    return this.matches().slice(start, start + limit);
  }

  /** Filters while iterating, so an export never holds the whole match list. */
  *iterate(): Iterable<RecordRef> {
    for (const ref of this.slice.iterate()) {
      if (recordMatches(this.store.resolve(ref), this.needle)) {
        yield ref;
      }
    }
  }
}

/** First index in [0, n) where the monotone predicate holds (n when it never does). */
function lowerBound(n: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (holds(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}
