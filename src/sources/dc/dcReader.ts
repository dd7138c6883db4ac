// Cursors over windows of a Data Center site's advanced auditing: the view's server-side filters and
// search as query parameters, events mapped to records, the values they name remembered (facets and
// filter translation), and every page's outcome told to the site's session (a refused token shows).
import type { DcAuditingClient } from '../../api/dc';
import type { Logger } from '../../api/log';
import type { SourcedRecord } from '../../model/sourceFields';
import type { SourceWindow, WindowPager, WindowReader } from '../source';
import { dcEventRecord, SITE_EVENT } from './dcRecord';
import { serverQuery } from './serverFilter';
import type { SeenValues } from './seenValues';

export type PageOutcome = (outcome: { error: unknown; window: SourceWindow } | undefined) => void;

export class DcReader implements WindowReader {
  constructor(
    private readonly client: DcAuditingClient,
    private readonly seen: SeenValues,
    private readonly note: PageOutcome,
    private readonly log: Logger,
  ) {}

  pager(window: SourceWindow, options: { pageSize: number }): WindowPager {
    const query = serverQuery(window.filter, window.searchString, this.seen);
    if (query.onServer.length > 0) {
      this.log('debug', `Advanced auditing filters on the server by ${query.onServer.join(', ')}${query.local.length > 0 ? `; in the view by ${query.local.join(', ')}` : ''}`);
    }
    const inner = this.client.pager({ startDate: window.startDate, endDate: window.endDate, filters: query.filters }, { pageSize: options.pageSize });
    const { seen, note } = this;
    return {
      get done() {
        return inner.done;
      },
      async next(signal?: AbortSignal): Promise<SourcedRecord[]> {
        try {
          const events = await inner.next(signal);
          seen.note(events);
          note(undefined);
          return events.map((event) => dcEventRecord(event, SITE_EVENT));
        } catch (error) {
          note({ error, window });
          throw error;
        }
      },
    };
  }
}
