// The pivot between the logs: from a Confluence record to the organization's events of the same actor or
// address within ±15 minutes (read from the simulator through the org source), matched against a brute
// force over every stored event.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator';
import type { OrgSimulator } from '../../../../simulator/org';
import type { AuditRecord } from '../../../../src/api/types';
import { canPivot, matchReason, pivotOf, recordsAround } from '../../../../src/sources/org/around';
import { OrgSources } from '../../../../src/sources/org/orgSources';
import { closeOrgClients, orgClientFor, startOrgSim } from '../../api/org/helpers';
import { FakeOrgs } from './fakeOrgs';

const SPAN = 15 * 60_000;

function confluenceRecord(accountId: string | undefined, ip: string, time: number): AuditRecord {
  return {
    author: { type: 'user', displayName: 'someone', accountId }, remoteAddress: ip, creationDate: time, summary: 'Space permission added', description: '',
    category: 'Permissions', sysAdmin: false, affectedObject: { name: 'ENG', objectType: 'Space' }, changedValues: [], associatedObjects: [],
  };
}

describe('org pivot: organization events around a Confluence record', () => {
  let sim: Simulator & { org: OrgSimulator };

  before(async () => {
    sim = await startOrgSim({ events: 400, rateLimits: {} });
  });
  after(async () => {
    await closeOrgClients();
    await sim.stop();
  });

  function orgSource() {
    const { client, log } = orgClientFor(sim.org);
    const orgs = new FakeOrgs([{ id: 'org-entry-1', orgId: sim.org.orgId, label: sim.org.orgName, apiUrl: sim.org.url }], () => client);
    return new OrgSources(orgs, log).sources()[0];
  }

  for (const by of ['actor', 'ip'] as const) {
    it(`finds exactly the events of the same ${by === 'actor' ? 'account' : 'address'} within 15 minutes`, async () => {
      const anchor = sim.org.allEvents().find((e) => e.location?.ip !== undefined && e.context.length > 0);
      assert.ok(anchor);
      const time = anchor.time + 4 * 60_000;
      const ip = anchor.location?.ip ?? '';
      const record = by === 'actor' ? confluenceRecord(anchor.actor.id, '', time) : confluenceRecord(undefined, ip, time);
      const result = await recordsAround(orgSource(), pivotOf(record));
      assert.ok(result.ok && result.complete);
      const expected = sim.org.allEvents()
        .filter((e) => Math.abs(e.time - time) <= SPAN && (by === 'actor' ? e.actor.id === anchor.actor.id : e.location?.ip === ip))
        .map((e) => e.id)
        .sort();
      const got = result.matches.map((r) => r.sourceFields?.find((f) => f.name === 'Event id')?.value ?? '').sort();
      assert.deepEqual(got, expected);
      assert.ok(got.includes(anchor.id));
      for (const r of result.matches) assert.match(matchReason(r, pivotOf(record)), by === 'actor' ? /same actor/ : /same IP address/);
    });
  }

  it('a record without account or address cannot pivot', () => {
    assert.equal(canPivot(pivotOf(confluenceRecord(undefined, ' ', 0))), false);
    assert.equal(canPivot(pivotOf(confluenceRecord('abc', '', 0))), true);
  });
});
