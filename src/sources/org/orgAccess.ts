// What the organization source needs of the configured organizations: their list, each one's key state
// and a client. OrgSessions (src/sites) provides it; unit tests provide it without VS Code.
import type { AuditError } from '../../api';
import type { Disposable, OrgEventAction, OrgEventPager, OrgSearchQuery, StreamWindow, WaitListener } from '../../api/org';
import type { Event } from '../../model/emitter';
import type { OrgConfig } from '../../sites/orgConfig';
import type { SiteState } from '../../sites/siteState';

/** The part of OrgAuditClient the source reads through. */
export interface OrgEventClient {
  streamPager(orgId: string, window: StreamWindow, options?: { pageSize?: number }): OrgEventPager;
  searchPager(orgId: string, query: OrgSearchQuery, options?: { pageSize?: number }): OrgEventPager;
  eventActions(orgId: string, signal?: AbortSignal): Promise<OrgEventAction[]>;
  onRateLimitWait(listener: WaitListener): Disposable;
}

export interface OrgAccess {
  orgs(): OrgConfig[];
  readonly store: { get(id: string): OrgConfig | undefined };
  /** The key's state; the same kinds as a site's token ('tokenRequired' means no key is stored). */
  state(id: string): SiteState;
  client(org: OrgConfig): Promise<{ ok: true; client: OrgEventClient } | { ok: false; state: SiteState }>;
  noteError(id: string, error: AuditError): void;
  noteSuccess(id: string): void;
  /** Fires with an organization entry's id, or undefined when every one may be affected. */
  readonly onDidChange: Event<string | undefined>;
  /** Epoch ms now (the key-expiry warning). */
  now(): number;
}
