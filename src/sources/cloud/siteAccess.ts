// What the Cloud source needs of the configured sites: their list, each site's auth state and a client.
// SiteSessions (src/sites) provides it; unit tests provide it without VS Code.
import type { AuditError, RecordPager, RecordQuery } from '../../api';
import type { Event } from '../../model/emitter';
import type { SiteConfig } from '../../sites/siteConfig';
import type { SiteState } from '../../sites/siteState';

/** The part of AuditClient a source reads through. */
export interface RecordClient {
  pager(query: RecordQuery, options?: { pageSize?: number }): RecordPager;
}

export interface SiteAccess {
  sites(): SiteConfig[];
  readonly store: { get(id: string): SiteConfig | undefined };
  state(siteId: string): SiteState;
  /** A client with the site's stored token, or the state that prevents one. */
  client(site: SiteConfig): Promise<{ ok: true; client: RecordClient } | { ok: false; state: SiteState }>;
  /** Records what a failed call says about the site's credentials. */
  noteError(siteId: string, error: AuditError): void;
  noteSuccess(siteId: string): void;
  /** Fires with a site id, or undefined when every site may be affected. */
  readonly onDidChange: Event<string | undefined>;
}
