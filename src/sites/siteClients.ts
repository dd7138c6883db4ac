// One API client per site, built from the site's token on first use and cached. Pure (no 'vscode'): the token
// store and the client factory are injected, so the tests can interleave a sign-out with every step.
//
// A token change (sign out, sign in, removal, a change in another window) is decided by generation, not by
// timing: each change starts a new generation and aborts the old one's lifetime signal, which every client
// of that generation joins to each request. So a client being built while the token changes is never cached,
// and no request in flight or started later carries the old token once the change has finished.
import type { AuditClient } from '../api';
import type { SiteConfig } from './siteConfig';

export interface ClientSource {
  /** The site's token; undefined when none is stored. */
  token(siteId: string): Promise<string | undefined>;
  /** A client whose every request also stops when `lifetime` aborts. */
  build(site: SiteConfig, token: string, lifetime: AbortSignal): Promise<AuditClient>;
}

interface Generation {
  readonly lifetime: AbortController;
  client?: AuditClient;
}

export class SiteClients {
  private readonly generations = new Map<string, Generation>();

  constructor(private readonly source: ClientSource) {}

  private current(siteId: string): Generation {
    let generation = this.generations.get(siteId);
    if (!generation) {
      generation = { lifetime: new AbortController() };
      this.generations.set(siteId, generation);
    }
    return generation;
  }

  /** The site's client, or undefined when no token is stored. */
  async get(site: SiteConfig): Promise<AuditClient | undefined> {
    for (;;) {
      const generation = this.current(site.id);
      if (generation.client) return generation.client;
      const token = await this.source.token(site.id);
      if (generation !== this.generations.get(site.id)) continue; // the token changed meanwhile: read it again
      if (!token) return undefined;
      const client = await this.source.build(site, token, generation.lifetime.signal);
      if (generation !== this.generations.get(site.id)) continue; // built with a token that is no longer the site's
      generation.client ??= client;
      return generation.client;
    }
  }

  /** Ends the site's generation: its requests in flight are aborted and its client is dropped. */
  forget(siteId: string): void {
    const generation = this.generations.get(siteId);
    this.generations.delete(siteId);
    generation?.lifetime.abort();
  }

  /**
   * Drops every cached client without aborting its work (the network settings changed: requests in flight
   * finish on the old connection; new ones use the new settings).
   */
  clear(): void {
    for (const generation of this.generations.values()) generation.client = undefined;
  }

  /**
   * Changes the site's token (sign out, sign in, removal). The old generation ends before `change` starts
   * and again once it has finished, so a client built from the old token in between is ended too.
   */
  async revoke(siteId: string, change: () => Promise<void>): Promise<void> {
    this.forget(siteId);
    try {
      await change();
    } finally {
      this.forget(siteId);
    }
  }
}
