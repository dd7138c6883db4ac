// Complete, duplicate-free paging of one pinned window of advanced auditing's /events.
//
// The server pages with a keyset cursor: `pageCursor` is "<timestamp>,<id>" of the last event sent,
// and the next page holds what lies strictly below it in (timestamp, id) order, newest first. So an
// event inserted above the cursor cannot shift what lies below it (it is simply not returned: with a
// pinned window it is either newer than the window or was passed already), one inserted below it is
// found later, once, and a purge at the old end only shortens the rest. Unlike the Cloud v1 API no
// re-read of the cursor millisecond is needed: ids make the order total.
//
// Bounds: whether the server treats `from`/`to` as inclusive is not documented, so the pager asks for
// one millisecond more on each side and keeps exactly [startDate, endDate] itself. A page whose
// events all fall outside is skipped, not mistaken for the end. A server that ignores the cursor and
// repeats a page is detected (the same cursor twice) and reported instead of looping forever.
import { AuditError } from '../errors';
import type { Logger } from '../log';
import type { DcAuditEvent, DcEventFilters, DcEventsPage } from './types';

export interface DcWindow {
  /** Inclusive, epoch ms. */
  startDate: number;
  endDate: number;
  filters?: DcEventFilters;
}

export interface DcPageRequest {
  from: string;
  to: string;
  limit: number;
  pageCursor?: string;
  filters?: DcEventFilters;
}

export type FetchDcPage = (request: DcPageRequest, signal?: AbortSignal) => Promise<DcEventsPage>;

export class DcEventPager {
  private cursor: string | undefined;
  private readonly seenCursors = new Set<string>();
  private finished = false;

  constructor(
    private readonly fetchPage: FetchDcPage,
    readonly window: DcWindow,
    private readonly pageSize: number,
    private readonly log: Logger,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  /** The next events of the window, newest first; [] once the window is exhausted. */
  async next(signal?: AbortSignal): Promise<DcAuditEvent[]> {
    const { startDate, endDate, filters } = this.window;
    while (!this.finished) {
      const page = await this.fetchPage({
        from: new Date(startDate - 1).toISOString(),
        to: new Date(endDate + 1).toISOString(),
        limit: this.pageSize,
        ...(this.cursor !== undefined ? { pageCursor: this.cursor } : {}),
        ...(filters !== undefined ? { filters } : {}),
      }, signal);
      const next = page.nextPageCursor;
      if (next === undefined || page.events.length === 0) {
        this.finished = true;
      } else if (this.seenCursors.has(next)) {
        this.finished = true;
        throw new AuditError('badResponse', `Confluence repeated the page before cursor ${next}: it seems to ignore pageCursor, so the events cannot be read completely.`, { retryable: false });
      } else {
        this.seenCursors.add(next);
        this.cursor = next;
      }
      const inWindow = page.events.filter((e) => e.time >= startDate && e.time <= endDate);
      if (inWindow.length > 0) return inWindow;
      if (!this.finished) this.log('debug', 'An advanced auditing page held only events at the window\'s edges; reading on');
    }
    return [];
  }
}
