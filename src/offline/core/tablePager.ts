// Paging over an opened export with the live pager's contract: a pinned inclusive window, pages newest
// first, each record exactly once, `done` once nothing is left, calls serialised, an aborted call changes
// nothing. The window is found by binary search; a search string is tested row by row (cheaply: see
// TextColumn.rowTest), yielding to the event loop so that a long scan never freezes the extension host.
import { AuditError, pinWindow, type PinnedWindow, type RecordPager, type RecordQuery } from '../../api';
import { SerialCalls } from '../../api/serialCalls';
import type { AuditRecord } from '../../api/types';
import type { RecordTable } from './recordTable';

export const OFFLINE_DEFAULT_PAGE_SIZE = 100;
/** Rows tested between two yields to the event loop. */
const SCAN_SLICE = 20_000;

export class TablePager implements RecordPager {
  readonly window: PinnedWindow;
  private position: number;
  private readonly end: number;
  private finished = false;
  private readonly calls = new SerialCalls();
  private readonly test: ((position: number) => boolean) | undefined;

  constructor(
    private readonly table: RecordTable,
    query: RecordQuery,
    readonly pageSize: number,
    now: number = Date.now(),
  ) {
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
      throw new AuditError('badRequest', `The page size must be a whole number of 1 or more, not ${pageSize}.`, { retryable: false });
    }
    this.window = pinWindow(query, now);
    this.position = table.firstAtOrBefore(this.window.endDate);
    this.end = table.firstBefore(this.window.startDate);
    this.test = table.searchTest(this.window.searchString);
    this.finished = this.position >= this.end;
  }

  get done(): boolean {
    return this.finished;
  }

  next(signal?: AbortSignal): Promise<AuditRecord[]> {
    return this.calls.run(() => this.step(signal));
  }

  private async step(signal?: AbortSignal): Promise<AuditRecord[]> {
    if (signal?.aborted) throw cancelled();
    if (this.finished) return [];
    const positions: number[] = [];
    let at = this.position;
    // One match past the page tells whether anything is left, so `done` is exact after each page.
    while (at < this.end && positions.length <= this.pageSize) {
      const stop = Math.min(this.end, at + SCAN_SLICE);
      const test = this.test;
      for (; at < stop && positions.length <= this.pageSize; at++) if (!test || test(at)) positions.push(at);
      if (at < this.end && positions.length <= this.pageSize) await yieldToEventLoop();
      if (signal?.aborted) throw cancelled();
    }
    const page = positions.slice(0, this.pageSize);
    const lookahead = positions[this.pageSize];
    this.position = lookahead ?? at;
    this.finished = lookahead === undefined;
    return page.map((p) => this.table.record(p));
  }
}

function cancelled(): AuditError {
  return new AuditError('cancelled', 'The request was cancelled.', { retryable: false });
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
