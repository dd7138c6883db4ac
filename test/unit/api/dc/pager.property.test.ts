// Property: under random page sizes, server page caps, crowded milliseconds (identical events or not),
// events at b-1/b/b+1 of both bounds, and events inserted and purged while paging, the advanced
// auditing pager returns every event present in the window for the whole run exactly once, nothing
// outside the window, and nothing more often than it ever existed (events inserted during the run may
// or may not appear). Each run gets a fresh small simulator: the inserts and purges mutate it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Simulator } from '../../../../simulator';
import type { AuditRecordCreate } from '../../../../src/api';
import type { DcAuditEvent } from '../../../../src/api/dc';
import { CountBounds, type Multiset } from '../helpers/multiset';
import { SIM_NOW, startSim } from '../helpers/sim';
import { asEvents, closeDcClients, dcClientFor, eventKey } from './helpers';

const RUNS = Number(process.env.PAGER_PROPERTY_RUNS ?? 100);
const DAY = 86_400_000;
const HOUR = 3_600_000;

type Where = 'above' | 'below' | 'inside' | 'cursor' | 'start' | 'end';

interface Scenario {
  seed: number;
  pageSize: number;
  pageCap: number | undefined;
  lo: number;
  hi: number;
  ties: Array<{ at: number; size: number; identical: boolean }>;
  inserts: Array<{ afterPage: number; where: Where; count: number }>;
  insertEvery: number | undefined;
  purge: { afterPage: number; at: number } | undefined;
}

const fraction = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

const scenario: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  pageSize: fc.integer({ min: 1, max: 40 }),
  pageCap: fc.option(fc.integer({ min: 1, max: 25 }), { nil: undefined }),
  lo: fraction,
  hi: fraction,
  ties: fc.array(fc.record({ at: fraction, size: fc.integer({ min: 2, max: 40 }), identical: fc.boolean() }), { maxLength: 3 }),
  inserts: fc.array(fc.record({
    afterPage: fc.integer({ min: 0, max: 12 }),
    where: fc.constantFrom<Where>('above', 'below', 'inside', 'cursor', 'cursor', 'start', 'end'),
    count: fc.integer({ min: 1, max: 2 }),
  }), { maxLength: 12 }),
  insertEvery: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  purge: fc.option(fc.record({ afterPage: fc.integer({ min: 0, max: 3 }), at: fraction }), { nil: undefined }),
});

const seen = { runs: 0, capped: 0, insertedInside: 0, purgedInside: 0, tiesIdentical: 0, atBounds: 0, multiPage: 0 };

function made(creationDate: number, summary: string): AuditRecordCreate {
  return { remoteAddress: '198.51.100.1', creationDate, summary, category: 'Property', author: { type: 'user', displayName: 'Prop', username: 'prop', userKey: 'prop-key' } };
}

function multiset(events: DcAuditEvent[]): Multiset {
  const m: Multiset = new Map();
  for (const e of events) m.set(eventKey(e), (m.get(eventKey(e)) ?? 0) + 1);
  return m;
}

async function run(sc: Scenario): Promise<void> {
  const sim: Simulator = await startSim({ records: 150, seed: sc.seed, periodDays: 30 });
  try {
    const all = sim.allRecords();
    const at = (f: number): number => all[Math.min(all.length - 1, Math.floor(f * all.length))].creationDate;
    const E = at(Math.min(sc.lo, sc.hi));
    const S = at(Math.max(sc.lo, sc.hi));
    let serial = 0;
    const fresh = (t: number): AuditRecordCreate => made(t, `inserted ${serial++}`);
    sim.insert([S - 1, S, S + 1, E - 1, E, E + 1].map(fresh));
    for (const tie of sc.ties) {
      const t = S + Math.floor(tie.at * (E - S));
      const same = made(t, `tie ${serial++}`);
      sim.insert(Array.from({ length: tie.size }, () => (tie.identical ? same : fresh(t))));
    }
    const bounds = new CountBounds();
    const snapshot = (): void => bounds.observe(multiset(asEvents(sim, sim.recordsInRange(S, E))));
    snapshot();
    const initial = multiset(asEvents(sim, sim.recordsInRange(S, E)));

    const { client } = dcClientFor(sim);
    const pager = client.pager({ startDate: S, endDate: E }, { pageSize: sc.pageSize });
    sim.faults.set({ seed: sc.seed, pageCap: sc.pageCap, insertEvery: sc.insertEvery, insertCount: 1 });
    const returned: DcAuditEvent[] = [];
    const random = fc.sample(fraction, { seed: sc.seed, numRuns: 200 });
    let r = 0;
    let pages = 0;
    for (let page = 0; ; page++) {
      assert.ok(page < 3000, 'the pager did not finish');
      for (const ins of sc.inserts.filter((i) => i.afterPage === page)) {
        const last = returned[returned.length - 1];
        const t = ins.where === 'above' ? E + 1 + Math.floor(random[r++ % random.length] * DAY)
          : ins.where === 'below' ? S - 1 - Math.floor(random[r++ % random.length] * DAY)
          : ins.where === 'inside' ? S + Math.floor(random[r++ % random.length] * (E - S + 1))
          : ins.where === 'start' ? S
          : ins.where === 'end' ? E
          : last?.time ?? E;
        sim.insert(Array.from({ length: ins.count }, () => fresh(t)));
        snapshot();
      }
      if (sc.purge?.afterPage === page) {
        sim.setRetention({ number: Math.max(1, Math.ceil((SIM_NOW - (S + sc.purge.at * (E - S))) / HOUR)), units: 'HOURS' });
        snapshot();
      }
      const got = await pager.next();
      snapshot();
      if (got.length === 0) break;
      pages++;
      returned.push(...got);
    }
    assert.ok(pager.done);
    assert.deepEqual(returned.filter((x) => x.time < S || x.time > E), [], 'events outside the window were returned');
    for (let i = 1; i < returned.length; i++) assert.ok(returned[i - 1].time >= returned[i].time, 'newest first');
    assert.deepEqual(bounds.violations(multiset(returned)), []);
    seen.runs++;
    seen.capped += sc.pageCap !== undefined && sc.pageCap < sc.pageSize ? 1 : 0;
    seen.insertedInside += [...bounds.high].some(([k, n]) => n > (initial.get(k) ?? 0)) ? 1 : 0;
    seen.purgedInside += [...initial].some(([k, n]) => (bounds.low.get(k) ?? 0) < n) ? 1 : 0;
    seen.tiesIdentical += sc.ties.some((t) => t.identical) ? 1 : 0;
    seen.atBounds += returned.filter((x) => x.time === S || x.time === E).length >= 2 ? 1 : 0;
    seen.multiPage += pages > 2 ? 1 : 0;
  } finally {
    await closeDcClients();
    await sim.stop();
  }
}

describe('api: Data Center advanced auditing pager property: complete and duplicate-free under change', function () {
  this.timeout(180_000);

  it(`holds for ${RUNS} random scenarios`, async () => {
    await fc.assert(fc.asyncProperty(scenario, run), { numRuns: RUNS, seed: Number(process.env.PAGER_PROPERTY_SEED ?? 20261203), endOnFailure: true });
    if (process.env.PAGER_PROPERTY_VERBOSE !== undefined) console.log(seen);
    assert.equal(seen.runs, RUNS);
    for (const [what, n] of Object.entries(seen)) {
      assert.ok(n >= RUNS / 10, `only ${n} of ${RUNS} runs had ${what}: ${JSON.stringify(seen)}`);
    }
  });
});
