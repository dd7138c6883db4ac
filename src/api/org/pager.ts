// Complete, duplicate-free paging of one window of organization events by cursor.
//
// Events have ids, so duplicates are settled by id: whatever a server's cursor does when events
// arrive meanwhile (re-sends a page, shifts an offset), an id is handed out once. Completeness rests
// on the cursor being a position in the server's order, not an offset: events present in the window
// for the whole run lie on one side of it or the other and are reached exactly once. With
// sortOrder 'asc' (the poll API's default, in processing order) events that arrive during the run
// land after the cursor and are found too; with 'desc' they land behind it and are left for the
// next poll. (So an ascending window must not end in the future: it would grow for as long as
// events arrive. streamPager pins `to` at now by default.) Events outside the pinned window (a server ignoring from/to) are dropped with a warning.
//
// The end: a page without a next cursor, or an empty page (a stream's cursor may always point on,
// so that a client can keep polling with it: `resumeCursor` keeps it).
import { AuditError } from '../errors';
import type { Logger } from '../log';
import { SerialCalls } from '../serialCalls';
import { orgMessages } from './messages';
import type { OrgEvent, OrgEventPage } from './types';

export interface EventWindow {
  from?: number;
  to?: number;
}

export type CursorFetcher = (cursor: string | undefined, signal?: AbortSignal) => Promise<OrgEventPage>;

/** Pages in a row that bring nothing new under an unchanged cursor before the server is called broken. */
const MAX_STALLS = 4;
/** Pages in a row that bring nothing new at all (a server cycling through cursors). */
const MAX_BARREN_PAGES = 50;

export class OrgEventPager {
  private cursor: string | undefined;
  private readonly seen = new Set<string>();
  private exhausted = false;
  private stalls = 0;
  private barren = 0;
  private readonly calls = new SerialCalls();

  constructor(
    private readonly fetchPage: CursorFetcher,
    readonly window: EventWindow,
    private readonly log: Logger,
    startCursor?: string,
  ) {
    this.cursor = startCursor;
  }

  get done(): boolean {
    return this.exhausted;
  }

  /** The cursor to continue from later (a poll for new events); undefined before the first page. */
  get resumeCursor(): string | undefined {
    return this.cursor;
  }

  /** Events handed out so far. */
  get count(): number {
    return this.seen.size;
  }

  /** The next events not handed out before, in server order; [] once done. Calls are serialised; a failed call changes nothing. */
  next(signal?: AbortSignal): Promise<OrgEvent[]> {
    return this.calls.run(() => this.step(signal));
  }

  private async step(signal?: AbortSignal): Promise<OrgEvent[]> {
    while (!this.exhausted) {
      const asked = this.cursor;
      const page = await this.fetchPage(asked, signal);
      const fresh = this.admit(page.events);
      if (page.next === undefined || page.events.length === 0) {
        this.exhausted = true;
      } else {
        this.cursor = page.next;
      }
      if (fresh.length > 0) {
        this.stalls = 0;
        this.barren = 0;
        return fresh;
      }
      const stalled = page.next === asked && ++this.stalls >= MAX_STALLS;
      if (!this.exhausted && (stalled || ++this.barren >= MAX_BARREN_PAGES)) {
        throw new AuditError('badResponse', orgMessages.badResponse('the server keeps sending the same page, so paging cannot advance'), { retryable: false });
      }
    }
    return [];
  }

  private admit(events: OrgEvent[]): OrgEvent[] {
    const { from, to } = this.window;
    const fresh: OrgEvent[] = [];
    let outside = 0;
    for (const e of events) {
      if ((from !== undefined && e.time < from) || (to !== undefined && e.time > to)) {
        outside++;
      } else if (!this.seen.has(e.id)) {
        this.seen.add(e.id);
        fresh.push(e);
      }
    }
    if (outside > 0) {
      this.log('warn', `Ignored ${outside} organization events outside the requested window (${from ?? '…'}..${to ?? '…'})`);
    }
    return fresh;
  }
}

/** Every event a pager gives, page after page (the pager keeps each page's cursor). */
export async function* eventsOf(pager: OrgEventPager, signal?: AbortSignal): AsyncIterable<OrgEvent> {
  for (;;) {
    const page = await pager.next(signal);
    if (page.length === 0) {
      return;
    }
    for (const event of page) {
      yield event;
    }
  }
}
