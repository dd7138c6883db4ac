// The organization access the source reads through, without VS Code: one configured organization of
// the simulator, a real OrgAuditClient over HTTP, and key states kept as OrgSessions keeps them.
import type { AuditError } from '../../../../src/api';
import { Emitter } from '../../../../src/model/emitter';
import type { OrgAuditClient } from '../../../../src/api/org';
import type { OrgConfig } from '../../../../src/sites/orgConfig';
import type { SiteState } from '../../../../src/sites/siteState';
import type { OrgAccess } from '../../../../src/sources/org/orgAccess';

export class FakeOrgs implements OrgAccess {
  readonly states = new Map<string, SiteState>();
  readonly successes: string[] = [];
  readonly changes = new Emitter<string | undefined>();
  readonly onDidChange = this.changes.event;
  readonly store = { get: (id: string) => this.list.find((o) => o.id === id) };
  time = Date.UTC(2025, 0, 15);

  constructor(
    readonly list: OrgConfig[],
    public clientOf: (org: OrgConfig) => OrgAuditClient | undefined,
  ) {}

  orgs(): OrgConfig[] {
    return this.list;
  }
  now(): number {
    return this.time;
  }
  state(id: string): SiteState {
    return this.states.get(id) ?? { kind: 'unknown' };
  }
  async client(org: OrgConfig): ReturnType<OrgAccess['client']> {
    const client = this.clientOf(org);
    return client ? { ok: true, client } : { ok: false, state: { kind: 'tokenRequired' } };
  }
  noteError(id: string, error: AuditError): void {
    if (error.kind === 'unauthorized') this.states.set(id, { kind: 'tokenRejected', message: error.message });
    else if (error.kind === 'forbidden') this.states.set(id, { kind: 'notAdmin', message: error.message });
  }
  noteSuccess(id: string): void {
    this.successes.push(id);
    this.states.set(id, { kind: 'ok' });
  }
}
