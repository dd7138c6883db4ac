// A configured Atlassian organization read through the admin API, as an audit source: windows through
// the poll API (events-stream, newest first), searches through the query API (10 requests a minute,
// through the key's shared limiter). Every page tells the organization's session how the call went, so a
// refused key turns its row into "enter a new key"; a wait for the rate limit is announced on the page's
// signal, so the tree says until when it waits.
import { toAuditError } from '../../api';
import type { LogSink } from '../../api/log';
import type { OrgEventPager } from '../../api/org';
import { announceRetryWait, observeRetryWaits } from '../../api/retryWaits';
import type { SourcedRecord } from '../../model/sourceFields';
import { PRESETS, type WindowDefinition } from '../../model/timeWindow';
import { formatIso } from '../../model/timeZone';
import { keyExpiryNear, type OrgConfig } from '../../sites/orgConfig';
import type { AuditSource, SourceAccess, SourceCapabilities, SourceOrigin, SourceRow, SourceWindow, WindowPager, WindowReader } from '../source';
import { orgNotices } from './notices';
import type { OrgAccess, OrgEventClient } from './orgAccess';
import { orgEventRecord } from './orgRecord';

/** The query API searches (`q`); the view's filters are applied by the tree. */
const CAPABILITIES: SourceCapabilities = { search: true, serverFilters: [] };
const PRESET_WINDOWS: readonly WindowDefinition[] = PRESETS.map((p) => ({ id: p.id, spec: { kind: 'preset', id: p.id } }));

/** Display names of the actions, fetched once per client (a new key fetches them again). */
export type ActionNames = (client: OrgEventClient, orgId: string, signal?: AbortSignal) => Promise<ReadonlyMap<string, string>>;

/** Whose rate limit a wait of this source is for ("Waiting for the organization API's rate limit until …"). */
const ORG_SERVICE = 'the organization API';

const STATE_WORDS: Record<string, string | undefined> = { tokenRequired: 'API key required', tokenRejected: 'API key rejected', notAdmin: 'no audit log access' };

export class OrgSource implements AuditSource {
  readonly kind = 'org';
  readonly lifetime = 'configured';
  readonly capabilities = CAPABILITIES;
  readonly windows = PRESET_WINDOWS;
  readonly origin: SourceOrigin;

  constructor(
    private readonly org: OrgConfig,
    private readonly access: OrgAccess,
    private readonly actionNames: ActionNames,
    private readonly log: LogSink,
  ) {
    this.origin = { url: `${org.apiUrl.replace(/\/+$/, '')}/admin/v1/orgs/${encodeURIComponent(org.orgId)}`, label: org.label, recordSite: org.label };
  }

  get id(): string {
    return this.org.id;
  }

  get label(): string {
    return this.org.label;
  }

  row(): SourceRow {
    const { org } = this;
    const state = this.access.state(org.id);
    const expiry = keyExpiryNear(org, this.access.now());
    const words = STATE_WORDS[state.kind] ?? (expiry === undefined ? undefined : `API key expires by ${formatIso(expiry, 'utc').slice(0, 10)}`);
    return {
      label: org.label,
      icon: 'organization',
      description: words,
      tooltip: `Atlassian organization ${org.orgId}\n${this.origin.url}${expiry === undefined ? '' : `\nOrganization API keys expire within a year: this one by ${formatIso(expiry, 'utc').slice(0, 10)} at the latest. Create a new key in admin.atlassian.com and use "Enter Organization API Key…".`}`,
      contextValue: `org ${state.kind}`,
      accessibilityLabel: `Organization ${org.label}${words ? `, ${words}` : ''}`,
    };
  }

  async open(): Promise<SourceAccess> {
    const known = orgNotices(this.org, this.access.state(this.org.id));
    if (known) return { ok: false, notices: known };
    const client = await this.access.client(this.org);
    if (!client.ok) return { ok: false, notices: orgNotices(this.org, client.state) ?? [] };
    return { ok: true, reader: new OrgReader(this.org, client.client, this) };
  }

  /** How a page went: success, or an error that may say something about the key. */
  note(outcome: { error: unknown; window: SourceWindow } | undefined): void {
    if (!outcome) return this.access.noteSuccess(this.org.id);
    const error = toAuditError(outcome.error);
    const { startDate, endDate } = outcome.window;
    this.log('warn', `Loading organization events ${formatIso(startDate, 'utc')} – ${formatIso(endDate, 'utc')} failed: ${error.message}`);
    this.access.noteError(this.org.id, error);
  }

  names(client: OrgEventClient, signal?: AbortSignal): Promise<ReadonlyMap<string, string>> {
    return this.actionNames(client, this.org.orgId, signal);
  }
}

class OrgReader implements WindowReader {
  constructor(
    private readonly org: OrgConfig,
    private readonly client: OrgEventClient,
    private readonly source: OrgSource,
  ) {}

  pager(window: SourceWindow, options: { pageSize: number }): WindowPager {
    const { orgId } = this.org;
    const search = window.searchString?.trim();
    const inner: OrgEventPager = search
      ? this.client.searchPager(orgId, { q: search, from: window.startDate, to: window.endDate }, { pageSize: options.pageSize })
      : this.client.streamPager(orgId, { from: window.startDate, to: window.endDate, sortOrder: 'desc' }, { pageSize: options.pageSize });
    const { client, source } = this;
    return {
      get done() {
        return inner.done;
      },
      async next(signal?: AbortSignal): Promise<SourcedRecord[]> {
        // The limiter's own waits (not only a server's Retry-After) are shown on the node that waits, and
        // every rate-limit wait says whose limit it is.
        const waits = signal ? client.onRateLimitWait((w) => announceRetryWait(signal, { until: w.until, kind: 'rateLimited', service: ORG_SERVICE })) : undefined;
        const relabel = signal
          ? observeRetryWaits(signal, (w) => {
              if (w?.kind === 'rateLimited' && w.service === undefined) announceRetryWait(signal, { ...w, service: ORG_SERVICE });
            })
          : undefined;
        try {
          const names = await source.names(client, signal);
          const events = await inner.next(signal);
          source.note(undefined);
          return events.map((e) => orgEventRecord(e, names));
        } catch (error) {
          source.note({ error, window });
          throw error;
        } finally {
          waits?.dispose();
          relabel?.();
          if (signal) announceRetryWait(signal, undefined);
        }
      },
    };
  }
}
