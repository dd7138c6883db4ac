// The configured Data Center sites as sources, in the order of the site list. What each site offers is
// learnt once a session (and again after the site changes: a new token may see another API); learning it
// changes the site's row, so the list says so without reloading records.
import type { LogSink } from '../../api/log';
import { Emitter, type Event } from '../../model/emitter';
import type { SiteConfig } from '../../sites/siteConfig';
import type { SourceChange, SourceList } from '../source';
import { DcSource, type DcSiteAccess } from './dcSource';
import { DcSiteStates } from './siteState';

export function isDataCenterSite(site: SiteConfig): boolean {
  return site.deployment === 'datacenter';
}

export class DcSources implements SourceList {
  readonly onDidChangeSources: Event<SourceChange>;
  private readonly states = new DcSiteStates();
  private readonly learnt = new Emitter<SourceChange>();

  constructor(
    private readonly access: DcSiteAccess,
    private readonly log: LogSink,
    private readonly now: () => number = Date.now,
  ) {
    this.onDidChangeSources = (listener) => {
      const site = access.onDidChange((siteId) => {
        // A first page that succeeds changes the state too; only a site that is not fine (a token
        // refused, removed or replaced) is asked again which API it offers.
        this.states.forget(siteId, (id) => access.state(id).kind !== 'ok');
        listener({ sourceId: siteId, reload: true });
      });
      const learnt = this.learnt.event(listener);
      return { dispose: () => (site.dispose(), learnt.dispose()) };
    };
  }

  private build(site: SiteConfig): DcSource {
    return new DcSource(site, this.access, this.states.get(site.id), this.log, (sourceId) => this.learnt.fire({ sourceId, reload: false }), this.now);
  }

  sources(): DcSource[] {
    return this.access.sites().filter(isDataCenterSite).map((site) => this.build(site));
  }

  source(id: string): DcSource | undefined {
    const site = this.access.store.get(id);
    return site && isDataCenterSite(site) ? this.build(site) : undefined;
  }
}
