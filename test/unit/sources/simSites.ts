// The one Data Center site of a simulator as the site list a DcSource reads through (DcSiteAccess): a
// client of the simulator's Data Center face, the site's state, and the errors its pages reported.
import type { Simulator } from '../../../simulator';
import type { AuditError } from '../../../src/api';
import { Emitter } from '../../../src/model/emitter';
import type { SiteConfig } from '../../../src/sites/siteConfig';
import type { SiteState } from '../../../src/sites/siteState';
import type { DcSiteAccess } from '../../../src/sources/dc/dcSource';
import { SIM_NOW, clientFor } from '../api/helpers/sim';

export class SimSites implements DcSiteAccess {
  readonly states = new Map<string, SiteState>();
  readonly errors: string[] = [];
  readonly changes = new Emitter<string | undefined>();
  readonly onDidChange = this.changes.event;
  readonly store = { get: (id: string) => (id === this.site.id ? this.site : undefined) };
  readonly site: SiteConfig;

  constructor(private readonly sim: Simulator) {
    this.site = { id: 'dc-1', label: 'Intranet', url: sim.dataCenterUrl, deployment: 'datacenter', authKind: 'bearer' };
  }
  sites(): SiteConfig[] {
    return [this.site];
  }
  state(siteId: string): SiteState {
    return this.states.get(siteId) ?? { kind: 'unknown' };
  }
  client: DcSiteAccess['client'] = () => Promise.resolve({ ok: true, client: clientFor(this.sim, 'datacenter').client });
  noteError(_siteId: string, error: AuditError): void {
    this.errors.push(error.kind);
  }
  noteSuccess(siteId: string): void {
    this.states.set(siteId, { kind: 'ok', lastRefresh: SIM_NOW });
  }
}
