// The organization commands as one table (registered with the others by registry.ts).
import type { Logger } from '../log';
import type { OrgSessions } from '../sites/orgSessions';
import type { WindowStore } from '../tree/windowStore';
import { addOrganization, removeOrganization, signInOrganization } from './orgCommands';
import { showOrgEventsAround, showSiteRecordsAround, type PivotDeps } from './orgPivot';
import type { CommandTable } from './registry';

export interface OrgCommandDeps extends PivotDeps {
  orgs: OrgSessions;
  windows: WindowStore;
  log: Logger;
}

export function orgCommands(deps: OrgCommandDeps): CommandTable {
  const { orgs, windows, log } = deps;
  return {
    'confluenceAudit.addOrganization': (args) => addOrganization(orgs, log, args),
    'confluenceAudit.signInOrganization': (org, args) => signInOrganization(orgs, log, org, args),
    'confluenceAudit.removeOrganization': (org, confirmed) => removeOrganization(orgs, windows, log, org, confirmed),
    'confluenceAudit.showOrgEventsAround': (node, options) => showOrgEventsAround(deps, node, options),
    'confluenceAudit.showSiteRecordsAround': (node, options) => showSiteRecordsAround(deps, node, options),
  };
}
