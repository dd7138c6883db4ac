// The pager against the simulator in hand-picked hard cases, and against scripted servers that
// misbehave. The randomised proof is in pager.property.test.ts.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator';
import { AuditError, parseAuditRecord, recordKey, type AuditRecord, type AuditRecordArray, type AuditRecordCreate } from '../../../src/api';
import { KeysetPager, type PageRequest } from '../../../src/api/pager';
import { CountBounds, multiset } from './helpers/multiset';
import { clientFor, closeClients, SIM_NOW, startSim } from './helpers/sim';

function made(creationDate: number, summary: string, extra: Partial<AuditRecordCreate> = {}): AuditRecordCreate {
  return { remoteAddress: '192.0.2.1', creationDate, summary, category: 'Pager test', ...extra };
}

async function drain(next: () => Promise<AuditRecord[]>, between?: (page: number, last: AuditRecord | undefined) => void): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (let page = 0; page < 5000; page++) {
    between?.(page, out[out.length - 1]);
    const got = await next();
    if (got.length === 0) {
      return out;
    }
    out.push(...got);
  }
  assert.fail('the pager did not finish');
}

describe('api pager against the simulator', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSim({ records: 120, seed: 41, periodDays: 10 });
  });
  afterEach(async () => {
    await closeClients();
    await sim.stop();
  });

  it('returns the records at b and b±1 inside both bounds, and none outside', async () => {
    const all = sim.allRecords();
    const E = all[10].creationDate;
    const S = all[100].creationDate;
    sim.insert([S - 1, S, S + 1, E - 1, E, E + 1].map((t, i) => made(t, `bound ${i}`)));
    const { client } = clientFor(sim);
    const pager = client.pager({ kind: 'range', startDate: S, endDate: E }, { pageSize: 4 });
    const got = await drain(() => pager.next());
    assert.ok(got.every((r) => r.creationDate >= S && r.creationDate <= E));
    assert.deepEqual(got.map(recordKey), sim.recordsInRange(S, E).map(recordKey));
    const summaries = got.map((r) => r.summary).filter((s) => s.startsWith('bound'));
    assert.deepEqual(summaries.sort(), ['bound 1', 'bound 2', 'bound 3', 'bound 4']);
  });

  it('returns every one of 25 identical records in one millisecond with pages of 4', async () => {
    const t = sim.allRecords()[50].creationDate;
    sim.insert(Array.from({ length: 25 }, () => made(t, 'same')));
    sim.faults.set({ pageCap: 4 });
    const { client } = clientFor(sim);
    const pager = client.pager({ kind: 'range', startDate: 0, endDate: SIM_NOW }, { pageSize: 10 });
    const got = await drain(() => pager.next());
    assert.equal(pager.pageSize, 4);
    assert.equal(got.filter((r) => r.summary === 'same').length, 25);
    assert.deepEqual(multiset(got), multiset(sim.allRecords()));
  });

  for (const identical of [false, true]) {
    it(`a millisecond holding more than a page, with records inserted into it between pages (${identical ? 'identical' : 'distinct'} content)`, async () => {
      const t = sim.allRecords()[30].creationDate;
      sim.insert(Array.from({ length: 12 }, (_, i) => made(t, identical ? 'crowd' : `crowd ${i}`)));
      sim.faults.set({ pageCap: 3 });
      const { client } = clientFor(sim);
      const bounds = new CountBounds();
      bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW)));
      const pager = client.pager({ kind: 'range', startDate: 0, endDate: SIM_NOW }, { pageSize: 3 });
      let extra = 0;
      const got = await drain(() => pager.next(), (_page, last) => {
        if (last?.creationDate === t && extra < 6) {
          sim.insert([made(t, identical ? 'crowd' : `late ${extra}`)]);
          extra++;
          bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW)));
        }
      });
      assert.ok(extra >= 1, 'the test must have inserted into the crowded millisecond while paging it');
      assert.ok(sim.requests.some((r) => r.url.includes(`startDate=${t}&endDate=${t}`)), 'the crowded millisecond must have been swept');
      assert.deepEqual(bounds.violations(multiset(got)), []);
    });
  }

  it('a crowded millisecond that changes while it is swept is read again', async () => {
    const t = sim.allRecords()[30].creationDate;
    sim.insert(Array.from({ length: 12 }, (_, i) => made(t, `crowd ${i}`)));
    sim.faults.set({ pageCap: 3 });
    const { client, log } = clientFor(sim);
    const bounds = new CountBounds();
    bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW)));
    let during = 0;
    sim.onRequest = (entry) => {
      if (entry.url.includes(`startDate=${t}&endDate=${t}`) && during < 2) {
        sim.insert([made(t, `during sweep ${during++}`)]);
        bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW)));
      }
    };
    try {
      const pager = client.pager({ kind: 'range', startDate: 0, endDate: SIM_NOW }, { pageSize: 3 });
      const got = await drain(() => pager.next());
      assert.equal(during, 2);
      assert.ok(log.lines.some((l) => /changed while it was read/.test(l)));
      assert.deepEqual(bounds.violations(multiset(got)), []);
    } finally {
      sim.onRequest = undefined;
    }
  });

  it('records inserted at the pinned end while paging (insertEvery) are never returned twice', async () => {
    const { client } = clientFor(sim);
    const window = { startDate: 0, endDate: SIM_NOW };
    const bounds = new CountBounds();
    bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW)));
    sim.faults.set({ insertEvery: 2, insertCount: 2, pageCap: 7 });
    const pager = client.pager({ kind: 'range', ...window }, { pageSize: 20 });
    const got = await drain(() => pager.next(), () => bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW))));
    bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW)));
    assert.ok((sim.faults.counts.insertedRecords ?? 0) > 0);
    assert.deepEqual(bounds.violations(multiset(got)), []);
  });

  it('a retention purge while paging loses only purged records and duplicates nothing', async () => {
    const { client } = clientFor(sim);
    const bounds = new CountBounds();
    bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW)));
    const pager = client.pager({ kind: 'range', startDate: 0, endDate: SIM_NOW }, { pageSize: 15 });
    const got = await drain(() => pager.next(), (page) => {
      if (page === 2) {
        sim.setRetention({ number: 5, units: 'DAYS' });
        bounds.observe(multiset(sim.recordsInRange(0, SIM_NOW)));
      }
    });
    assert.ok(sim.allRecords().length < 120, 'the purge must have deleted records');
    assert.deepEqual(bounds.violations(multiset(got)), []);
  });

  it('a since window is pinned when the pager is made', async () => {
    const { client, clock } = clientFor(sim);
    const pager = client.pager({ kind: 'since', number: 3, units: 'DAYS', searchString: 'space' });
    assert.deepEqual(pager.window, { startDate: SIM_NOW - 3 * 86_400_000, endDate: SIM_NOW, searchString: 'space' });
    await clock.sleep(3_600_000);
    const got = await drain(() => pager.next());
    assert.equal(pager.window.endDate, SIM_NOW);
    assert.deepEqual(got.map(recordKey), sim.recordsInRange(SIM_NOW - 3 * 86_400_000, SIM_NOW, 'space').map(recordKey));
    const queries = sim.requests.filter((r) => r.url.includes('/audit?')).map((r) => new URL(r.url, sim.url).searchParams);
    assert.ok(queries.length > 0);
    for (const q of queries) {
      assert.ok(Number(q.get('endDate')) <= SIM_NOW);
      assert.equal(q.get('startDate'), String(SIM_NOW - 3 * 86_400_000));
      assert.equal(q.get('searchString'), 'space');
    }
  });
});

// ---- scripted servers ----

function rec(creationDate: number, summary: string): AuditRecord {
  return parseAuditRecord({ author: { type: 'user', displayName: 'X' }, remoteAddress: '', creationDate, summary, description: '', category: '', sysAdmin: false, affectedObject: { name: '', objectType: '' }, changedValues: [], associatedObjects: [] });
}

/** An offset-paged server over a fixed list (newest first), with knobs for misbehaviour. */
function scripted(records: AuditRecord[], o: { ignoreEndDate?: boolean; noLinks?: boolean; cap?: number; echo?: number; stray?: AuditRecord } = {}) {
  const requests: PageRequest[] = [];
  const fetch = async (q: PageRequest): Promise<AuditRecordArray> => {
    requests.push(q);
    const selected = records.filter((r) => r.creationDate >= q.startDate && (o.ignoreEndDate === true || r.creationDate <= q.endDate));
    const limit = Math.min(q.limit, o.cap ?? Infinity);
    const results = selected.slice(q.start, q.start + limit);
    if (o.stray !== undefined && q.start === 0) {
      results.unshift(o.stray);
    }
    const more = q.start + limit < selected.length;
    return { results, start: q.start, limit: o.echo ?? limit, size: results.length, _links: o.noLinks === true ? {} : more ? { next: '/rest/api/audit?start=x', base: 'b' } : { base: 'b' } };
  };
  return { fetch, requests };
}

const quiet = (): void => undefined;

describe('api pager against scripted servers', () => {
  const records = Array.from({ length: 30 }, (_, i) => rec(1000 - i * 10, `r${i}`));

  it('a short page with a next link is not the end', async () => {
    const server = scripted(records, { cap: 4, echo: 50 });
    const pager = new KeysetPager(server.fetch, { startDate: 0, endDate: 2000 }, 50, quiet);
    const got = await drain(() => pager.next());
    assert.equal(got.length, 30);
    assert.equal(pager.pageSize, 4);
  });

  it('without any _links it pages until an empty page', async () => {
    const server = scripted(records, { noLinks: true });
    const pager = new KeysetPager(server.fetch, { startDate: 0, endDate: 2000 }, 7, quiet);
    assert.deepEqual((await drain(() => pager.next())).map((r) => r.summary), records.map((r) => r.summary));
    assert.equal(server.requests[server.requests.length - 1].endDate, records[29].creationDate);
  });

  it('drops records outside the range a server sends anyway, and says so', async () => {
    const lines: string[] = [];
    const server = scripted(records, { stray: rec(5000, 'stray') });
    const pager = new KeysetPager(server.fetch, { startDate: 0, endDate: 2000 }, 8, (_l, m) => lines.push(m));
    const got = await drain(() => pager.next());
    assert.equal(got.length, 30);
    assert.ok(lines.some((l) => /Ignored 1 records outside/.test(l)));
  });

  it('a server that ignores endDate cannot make it loop forever', async () => {
    const server = scripted(records, { ignoreEndDate: true, cap: 1 });
    const pager = new KeysetPager(server.fetch, { startDate: 0, endDate: 2000 }, 1, quiet);
    await assert.rejects(drain(() => pager.next()), (e: unknown) => e instanceof AuditError && e.kind === 'badResponse');
  });

  it('serialises concurrent next() calls, and a failed call changes nothing', async () => {
    const server = scripted(records);
    let fail = true;
    const pager = new KeysetPager(async (q) => {
      if (fail) {
        fail = false;
        throw new AuditError('network', 'boom');
      }
      return server.fetch(q);
    }, { startDate: 0, endDate: 2000 }, 10, quiet);
    await assert.rejects(pager.next(), AuditError);
    const [a, b] = await Promise.all([pager.next(), pager.next()]);
    assert.deepEqual([...a, ...b].map((r) => r.summary), records.slice(0, 20).map((r) => r.summary));
  });
});
