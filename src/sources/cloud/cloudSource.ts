// A configured site read through the Confluence audit REST API (v1: Confluence Cloud, and Data Center's
// /rest/api/audit), as an audit source. Every page it loads tells the site's session how the call went, so
// a refused token turns the site's row into "sign in again".
import { EXPORT_FORMATS, toAuditError } from '../../api';
import type { LogSink } from '../../api/log';
import type { SourcedRecord } from '../../model/sourceFields';
import { PRESETS, type WindowDefinition } from '../../model/timeWindow';
import { formatIso } from '../../model/timeZone';
import type { SiteConfig } from '../../sites/siteConfig';
import { describeSiteState } from '../../sites/siteState';
import type { AuditSource, SourceAccess, SourceCapabilities, SourceOrigin, SourceRow, SourceWindow, WindowPager, WindowReader } from '../source';
import { siteNotices } from './notices';
import type { RecordClient, SiteAccess } from './siteAccess';

/** The server searches; the view's filters are not API parameters. */
const CAPABILITIES: SourceCapabilities = { search: true, serverFilters: [] };

const PRESET_WINDOWS: readonly WindowDefinition[] = PRESETS.map((p) => ({ id: p.id, spec: { kind: 'preset', id: p.id } }));

export class CloudSource implements AuditSource {
  readonly kind = 'cloud';
  readonly lifetime = 'configured';
  readonly capabilities = CAPABILITIES;
  readonly windows = PRESET_WINDOWS;
  readonly serverExport = { formats: EXPORT_FORMATS };
  readonly retention = { editable: true };
  readonly origin: SourceOrigin;

  constructor(
    private readonly site: SiteConfig,
    private readonly access: SiteAccess,
    private readonly log: LogSink,
  ) {
    this.origin = { url: site.url, label: site.label, recordSite: site.label };
  }

  get id(): string {
    return this.site.id;
  }

  get label(): string {
    return this.site.label;
  }

  row(): SourceRow {
    const { site } = this;
    const state = this.access.state(site.id);
    const description = describeSiteState(state.kind);
    return {
      label: site.label,
      icon: 'globe',
      description,
      tooltip: `${site.url}\n${site.deployment === 'cloud' ? 'Confluence Cloud' : 'Confluence Data Center'}`,
      contextValue: `site ${state.kind}`,
      accessibilityLabel: `Site ${site.label}${description ? `, ${description}` : ''}`,
    };
  }

  async open(): Promise<SourceAccess> {
    const known = siteNotices(this.site, this.access.state(this.site.id));
    if (known) return { ok: false, notices: known };
    const client = await this.access.client(this.site);
    if (!client.ok) return { ok: false, notices: siteNotices(this.site, client.state) ?? [] };
    return { ok: true, reader: new NotingReader(client.client, (error) => this.note(error)) };
  }

  private note(outcome: { error: unknown; window: SourceWindow } | undefined): void {
    if (!outcome) return this.access.noteSuccess(this.site.id);
    const error = toAuditError(outcome.error);
    const { startDate, endDate } = outcome.window;
    this.log('warn', `Loading ${formatIso(startDate, 'utc')} – ${formatIso(endDate, 'utc')} failed: ${error.message}`);
    this.access.noteError(this.site.id, error);
  }
}

type Note = (outcome: { error: unknown; window: SourceWindow } | undefined) => void;

/** The client's pagers, each telling `note` how every page went. */
class NotingReader implements WindowReader {
  constructor(
    private readonly client: RecordClient,
    private readonly note: Note,
  ) {}

  pager(window: SourceWindow, options: { pageSize: number }): WindowPager {
    const inner = this.client.pager(window, options);
    const note = this.note;
    return {
      get done() {
        return inner.done;
      },
      async next(signal?: AbortSignal): Promise<SourcedRecord[]> {
        try {
          const page = await inner.next(signal);
          note(undefined);
          return page;
        } catch (error) {
          note({ error, window });
          throw error;
        }
      },
    };
  }
}
