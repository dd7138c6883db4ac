// The panels' access to a site's API: a client from the site sessions, with the site's auth state updated
// from failures (so the tree shows "sign in again" too) and sign-in problems turned into errors as data.
import { AuditError, type AuditClient } from '../api';
import type { RetentionPeriod } from '../api/types';
import type { SiteConfig } from '../sites/siteConfig';
import type { SiteSessions } from '../sites/siteSessions';
import type { SiteState } from '../sites/siteState';
import { RequestError } from './messageRouter';
import type { RetentionBackend } from './retentionActions';

export function siteUnavailable(site: Pick<SiteConfig, 'label'>, state: SiteState): RequestError {
  switch (state.kind) {
    case 'tokenRequired':
      return new RequestError('tokenRequired', `No token is stored for ${site.label}: sign in to it (Confluence Audit: Sign In…).`);
    case 'tokenRejected':
      return new RequestError('unauthorized', state.message);
    case 'notAdmin':
      return new RequestError('forbidden', state.message);
    case 'unknown':
    case 'ok':
      return new RequestError('unavailable', `${site.label} cannot be reached right now.`);
  }
}

async function clientFor(sessions: SiteSessions, site: SiteConfig): Promise<AuditClient> {
  const access = await sessions.client(site);
  if (!access.ok) throw siteUnavailable(site, access.state);
  return access.client;
}

/** Runs one API call, recording what a failure says about the site's credentials. */
async function noting<T>(sessions: SiteSessions, siteId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AuditError) sessions.noteError(siteId, e);
    throw e;
  }
}

export function retentionBackend(sessions: SiteSessions, site: SiteConfig): () => Promise<RetentionBackend> {
  return async () => {
    const client = await clientFor(sessions, site);
    return {
      getRetention: (signal: AbortSignal) => noting(sessions, site.id, () => client.getRetention(signal)),
      setRetention: (period: RetentionPeriod, signal: AbortSignal) => noting(sessions, site.id, () => client.setRetention(period, signal)),
      countRecords: (start: number, end: number, cap: number, signal: AbortSignal) =>
        noting(sessions, site.id, async () => {
          let count = 0;
          for await (const _record of client.records({ kind: 'range', startDate: start, endDate: end }, { signal })) {
            count += 1;
            if (count >= cap) break;
          }
          return count;
        }),
    };
  };
}
