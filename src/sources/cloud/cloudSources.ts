// The configured sites as sources, in the order of the site list. A site's change (token, settings,
// removal) means its records must be read again.
import type { LogSink } from '../../api/log';
import type { Event } from '../../model/emitter';
import type { SiteConfig } from '../../sites/siteConfig';
import type { SourceChange, SourceList } from '../source';
import { CloudSource } from './cloudSource';
import type { SiteAccess } from './siteAccess';

export class CloudSources implements SourceList {
  readonly onDidChangeSources: Event<SourceChange>;

  constructor(
    private readonly access: SiteAccess,
    private readonly log: LogSink,
    /** Which sites it lists (another list reads Data Center sites). */
    private readonly includes: (site: SiteConfig) => boolean = () => true,
  ) {
    this.onDidChangeSources = (listener) => access.onDidChange((siteId) => listener({ sourceId: siteId, reload: true }));
  }

  /** Fresh each time: a source only reads the site list and the sessions, so it holds nothing that can go stale. */
  sources(): CloudSource[] {
    return this.access.sites().filter(this.includes).map((site) => new CloudSource(site, this.access, this.log));
  }

  source(id: string): CloudSource | undefined {
    const site = this.access.store.get(id);
    return site && this.includes(site) ? new CloudSource(site, this.access, this.log) : undefined;
  }
}
