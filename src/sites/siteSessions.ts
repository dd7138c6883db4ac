// Turns configured sites into API clients: the token from SecretStorage, the dispatcher from the network
// settings. Also holds each site's auth state, which the tree and status bar show.
import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { AuditClient, AuditError, createDispatcher, registerSecret, type Credentials } from '../api';
import type { Logger } from '../log';
import { affectsNetwork, loadCaCertificates, readNetworkSettings } from './networkSettings';
import { SiteClients } from './siteClients';
import type { SiteConfig } from './siteConfig';
import type { SiteState } from './siteState';
import type { SiteStore } from './siteStore';
import type { TokenStore } from './tokenStore';

export type ClientResult = { ok: true; client: AuditClient } | { ok: false; state: SiteState };

export class SiteSessions implements vscode.Disposable {
  private readonly clients: SiteClients;
  private readonly states = new Map<string, SiteState>();
  private dispatcher: Promise<Dispatcher> | undefined;
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with a site id, or undefined when every site may be affected. */
  readonly onDidChange = this.changed.event;
  private readonly activity = new vscode.EventEmitter<string>();
  /** Fires on every state update, including a new "last refresh" time (for the status bar). */
  readonly onDidActivity = this.activity.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly store: SiteStore,
    readonly tokens: TokenStore,
    private readonly log: Logger,
  ) {
    this.clients = new SiteClients({ token: (siteId) => tokens.get(siteId), build: (site, token, lifetime) => this.createClient(site, token, lifetime) });
    this.disposables.push(
      store.onDidChange(() => {
        this.clients.clear();
        this.changed.fire(undefined);
      }),
      tokens.onDidChange((siteId) => {
        // Any change of the stored token (here or in another window) ends the site's generation: its requests
        // in flight stop and the next one reads the token again. A late echo of our own change costs at
        // most a refetch, never a request with a token that is no longer stored.
        this.clients.forget(siteId);
        this.states.delete(siteId);
        this.changed.fire(siteId);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsNetwork(e)) return;
        this.log.info('Network settings changed; new connections use them.');
        this.dispatcher = undefined;
        this.clients.clear();
        this.changed.fire(undefined);
      }),
    );
  }

  sites(): SiteConfig[] {
    return this.store.list();
  }

  state(siteId: string): SiteState {
    return this.states.get(siteId) ?? { kind: 'unknown' };
  }

  setState(siteId: string, state: SiteState): void {
    const previous = this.states.get(siteId);
    this.states.set(siteId, state);
    // The tree only re-renders when the kind of state changes; a new refresh time is mere activity.
    if (!previous || previous.kind !== state.kind || JSON.stringify(previous) !== JSON.stringify(state) && state.kind !== 'ok') {
      this.changed.fire(siteId);
    }
    this.activity.fire(siteId);
  }

  /** Records what a failed call says about the site's credentials; other errors stay local to the node. */
  noteError(siteId: string, error: AuditError): void {
    if (error.kind === 'unauthorized') this.setState(siteId, { kind: 'tokenRejected', message: error.message });
    else if (error.kind === 'forbidden') this.setState(siteId, { kind: 'notAdmin', message: error.message });
  }

  noteSuccess(siteId: string): void {
    this.setState(siteId, { kind: 'ok', lastRefresh: Date.now() });
  }

  async client(site: SiteConfig): Promise<ClientResult> {
    const client = await this.clients.get(site);
    if (!client) {
      this.setState(site.id, { kind: 'tokenRequired' });
      return { ok: false, state: { kind: 'tokenRequired' } };
    }
    return { ok: true, client };
  }

  /** Changes a site's token (sign out, sign in, removal) through `change`; its cached client goes. */
  revokeToken(siteId: string, change: () => Promise<void>): Promise<void> {
    return this.clients.revoke(siteId, change);
  }

  /**
   * A client for credentials not saved yet (used to test a connection before saving a site), or, with
   * `lifetime`, a cached site client whose requests stop when the site's token changes.
   */
  async createClient(site: SiteConfig, token: string, lifetime?: AbortSignal): Promise<AuditClient> {
    registerSecret(token);
    return new AuditClient({
      siteUrl: site.url,
      deployment: site.deployment,
      credentials: credentialsFor(site, token),
      dispatcher: await this.getDispatcher(),
      log: this.log.sink,
      userAgent: 'vscode-confluence-audit',
      lifetime,
    });
  }

  /** The dispatcher of the network settings, shared with the organization clients. */
  getDispatcher(): Promise<Dispatcher> {
    this.dispatcher ??= this.buildDispatcher();
    return this.dispatcher;
  }

  private async buildDispatcher(): Promise<Dispatcher> {
    const settings = readNetworkSettings();
    const { pems, problems } = await loadCaCertificates(settings.caCertificatePaths);
    for (const problem of problems) {
      this.log.warn(`confluenceAudit.network.caCertificates: ${problem}`);
      void vscode.window.showWarningMessage(`Confluence Audit: a CA certificate file was not used: ${problem}.`);
    }
    if (!settings.strictSSL) {
      this.log.warn('http.proxyStrictSSL is false; Confluence Audit still verifies TLS certificates. Add your CA to confluenceAudit.network.caCertificates instead.');
    }
    return createDispatcher({
      proxy: settings.proxy,
      noProxy: settings.noProxy,
      strictSSL: settings.strictSSL,
      caCertificates: pems,
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
    this.activity.dispose();
  }
}

export function credentialsFor(site: SiteConfig, token: string): Credentials {
  switch (site.authKind) {
    case 'basic':
      return { kind: 'basic', email: site.email ?? '', token };
    case 'scoped':
      return { kind: 'scoped', email: site.email ?? '', token, cloudId: site.cloudId };
    case 'bearer':
      return { kind: 'bearer', token };
  }
}
