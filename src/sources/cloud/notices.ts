// What a site shows instead of its windows when its credentials are missing or refused, each with the
// next action.
import type { SiteConfig } from '../../sites/siteConfig';
import type { SiteState } from '../../sites/siteState';
import type { SourceNotice } from '../source';

export function siteNotices(site: SiteConfig, state: SiteState): SourceNotice[] | undefined {
  const signIn = { command: 'confluenceAudit.signIn', title: 'Sign In…', args: [site.id] };
  switch (state.kind) {
    case 'tokenRequired':
      return [{ text: `Token required for ${site.label}.`, severity: 'warning', detail: 'No API token is stored for this site (Secret Storage may have been cleared). The site configuration is kept.', action: signIn }];
    case 'tokenRejected':
      return [{ text: `Confluence rejected the token for ${site.label} (401).`, severity: 'error', detail: state.message, action: { ...signIn, title: 'Sign In Again…' } }];
    case 'notAdmin':
      return [
        {
          text: `This account cannot read the audit log of ${site.label} (403).`,
          severity: 'error',
          detail: state.message,
          action: { command: 'confluenceAudit.testConnection', title: 'Test Connection', args: [site.id] },
        },
      ];
    default:
      return undefined;
  }
}
