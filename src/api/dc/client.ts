// Client of Data Center advanced auditing (`/rest/auditing/1.0`): events with server-side filters and
// cursor paging, coverage, and detection of what a site offers (advanced auditing on 7.5+, only the
// legacy /rest/api/audit on 5.10–7.4).
import { AuditError, isAuditError } from '../errors';
import { JsonGetter, type JsonGetterOptions } from '../jsonGetter';
import type { LogSink } from '../log';
import { normalizeSiteUrl, buildUrl, type QueryValue } from '../urls';
import { parseDcCoverage, parseDcEventsPage } from './parse';
import { DcEventPager, type DcPageRequest, type DcWindow } from './pager';
import type { DcAuditApi, DcAuditEvent, DcCoverage, DcEventFilters, DcEventsPage } from './types';

export interface DcAuditingClientOptions extends JsonGetterOptions {
  /** The Data Center base URL, e.g. https://confluence.example.com or …/confluence. */
  siteUrl: string;
  log?: LogSink;
}

export const DC_DEFAULT_PAGE_SIZE = 200;
/** The documented maximum of `limit`. */
export const DC_MAX_PAGE_SIZE = 100_000;
const RECORDS_PAGE_SIZE = 1000;

function filterQuery(f: DcEventFilters | undefined): Record<string, QueryValue> {
  if (!f) return {};
  const list = (v: string[] | undefined) => (v !== undefined && v.length > 0 ? v.join(',') : undefined);
  return {
    userIds: list(f.userIds),
    categories: list(f.categories),
    actions: list(f.actions),
    affectedObject: f.affectedObjects !== undefined && f.affectedObjects.length > 0
      ? f.affectedObjects.map((o) => `${o.type},${o.id}`).join(';')
      : undefined,
    search: f.search !== undefined && f.search !== '' ? f.search : undefined,
  };
}

export class DcAuditingClient {
  readonly siteUrl: string;
  private readonly getter: JsonGetter;

  constructor(options: DcAuditingClientOptions) {
    this.siteUrl = normalizeSiteUrl(options.siteUrl, 'datacenter');
    this.getter = new JsonGetter(options);
  }

  get apiBase(): string {
    return `${this.siteUrl}/rest/auditing/1.0`;
  }

  close(): Promise<void> {
    return this.getter.close();
  }

  /** One page of events. */
  async events(request: DcPageRequest, signal?: AbortSignal): Promise<DcEventsPage> {
    const limit = request.limit;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > DC_MAX_PAGE_SIZE) {
      throw new AuditError('badRequest', `The page size must be a whole number from 1 to ${DC_MAX_PAGE_SIZE}, not ${limit}.`, { retryable: false });
    }
    const url = buildUrl(this.apiBase, '/events', {
      from: request.from, to: request.to, limit, pageCursor: request.pageCursor, ...filterQuery(request.filters),
    });
    const { json } = await this.getter.get(url, '/rest/auditing/1.0/events', signal);
    return parseDcEventsPage(json);
  }

  /** A resumable pager over one window (for the tree's "Load more"). */
  pager(window: DcWindow, options: { pageSize?: number } = {}): DcEventPager {
    if (window.startDate > window.endDate) {
      throw new AuditError('badRequest', 'The time window ends before it starts.', { retryable: false });
    }
    return new DcEventPager((r, s) => this.events(r, s), window, options.pageSize ?? DC_DEFAULT_PAGE_SIZE, this.getter.log);
  }

  /** Every event of the window, newest first, each exactly once. */
  async *allEvents(window: DcWindow, options: { pageSize?: number; signal?: AbortSignal } = {}): AsyncIterable<DcAuditEvent> {
    const pager = this.pager(window, { pageSize: options.pageSize ?? RECORDS_PAGE_SIZE });
    for (;;) {
      const page = await pager.next(options.signal);
      if (page.length === 0) return;
      for (const event of page) yield event;
    }
  }

  async coverage(signal?: AbortSignal): Promise<DcCoverage> {
    const { json } = await this.getter.get(buildUrl(this.apiBase, '/configuration/coverage'), '/rest/auditing/1.0/configuration/coverage', signal);
    return parseDcCoverage(json);
  }

  /**
   * Which audit API the site offers: advanced auditing when /events answers (this also proves the
   * credentials and the permission), the legacy API when it is not there (404). Other errors (401,
   * 403, network) are thrown as they are.
   */
  async detect(signal?: AbortSignal): Promise<DcAuditApi> {
    try {
      await this.events({ from: new Date(0).toISOString(), to: new Date(this.getter.clock.now() + 60_000).toISOString(), limit: 1 }, signal);
      this.getter.log('info', 'Data Center site offers advanced auditing (/rest/auditing/1.0)');
      return 'advanced';
    } catch (e) {
      if (isAuditError(e) && e.kind === 'notFound') {
        this.getter.log('info', 'Data Center site has no advanced auditing: using the legacy /rest/api/audit');
        return 'legacy';
      }
      throw e;
    }
  }
}
