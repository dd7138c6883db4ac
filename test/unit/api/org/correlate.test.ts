// The site ↔ organization pivot, on its own and against the simulator's correlated data.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator';
import type { OrgSimulator } from '../../../../simulator/org';
import { correlates, correlationWindow, pivotFromOrgEvent, pivotFromRecord, type OrgEvent } from '../../../../src/api/org';
import { closeOrgClients, collect, orgClientFor, startOrgSim } from './helpers';

const MIN = 60_000;

describe('org correlation', () => {
  it('same actor or same address, within ±15 minutes inclusive', () => {
    const p = { time: 1_000_000_000, accountId: 'a', ip: '2001:DB8::1' };
    assert.ok(correlates({ time: p.time + 15 * MIN, accountId: 'a' }, p));
    assert.ok(correlates({ time: p.time - 15 * MIN, ip: ' 2001:db8::1 ' }, p));
    assert.ok(!correlates({ time: p.time + 15 * MIN + 1, accountId: 'a' }, p));
    assert.ok(!correlates({ time: p.time, accountId: 'b', ip: '2001:db8::2' }, p));
    assert.ok(!correlates({ time: p.time }, { time: p.time }), 'nothing to match on');
    assert.deepEqual(correlationWindow(p), { from: p.time - 15 * MIN, to: p.time + 15 * MIN });
  });

  describe('against the simulator', () => {
    let sim: Simulator & { org: OrgSimulator };

    before(async () => {
      sim = await startOrgSim({ events: 600, rateLimits: {} }, { records: 3000 });
    });
    after(async () => {
      await closeOrgClients();
      await sim.stop();
    });

    it('from a Confluence record to its organization events and back', async () => {
      const { client } = orgClientFor(sim.org);
      const site = sim.allRecords();
      const people = site.filter((r) => typeof r.author.accountId === 'string' && r.author.accountId.startsWith('557058:'));
      let pivots = 0;
      let found: OrgEvent | undefined;
      for (const record of people.filter((_, i) => i % 97 === 0).slice(0, 25)) {
        const pivot = pivotFromRecord(record);
        const around = await collect(client.events(sim.org.orgId, correlationWindow(pivot)));
        const hits = around.filter((e) => correlates(pivotFromOrgEvent(e), pivot));
        const expected = sim.org.allEvents().filter((e) => Math.abs(e.time - record.creationDate) <= 15 * MIN && (e.actor.id === record.author.accountId || e.location?.ip === record.remoteAddress));
        assert.deepEqual(new Set(hits.map((e) => e.id)), new Set(expected.map((e) => e.id)));
        pivots += hits.length > 0 ? 1 : 0;
        found ??= hits[0];
      }
      assert.ok(pivots >= 3, `only ${pivots} of 25 records had organization events around them`);
      assert.ok(found !== undefined);
      const back = pivotFromOrgEvent(found);
      assert.ok(sim.recordsInRange(correlationWindow(back).from, correlationWindow(back).to).some((r) => correlates(pivotFromRecord(r), back)), 'and back to the site');
    });
  });
});
