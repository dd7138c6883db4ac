// The configured organizations as sources, in the order of the organization list. An organization's
// change (key, settings, removal) means its events must be read again.
import type { LogSink } from '../../api/log';
import type { Event } from '../../model/emitter';
import type { SourceChange, SourceList } from '../source';
import type { OrgAccess, OrgEventClient } from './orgAccess';
import { OrgSource, type ActionNames } from './orgSource';

export class OrgSources implements SourceList {
  readonly onDidChangeSources: Event<SourceChange>;
  /** Per client, so a new key (a new client) asks again; a failed fetch is forgotten and tried next time. */
  private readonly names = new WeakMap<OrgEventClient, Map<string, Promise<ReadonlyMap<string, string>>>>();

  constructor(
    private readonly access: OrgAccess,
    private readonly log: LogSink,
  ) {
    this.onDidChangeSources = (listener) => access.onDidChange((id) => listener({ sourceId: id, reload: true }));
  }

  sources(): OrgSource[] {
    return this.access.orgs().map((org) => new OrgSource(org, this.access, this.actionNames, this.log));
  }

  source(id: string): OrgSource | undefined {
    const org = this.access.store.get(id);
    return org ? new OrgSource(org, this.access, this.actionNames, this.log) : undefined;
  }

  private readonly actionNames: ActionNames = (client, orgId, signal) => {
    let byOrg = this.names.get(client);
    if (!byOrg) {
      byOrg = new Map();
      this.names.set(client, byOrg);
    }
    let names = byOrg.get(orgId);
    if (!names) {
      names = client.eventActions(orgId, signal).then(
        (actions) => new Map(actions.map((a) => [a.id, a.displayName])),
        (error: unknown) => {
          // Events still show, under their action ids; the next page asks again.
          byOrg?.delete(orgId);
          if (signal?.aborted) throw error;
          this.log('warn', `The organization's action names could not be read: ${error instanceof Error ? error.message : String(error)}`);
          return new Map<string, string>();
        },
      );
      byOrg.set(orgId, names);
    }
    return names;
  };
}
