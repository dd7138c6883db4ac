// Complete, duplicate-free paging of one pinned time window.
//
// WHY KEYSET PAGING. The audit log is newest first and offset-paged. A plain `start += limit` loop
// breaks whenever the list shifts under it: new events above the page (with a pinned endDate these
// are excluded, but late-arriving events inside the window are not), and retention purges at the old
// end. Instead, each request asks for the window *below a cursor*: endDate = the creationDate `c` of
// the oldest record returned so far, start = 0. Anything inserted or deleted above `c` cannot move
// what lies at or below it, and anything inserted below `c` is simply found later (once).
//
// THE CURSOR MILLISECOND. endDate is inclusive, so each request re-reads the records at exactly `c`
// that were already returned. They have no id: the pager keeps the multiset of their content keys
// (recordKey) and subtracts it from the records at `c` in the answer. Multiset, not set: genuinely
// identical records (same content, same millisecond) are all returned. Because start = 0 re-reads the
// whole group, this subtraction is exact whatever order the server gives equal timestamps and
// whatever was inserted into that millisecond meanwhile. Cost: about one re-read record per page.
// Only records at `c` and at the new oldest millisecond are ever keyed; the others need no identity.
//
// MORE THAN A PAGE IN ONE MILLISECOND. When the records already returned at `c` fill a whole page,
// re-reading from 0 would never advance. Then the pager sweeps that millisecond alone
// (startDate = endDate = c) page by page to its end, takes the multiset difference with what it has
// returned, and moves the cursor to c - 1. Servers order equal timestamps by insertion, so a record
// inserted there meanwhile lands at the head (or the tail) of the millisecond; one at the head would
// shift the sweep, so after a sweep of several pages the head is read again, and the sweep repeated
// if it changed. Content-identical records are interchangeable in a multiset, so they need no
// special care. Only a server that inserts into the middle of such a millisecond, or reorders it,
// while it is being swept can make the pager return one record twice or miss one. A sweep may
// find more than a page of new records; they are handed out a page at a time.
//
// The end: an empty page or a page without `_links.next`; a short page is not the end (servers cap
// `limit`). The effective page size is what the server echoes, or fewer if it returns fewer while
// announcing a next page. A server without any `_links` ends when a page brings nothing new.
import { AuditError } from './errors';
import type { Logger } from './log';
import { recordKey } from './recordKey';
import { SerialCalls } from './serialCalls';
import type { AuditRecord, AuditRecordArray } from './types';

export interface PinnedWindow {
  startDate: number;
  endDate: number;
  searchString?: string;
}

export interface RecordPager {
  readonly window: PinnedWindow;
  readonly done: boolean;
  /** The server-echoed page size once known, before that the one asked for. */
  readonly pageSize: number;
  /** The next page's new records (de-duplicated), newest first; [] once done. */
  next(signal?: AbortSignal): Promise<AuditRecord[]>;
}

export interface PageRequest {
  startDate: number;
  endDate: number;
  searchString?: string;
  start: number;
  limit: number;
}

export type PageFetcher = (q: PageRequest, signal?: AbortSignal) => Promise<AuditRecordArray>;

/** Steps in a row that bring nothing new before the pager declares the server broken. */
const MAX_STALLS = 4;
/** Reads of a crowded millisecond before accepting one that kept changing. */
const MAX_SWEEPS = 3;

/**
 * A record with its content key computed on first use. Only records whose identity matters (those
 * at the cursor millisecond and at the new oldest millisecond) are ever asked for their key: keying
 * every record cost more than fetching and parsing it.
 */
class Keyed {
  private cached: string | undefined;

  constructor(readonly record: AuditRecord) {}

  get key(): string {
    this.cached ??= recordKey(this.record);
    return this.cached;
  }
}

function hasNextLink(page: AuditRecordArray): boolean | undefined {
  const links = page._links;
  if (Object.keys(links).length === 0) {
    return undefined; // no links at all: cannot tell
  }
  const next = links.next;
  return typeof next === 'string' ? next !== '' : next !== undefined;
}

function take(counts: Map<string, number>, key: string): boolean {
  const n = counts.get(key) ?? 0;
  if (n === 0) {
    return false;
  }
  counts.set(key, n - 1);
  return true;
}

export class KeysetPager implements RecordPager {
  /** endDate of the next request (inclusive). */
  private cursor: number;
  /** Multiset of the keys of the records at `cursor` returned so far, and its size. */
  private seenAtCursor = new Map<string, number>();
  private seenCount = 0;
  /** New records found but not handed out yet (a sweep can find more than a page). */
  private pending: AuditRecord[] = [];
  private effectiveLimit: number;
  /** The fewest records a page announcing a next page brought: a cap the server may not echo. */
  private observedCap = Number.POSITIVE_INFINITY;
  private exhausted = false;
  private stalls = 0;
  private readonly calls = new SerialCalls();

  constructor(
    private readonly fetchPage: PageFetcher,
    readonly window: PinnedWindow,
    private readonly requestedSize: number,
    private readonly log: Logger,
  ) {
    this.cursor = window.endDate;
    this.effectiveLimit = requestedSize;
  }

  get done(): boolean {
    return this.exhausted && this.pending.length === 0;
  }

  get pageSize(): number {
    return this.effectiveLimit;
  }

  /** Calls are serialised: a second next() waits for the first. A failed call changes nothing. */
  next(signal?: AbortSignal): Promise<AuditRecord[]> {
    return this.calls.run(() => this.step(signal));
  }

  private async step(signal?: AbortSignal): Promise<AuditRecord[]> {
    // Fill a whole page: each step re-reads the records at the cursor, so an answer brings one or more
    // records fewer than a page, and "Load more" would show 100, then 199, then 298 records.
    while (this.pending.length < Math.max(this.effectiveLimit, 1) && !this.exhausted) {
      const mark = `${this.cursor}/${this.seenCount}`;
      const crowded = this.seenCount > 0 && this.seenCount >= this.effectiveLimit;
      const fresh = crowded ? await this.sweepMillisecond(signal) : await this.stepBelowCursor(signal);
      this.pending.push(...fresh.map((f) => f.record));
      if (fresh.length > 0) {
        this.stalls = 0;
      } else if (!this.exhausted && `${this.cursor}/${this.seenCount}` === mark && ++this.stalls >= MAX_STALLS) {
        throw new AuditError('badResponse', 'Confluence keeps returning the same audit records; paging cannot advance. Try a smaller time window.', { retryable: false });
      }
    }
    return this.pending.splice(0, Math.max(this.effectiveLimit, 1));
  }

  private fetch(startDate: number, start: number, signal?: AbortSignal): Promise<AuditRecordArray> {
    return this.fetchPage({ startDate, endDate: this.cursor, searchString: this.window.searchString, start, limit: this.requestedSize }, signal);
  }

  /** Trusts the echoed limit, or the number of results when fewer came with a next link. Returns the next link's presence. */
  private noteLimit(page: AuditRecordArray): boolean | undefined {
    const next = hasNextLink(page);
    const echoed = page.limit > 0 ? page.limit : this.requestedSize;
    if (next === true && page.results.length > 0) {
      this.observedCap = Math.min(this.observedCap, page.results.length);
    }
    this.effectiveLimit = Math.min(echoed, this.observedCap);
    return next;
  }

  /** Records at the cursor and below it; anything else (a server ignoring the range) is dropped. */
  private split(page: AuditRecordArray, lowest: number): { group: Keyed[]; older: Keyed[] } {
    const group: Keyed[] = [];
    const older: Keyed[] = [];
    let outside = 0;
    for (const record of page.results) {
      const c = record.creationDate;
      if (c < lowest || c > this.cursor) {
        outside++;
      } else {
        (c === this.cursor ? group : older).push(new Keyed(record));
      }
    }
    if (outside > 0) {
      this.log('warn', `Ignored ${outside} records outside the requested time range (${lowest}..${this.cursor})`);
    }
    return { group, older };
  }

  /** The usual step: the window at and below the cursor, from its start. */
  private async stepBelowCursor(signal?: AbortSignal): Promise<Keyed[]> {
    const page = await this.fetch(this.window.startDate, 0, signal);
    const next = this.noteLimit(page);
    if (page.results.length === 0) {
      this.exhausted = true;
      return [];
    }
    const { group, older } = this.split(page, this.window.startDate);
    const freshGroup = this.subtractSeen(group);
    if (older.length > 0) {
      let oldest = older[0].record.creationDate;
      for (const o of older) {
        oldest = Math.min(oldest, o.record.creationDate);
      }
      this.cursor = oldest;
      this.resetSeen(older.filter((o) => o.record.creationDate === oldest));
    } else {
      // Everything at the cursor this answer reached, plus returned ones it no longer reached.
      this.addSeen(freshGroup);
    }
    // Without links, a page that brings nothing new means nothing is left below the cursor.
    if (next === false || (next === undefined && freshGroup.length === 0 && older.length === 0)) {
      this.exhausted = true;
    }
    return [...freshGroup, ...older];
  }

  /** The cursor millisecond holds more than a page: sweep it whole (see the header). */
  private async sweepMillisecond(signal?: AbortSignal): Promise<Keyed[]> {
    const c = this.cursor;
    let swept: Keyed[] = [];
    for (let attempt = 1; attempt <= MAX_SWEEPS; attempt++) {
      swept = [];
      let pages = 0;
      for (let start = 0; ; ) {
        const page = await this.fetch(c, start, signal);
        const next = this.noteLimit(page);
        pages++;
        swept.push(...this.split(page, c).group);
        start += page.results.length;
        if (next === false || page.results.length === 0 || (next === undefined && page.results.length < this.effectiveLimit)) {
          break;
        }
      }
      if (pages === 1) {
        break; // one answer held the whole millisecond: nothing could shift it
      }
      const head = this.split(await this.fetch(c, 0, signal), c).group;
      if (head.every((h, i) => swept[i]?.key === h.key)) {
        break;
      }
      this.log(attempt < MAX_SWEEPS ? 'debug' : 'warn', `Paging: millisecond ${c} changed while it was read (attempt ${attempt} of ${MAX_SWEEPS})`);
    }
    const fresh = this.subtractSeen(swept);
    this.cursor = c - 1;
    this.resetSeen([]);
    if (this.cursor < this.window.startDate) {
      this.exhausted = true;
    }
    return fresh;
  }

  /** Records at the cursor not yet returned: the answer minus the multiset already returned. */
  private subtractSeen(group: Keyed[]): Keyed[] {
    if (this.seenCount === 0) {
      return group;
    }
    const remaining = new Map(this.seenAtCursor);
    return group.filter((g) => !take(remaining, g.key));
  }

  private addSeen(records: Keyed[]): void {
    for (const g of records) {
      this.seenAtCursor.set(g.key, (this.seenAtCursor.get(g.key) ?? 0) + 1);
    }
    this.seenCount += records.length;
  }

  private resetSeen(records: Keyed[]): void {
    this.seenAtCursor = new Map();
    this.seenCount = 0;
    this.addSeen(records);
  }
}
