// Message nodes: every state of the tree that is not data, each with the next action to take.
import type { AuditError } from '../api';
import type { SiteConfig } from '../sites/siteConfig';
import type { SiteState } from '../sites/siteSessions';
import type { MessageNode, MessageSeverity } from './nodes';

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
