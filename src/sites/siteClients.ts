// One API client per site, built from the site's token on first use and cached. Pure (no 'vscode'): the token
// store and the client factory are injected, so the tests can interleave a sign-out with every step.
import type { AuditClient } from '../api';
import type { SiteConfig } from './siteConfig';

export interface ClientSource {
  /** The site's token; undefined when none is stored. */
  token(siteId: string): Promise<string | undefined>;
  build(site: SiteConfig, token: string): Promise<AuditClient>;
}

export class SiteClients {
  private readonly clients = new Map<string, AuditClient>();

  constructor(private readonly source: ClientSource) {}

  /** The site's client, or undefined when no token is stored. */
  async get(site: SiteConfig): Promise<AuditClient | undefined> {
    const cached = this.clients.get(site.id);
    if (cached) return cached;
    const token = await this.source.token(site.id);
    if (!token) return undefined;
    const client = await this.source.build(site, token);
    this.clients.set(site.id, client);
    return client;
  }

  /** Drops the site's cached client (its token changed). */
  forget(siteId: string): void {
    this.clients.delete(siteId);
  }

  /** Drops every cached client (the network settings changed). */
  clear(): void {
    this.clients.clear();
  }

  /** Changes the site's token (sign out, sign in, removal): runs `change`, then drops the cached client. */
  async revoke(siteId: string, change: () => Promise<void>): Promise<void> {
    await change();
    this.forget(siteId);
  }
}
