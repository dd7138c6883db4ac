// A configured Data Center site as an audit source. On first use it detects what the site offers:
// advanced auditing (7.5+) is read through DcAuditingClient with the view's filters and search on the
// server, its coverage read and shown; a site with only the legacy /rest/api/audit (5.10–7.4) is read
// exactly as before, through the Cloud source's path. Advanced auditing has no export endpoint and no
// documented retention API, so a window's export is written by us from the events and retention is absent.
import { toAuditError } from '../../api';
import type { DcAuditingClient } from '../../api/dc';
import type { LogSink } from '../../api/log';
import type { FilterKind, RecordFilter } from '../../model/filters';
import { singleLine } from '../../model/safeText';
import { PRESETS, type WindowDefinition } from '../../model/timeWindow';
import { formatIso } from '../../model/timeZone';
import type { SiteConfig } from '../../sites/siteConfig';
import { describeSiteState, type SiteState } from '../../sites/siteState';
import { CloudSource } from '../cloud/cloudSource';
import { siteNotices } from '../cloud/notices';
import type { RecordClient, SiteAccess } from '../cloud/siteAccess';
import type { AuditSource, SourceAccess, SourceCapabilities, SourceOrigin, SourceRow, SourceWindow, WindowNote } from '../source';
import { coverageText, offAreas } from './coverage';
import { DcReader } from './dcReader';
import { DC_SERVER_FILTERS, serverQuery } from './serverFilter';
import type { DcSiteState } from './siteState';

/** A client of the site that also reaches advanced auditing (AuditClient is one). */
export interface DcRecordClient extends RecordClient {
  dataCenterAuditing(): DcAuditingClient;
}

export interface DcSiteAccess extends SiteAccess {
  client(site: SiteConfig): Promise<{ ok: true; client: DcRecordClient } | { ok: false; state: SiteState }>;
}

const ADVANCED: SourceCapabilities = { search: true, serverFilters: DC_SERVER_FILTERS };
/** The legacy API searches, as Cloud's does; the view's filters are not its parameters. */
const LEGACY: SourceCapabilities = { search: true, serverFilters: [] };

const PRESET_WINDOWS: readonly WindowDefinition[] = PRESETS.map((p) => ({ id: p.id, spec: { kind: 'preset', id: p.id } }));

const KIND_WORDS: Record<FilterKind, string> = { authors: 'author', categories: 'category', affectedObjects: 'object', remoteAddresses: 'address' };

export class DcSource implements AuditSource {
  readonly kind = 'dc';
  readonly lifetime = 'configured';
  readonly windows = PRESET_WINDOWS;
  readonly origin: SourceOrigin;

  constructor(
    private readonly site: SiteConfig,
    private readonly access: DcSiteAccess,
    private readonly state: DcSiteState,
    private readonly log: LogSink,
    /** Tells the list that what the site offers is known now (its row and capabilities changed). */
    private readonly learnt: (siteId: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.origin = { url: site.url, label: site.label, recordSite: site.label };
  }

  get id(): string {
    return this.site.id;
  }

  get label(): string {
    return this.site.label;
  }

  get capabilities(): SourceCapabilities {
    return this.state.api === 'advanced' ? ADVANCED : LEGACY;
  }

  /** Only the legacy API has the server's export; advanced auditing's windows are written by us. */
  get serverExport(): AuditSource['serverExport'] {
    return this.state.api === 'advanced' ? undefined : this.legacy().serverExport;
  }

  get eventExport(): AuditSource['eventExport'] {
    return this.state.api === 'advanced' ? { formats: ['csv', 'jsonl'] } : undefined;
  }

  get retention(): AuditSource['retention'] {
    return this.state.api === 'advanced' ? undefined : this.legacy().retention;
  }

  get retentionNote(): string | undefined {
    return this.state.api === 'advanced'
      ? `${singleLine(this.site.label)} keeps its audit log in advanced auditing, whose retention is set in Confluence administration (Audit log → Settings); it has no REST API this extension could read or change.`
      : undefined;
  }

  private legacy(): CloudSource {
    return new CloudSource(this.site, this.access, this.log);
  }

  private apiText(): string {
    switch (this.state.api) {
      case 'advanced':
        return 'advanced auditing (/rest/auditing/1.0)';
      case 'legacy':
        return 'legacy audit API (/rest/api/audit): no advanced auditing on this site';
      default:
        return 'audit API not detected yet';
    }
  }

  row(): SourceRow {
    const { site } = this;
    const state = this.access.state(site.id);
    const description = describeSiteState(state.kind) ?? (offAreas(this.state.coverage).length > 0 ? 'some areas not logged' : undefined);
    const coverage = coverageText(this.state.coverage);
    return {
      label: site.label,
      icon: 'server',
      description,
      tooltip: `${site.url}\nConfluence Data Center · ${this.apiText()}${coverage ? `\n${coverage}` : ''}`,
      contextValue: `site ${state.kind}`,
      accessibilityLabel: `Data Center site ${site.label}${description ? `, ${description}` : ''}`,
    };
  }

  windowNote(filter: RecordFilter): WindowNote | undefined {
    if (this.state.api !== 'advanced') return undefined;
    const lines: string[] = [];
    const query = serverQuery(filter, undefined, this.state.seen);
    const words = (kinds: FilterKind[]): string => kinds.map((k) => KIND_WORDS[k]).join(', ');
    if (query.onServer.length > 0) lines.push(`Filtered on the server by ${words(query.onServer)}.`);
    if (query.local.length > 0) lines.push(`Filtered in the view (loaded records only) by ${words(query.local)}.`);
    const coverage = coverageText(this.state.coverage);
    if (coverage) lines.push(coverage);
    if (lines.length === 0) return undefined;
    return { tooltip: lines.join('\n'), description: query.onServer.length > 0 ? 'server-filtered' : undefined };
  }

  facets(kind: FilterKind): Promise<string[]> {
    return Promise.resolve(this.state.seen.facet(kind));
  }

  async open(): Promise<SourceAccess> {
    const known = siteNotices(this.site, this.access.state(this.site.id));
    if (known) return { ok: false, notices: known };
    const client = await this.access.client(this.site);
    if (!client.ok) return { ok: false, notices: siteNotices(this.site, client.state) ?? [] };
    const dc = client.client.dataCenterAuditing();
    if (this.state.api === undefined) {
      try {
        this.state.api = await dc.detect();
      } catch (e) {
        const error = toAuditError(e);
        this.access.noteError(this.site.id, error);
        this.log('warn', `Could not tell which audit API ${this.site.label} offers: ${error.message}`);
        return {
          ok: false,
          notices: siteNotices(this.site, this.access.state(this.site.id)) ?? [
            { text: `Could not reach the audit log of ${this.site.label}.`, severity: 'error', detail: error.message, action: { command: 'confluenceAudit.testConnection', title: 'Test Connection', args: [this.site.id] } },
          ],
        };
      }
      this.log('info', `${this.site.label}: reading the audit log through ${this.apiText()}`);
      this.learnt(this.site.id);
    }
    if (this.state.api === 'legacy') return this.legacy().open();
    await this.readCoverage(dc);
    return { ok: true, reader: new DcReader(dc, this.state.seen, (o) => this.note(o), this.log) };
  }

  /** Coverage is advice: a site that will not tell (permission, older build) is read all the same. */
  private async readCoverage(dc: DcAuditingClient): Promise<void> {
    const now = this.now();
    if (!this.state.coverageIsStale(now)) return;
    this.state.coverageReadAt = now;
    const before = offAreas(this.state.coverage).join();
    try {
      this.state.coverage = await dc.coverage();
    } catch (e) {
      this.state.coverage = undefined;
      this.log('info', `${this.site.label}: advanced auditing coverage could not be read (${toAuditError(e).message}); windows are shown without it`);
    }
    const off = offAreas(this.state.coverage);
    if (off.length > 0) this.log('info', `${this.site.label}: advanced auditing coverage is Off for ${off.join(', ')}`);
    if (off.join() !== before) this.learnt(this.site.id);
  }

  private note(outcome: { error: unknown; window: SourceWindow } | undefined): void {
    if (!outcome) return this.access.noteSuccess(this.site.id);
    const error = toAuditError(outcome.error);
    const { startDate, endDate } = outcome.window;
    this.log('warn', `Loading ${formatIso(startDate, 'utc')} – ${formatIso(endDate, 'utc')} of ${this.site.label} failed: ${error.message}`);
    this.access.noteError(this.site.id, error);
  }
}
