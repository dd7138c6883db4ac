// Turns configured organizations into admin API clients: the key from SecretStorage, the dispatcher of
// the network settings, and one rate-limit registry for the whole extension (the tree, searches and the
// pivots of one key share its budget). Also holds each organization's key state, which the tree shows.
import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { realClock, registerSecret, type AuditError } from '../api';
import { OrgAuditClient, OrgRateLimits } from '../api/org';
import type { Logger } from '../log';
import type { OrgConfig } from './orgConfig';
import type { OrgStore } from './orgStore';
import type { SiteState } from './siteState';
import type { TokenStore } from './tokenStore';

export type OrgClientResult = { ok: true; client: OrgAuditClient } | { ok: false; state: SiteState };

export class OrgSessions implements vscode.Disposable {
  readonly rateLimits = new OrgRateLimits(realClock);
  private readonly clients = new Map<string, Promise<OrgAuditClient | undefined>>();
  private readonly states = new Map<string, SiteState>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with an organization entry's id, or undefined when every one may be affected. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly store: OrgStore,
    readonly keys: TokenStore,
    private readonly log: Logger,
    private readonly dispatcher: () => Promise<Dispatcher>,
  ) {
    this.disposables.push(
      store.onDidChange(() => {
        this.clients.clear();
        this.changed.fire(undefined);
      }),
      keys.onDidChange((id) => {
        // A key changed here or in another window: the next request reads it again.
        this.clients.delete(id);
        this.states.delete(id);
        this.changed.fire(id);
      }),
    );
  }

  orgs(): OrgConfig[] {
    return this.store.list();
  }

  now(): number {
    return Date.now();
  }

  state(id: string): SiteState {
    return this.states.get(id) ?? { kind: 'unknown' };
  }

  private setState(id: string, state: SiteState): void {
    const previous = this.states.get(id)?.kind ?? 'unknown';
    this.states.set(id, state);
    // 'unknown' and 'ok' look the same: the first page that succeeds must not reload the organization's
    // windows while their buckets are loading.
    const shown = (kind: SiteState['kind']): string => (kind === 'ok' ? 'unknown' : kind);
    if (shown(previous) !== shown(state.kind)) this.changed.fire(id);
  }

  /** 401 and 403 change the organization's row; other errors stay on the node that failed. */
  noteError(id: string, error: AuditError): void {
    if (error.kind === 'unauthorized') this.setState(id, { kind: 'tokenRejected', message: error.message });
    else if (error.kind === 'forbidden') this.setState(id, { kind: 'notAdmin', message: error.message });
  }

  noteSuccess(id: string): void {
    this.setState(id, { kind: 'ok', lastRefresh: Date.now() });
  }

  async client(org: OrgConfig): Promise<OrgClientResult> {
    let client = this.clients.get(org.id);
    if (!client) {
      client = this.keys.get(org.id).then((key) => (key ? this.createClient(org.apiUrl, key) : undefined));
      this.clients.set(org.id, client);
    }
    const built = await client;
    if (!built) {
      this.clients.delete(org.id);
      this.setState(org.id, { kind: 'tokenRequired' });
      return { ok: false, state: { kind: 'tokenRequired' } };
    }
    return { ok: true, client: built };
  }

  /** A client for a key not saved yet (Add Organization tests it before anything is stored). */
  async createClient(apiUrl: string, key: string): Promise<OrgAuditClient> {
    registerSecret(key);
    return new OrgAuditClient({ apiKey: key, baseUrl: apiUrl, rateLimits: this.rateLimits, dispatcher: await this.dispatcher(), log: this.log.sink, userAgent: 'vscode-confluence-audit' });
  }

  /** Stores or deletes an organization's key; its cached client goes, so no request uses the old key. */
  async changeKey(id: string, key: string | undefined): Promise<void> {
    this.clients.delete(id);
    if (key === undefined) await this.keys.delete(id);
    else await this.keys.store(id, key);
    this.clients.delete(id);
    this.states.delete(id);
    this.changed.fire(id);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
