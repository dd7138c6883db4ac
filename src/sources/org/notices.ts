// What an organization shows instead of its windows when its API key is missing or refused, each with
// the next action. The 401/403 texts come from the client (src/api/org/messages.ts).
import type { OrgConfig } from '../../sites/orgConfig';
import type { SiteState } from '../../sites/siteState';
import type { SourceNotice } from '../source';

export const ORG_COMMANDS = {
  add: 'confluenceAudit.addOrganization',
  remove: 'confluenceAudit.removeOrganization',
  signIn: 'confluenceAudit.signInOrganization',
} as const;

export function orgNotices(org: OrgConfig, state: SiteState): SourceNotice[] | undefined {
  const signIn = { command: ORG_COMMANDS.signIn, title: 'Enter API Key…', args: [org.id] };
  switch (state.kind) {
    case 'tokenRequired':
      return [{ text: `API key required for ${org.label}.`, severity: 'warning', detail: 'No organization API key is stored (Secret Storage may have been cleared). The organization stays configured.', action: signIn }];
    case 'tokenRejected':
      return [{ text: `Atlassian rejected the API key of ${org.label} (401).`, severity: 'error', detail: state.message, action: { ...signIn, title: 'Enter a New API Key…' } }];
    case 'notAdmin':
      return [{ text: `This key cannot read the audit log of ${org.label} (403).`, severity: 'error', detail: state.message, action: { ...signIn, title: 'Use Another API Key…' } }];
    default:
      return undefined;
  }
}
