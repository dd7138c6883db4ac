// Property: under random page sizes, server page caps, both sort orders, events sharing a
// millisecond, events at the window's bounds and events arriving while paging (inside, above and
// below the window, by the test and by the simulator's insert fault), the poll API pager returns
// every event present in the pinned window from the start exactly once, nothing outside the
// window, no id twice, in the server's order. Ascending (processing order) also finds every event
// that arrived in the window before the run ended. Each run gets a fresh small simulator.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OrgEvent } from '../../../../src/api/org';
import { closeOrgClients, orgClientFor, SIM_NOW, startOrgSim } from './helpers';

const RUNS = Number(process.env.ORG_PAGER_PROPERTY_RUNS ?? 100);
const DAY = 86_400_000;

type Where = 'inside' | 'above' | 'below' | 'from' | 'to';

interface Scenario {
  seed: number;
  events: number;
  pageSize: number;
  pageCap: number | undefined;
  sortOrder: 'asc' | 'desc';
  lo: number;
  hi: number;
  toNow: boolean;
  ties: Array<{ at: number; size: number }>;
  inserts: Array<{ afterPage: number; where: Where; count: number; at: number }>;
  insertEvery: number | undefined;
}

const fraction = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);

const scenario: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  events: fc.integer({ min: 20, max: 120 }),
  pageSize: fc.integer({ min: 1, max: 25 }),
  pageCap: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
  sortOrder: fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
  lo: fraction,
  hi: fraction,
  toNow: fc.boolean(),
  ties: fc.array(fc.record({ at: fraction, size: fc.integer({ min: 2, max: 6 }) }), { maxLength: 3 }),
  inserts: fc.array(fc.record({
    afterPage: fc.integer({ min: 0, max: 10 }),
    where: fc.constantFrom<Where>('inside', 'inside', 'above', 'below', 'from', 'to'),
    count: fc.integer({ min: 1, max: 3 }),
    at: fraction,
  }), { maxLength: 10 }),
  insertEvery: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
});

/** How often the interesting situations occurred, so the property cannot pass by never meeting them. */
const seen = { runs: 0, asc: 0, desc: 0, multiPage: 0, capped: 0, arrivedInside: 0, arrivedInsideFound: 0, ties: 0, atBounds: 0 };

async function run(sc: Scenario): Promise<void> {
  const sim = await startOrgSim({ events: sc.events, rateLimits: {} }, { records: 60, seed: sc.seed, periodDays: 30 });
  try {
    const org = sim.org;
    const times = org.allEvents().map((e) => e.time).sort((a, b) => a - b);
    const at = (f: number): number => times[Math.min(times.length - 1, Math.floor(f * times.length))];
    const from = at(Math.min(sc.lo, sc.hi));
    // The simulator's clock is frozen at SIM_NOW and its insert fault dates events then: a window
    // ending there would grow by one event per request forever, which a real clock never does.
    const to = sc.toNow ? SIM_NOW - 1 : at(Math.max(sc.lo, sc.hi));
    // Present from the start: events at from-1/from/from+1, to-1/to/to+1, and shared milliseconds.
    org.insert([from - 1, from, from + 1, to - 1, to, to + 1].map((time) => ({ time })));
    for (const tie of sc.ties) {
      const t = from + Math.floor(tie.at * (to - from));
      org.insert(Array.from({ length: tie.size }, () => ({ time: t })));
    }
    const inWindow = (): Set<string> => new Set(org.eventsInRange(from, to).map((e) => e.id));
    const initial = inWindow();
    const seqOf = new Map<string, number>();

    const { client } = orgClientFor(org);
    org.faults.set({ seed: sc.seed, pageCap: sc.pageCap, insertEvery: sc.insertEvery, insertCount: 1 });
    const requestsBefore = sim.requests.length;
    const pager = client.streamPager(org.orgId, { from, to, sortOrder: sc.sortOrder }, { pageSize: sc.pageSize });
    const returned: OrgEvent[] = [];
    for (let page = 0; ; page++) {
      assert.ok(page < 2000, 'the pager did not finish');
      for (const ins of sc.inserts.filter((i) => i.afterPage === page)) {
        const time = ins.where === 'inside' ? from + Math.floor(ins.at * (to - from))
          : ins.where === 'above' ? to + 1 + Math.floor(ins.at * DAY)
          : ins.where === 'below' ? from - 1 - Math.floor(ins.at * DAY)
          : ins.where === 'from' ? from : to;
        org.insert(Array.from({ length: ins.count }, () => ({ time })));
      }
      const got = await pager.next();
      if (got.length === 0) {
        break;
      }
      returned.push(...got);
    }
    assert.ok(pager.done);
    for (const e of org.allEvents()) {
      seqOf.set(e.id, e.seq);
    }
    const final = inWindow();
    const ids = returned.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'an event was returned twice');
    assert.deepEqual(returned.filter((e) => e.time < from || e.time > to).map((e) => e.id), [], 'events outside the window');
    assert.deepEqual(ids.filter((id) => !final.has(id)), [], 'events that never were in the window');
    assert.deepEqual([...initial].filter((id) => !ids.includes(id)), [], 'events present throughout were missed');
    if (sc.sortOrder === 'asc') {
      assert.deepEqual([...final].filter((id) => !ids.includes(id)), [], 'ascending missed an event that arrived in the window');
    }
    const seqs = ids.map((id) => seqOf.get(id) ?? -1);
    assert.ok(seqs.every((s, i) => i === 0 || (sc.sortOrder === 'asc' ? seqs[i - 1] < s : seqs[i - 1] > s)), 'not in the server order');

    const arrivedInside = [...final].filter((id) => !initial.has(id));
    seen.runs++;
    seen[sc.sortOrder]++;
    seen.multiPage += sim.requests.length - requestsBefore >= 3 ? 1 : 0;
    seen.capped += sc.pageCap !== undefined && sc.pageCap < sc.pageSize ? 1 : 0;
    seen.arrivedInside += arrivedInside.length > 0 ? 1 : 0;
    seen.arrivedInsideFound += arrivedInside.some((id) => ids.includes(id)) ? 1 : 0;
    seen.ties += sc.ties.length > 0 ? 1 : 0;
    seen.atBounds += returned.filter((e) => e.time === from || e.time === to).length >= 2 ? 1 : 0;
  } finally {
    await closeOrgClients();
    await sim.stop();
  }
}

describe('org pager property: complete and duplicate-free while events arrive', function () {
  this.timeout(180_000);

  it(`holds for ${RUNS} random scenarios`, async () => {
    await fc.assert(fc.asyncProperty(scenario, run), { numRuns: RUNS, seed: Number(process.env.ORG_PAGER_PROPERTY_SEED ?? 20261203), endOnFailure: true });
    if (process.env.ORG_PAGER_PROPERTY_VERBOSE !== undefined) {
      console.log(seen);
    }
    assert.equal(seen.runs, RUNS);
    for (const [what, n] of Object.entries(seen)) {
      assert.ok(n >= RUNS / 10, `only ${n} of ${RUNS} runs had ${what}: ${JSON.stringify(seen)}`);
    }
  });
});
