// Message nodes: every state of the tree that is not data, each with the next action to take.
import type { AuditError, RetryWait } from '../api';
import { formatIso, type ZoneSetting } from '../model/timeZone';
import type { SiteConfig } from '../sites/siteConfig';
import type { SiteState } from '../sites/siteSessions';
import type { BucketNode, MessageNode, MessageSeverity } from './nodes';

type Action = NonNullable<MessageNode['action']>;

export function message(id: string, text: string, severity: MessageSeverity, detail?: string, action?: Action): MessageNode {
  return { kind: 'message', id, text, severity, detail, action, contextValue: `message ${severity}` };
}

/** What a site shows instead of its windows when its credentials are missing or refused. */
export function siteMessages(site: SiteConfig, state: SiteState): MessageNode[] | undefined {
  const id = `site:${site.id}/state`;
  const signIn: Action = { command: 'confluenceAudit.signIn', title: 'Sign In…', args: [site.id] };
  switch (state.kind) {
    case 'tokenRequired':
      return [message(id, `Token required for ${site.label}.`, 'warning', 'No API token is stored for this site (Secret Storage may have been cleared). The site configuration is kept.', signIn)];
    case 'tokenRejected':
      return [message(id, `Confluence rejected the token for ${site.label} (401).`, 'error', state.message, { ...signIn, title: 'Sign In Again…' })];
    case 'notAdmin':
      return [
        message(id, `This account cannot read the audit log of ${site.label} (403).`, 'error', state.message, {
          command: 'confluenceAudit.testConnection',
          title: 'Test Connection',
          args: [site.id],
        }),
      ];
    default:
      return undefined;
  }
}

export function errorMessage(id: string, error: AuditError, retry: Action): MessageNode {
  switch (error.kind) {
    case 'unauthorized':
    case 'forbidden':
      // The site node switches to its own message; here we only say what happened.
      return message(id, error.message, 'error', undefined, retry);
    case 'rateLimited':
      return message(id, error.message, 'warning', undefined, retry);
    default:
      return message(id, error.message, 'error', `Kind: ${error.kind}${error.status ? `, HTTP ${error.status}` : ''}`, retry);
  }
}

/** "Waiting for Confluence's rate limit until 10:15:20Z", with Cancel: a 429 is not a hang. */
export function waitMessage(bucket: BucketNode, wait: RetryWait, zone: ZoneSetting): MessageNode {
  return message(`${bucket.id}/waiting`, `${waitText(wait, zone)}…`, 'loading', 'The next attempt starts by itself. Cancel stops waiting; Retry asks again later.', {
    command: 'confluenceAudit.cancelWait',
    title: 'Cancel',
    args: [bucket],
  });
}

/** What a wait is for and until when, in the display zone. No countdown: the row is not redrawn each second. */
export function waitText(wait: RetryWait, zone: ZoneSetting): string {
  const what = wait.kind === 'rateLimited' ? "Waiting for Confluence's rate limit" : 'Waiting to try again';
  const time = formatIso(wait.until, zone);
  return `${what} until ${time.slice(11, 19)}${time.slice(23)}`;
}
