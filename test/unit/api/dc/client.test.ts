// The Data Center advanced auditing client against the simulator over real HTTP: detection, paging
// a window completely, server-side filters, coverage, and the error taxonomy (fake clock, no waiting).
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator';
import { isAuditError } from '../../../../src/api';
import { DcEventPager, type DcAuditEvent, type DcEventsPage } from '../../../../src/api/dc';
import { SIM_NOW, startSim } from '../helpers/sim';
import { asEvents, closeDcClients, dcClientFor, eventKey } from './helpers';

const DAY = 86_400_000;

async function collect(it: AsyncIterable<DcAuditEvent>): Promise<DcAuditEvent[]> {
  const out: DcAuditEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('api: Data Center advanced auditing client', function () {
  this.timeout(30_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSim({ records: 600, seed: 11, periodDays: 10 });
  });
  after(async () => {
    await closeDcClients();
    await sim.stop();
  });
  afterEach(() => sim.faults.clear());

  it('detects advanced auditing on 7.5+ and says so in the log', async () => {
    const { client, log } = dcClientFor(sim);
    assert.equal(await client.detect(), 'advanced');
    assert.ok(log.lines.some((l) => /offers advanced auditing/.test(l)));
  });

  it('detects a 5.10–7.4 site (no /rest/auditing) as legacy-only', async () => {
    const old = await startSim({ records: 10, advancedAuditing: false });
    try {
      const { client, log } = dcClientFor(old);
      assert.equal(await client.detect(), 'legacy');
      assert.ok(log.lines.some((l) => /no advanced auditing/.test(l)));
    } finally {
      await old.stop();
    }
  });

  it('pages a window through the cursor: every event of [start, end] once, newest first', async () => {
    const { client } = dcClientFor(sim);
    const startDate = SIM_NOW - 4 * DAY;
    const endDate = SIM_NOW - 1 * DAY;
    const got = await collect(client.allEvents({ startDate, endDate }, { pageSize: 37 }));
    const expected = asEvents(sim, sim.recordsInRange(startDate, endDate));
    assert.ok(expected.length > 100, 'the window holds enough events to page');
    assert.deepEqual(got.map(eventKey), expected.map(eventKey));
    const cursors = sim.requests.filter((r) => r.url.includes('/rest/auditing/1.0/events') && r.url.includes('pageCursor=')).length;
    assert.ok(cursors >= Math.floor(expected.length / 37), `followed the cursor (${cursors} cursor requests)`);
  });

  it('keeps events exactly at both bounds and none outside', async () => {
    const { client } = dcClientFor(sim);
    const all = sim.allRecords();
    const endDate = all[20].creationDate;
    const startDate = all[60].creationDate;
    const got = await collect(client.allEvents({ startDate, endDate }, { pageSize: 7 }));
    assert.ok(got.some((e) => e.time === startDate) && got.some((e) => e.time === endDate));
    assert.ok(got.every((e) => e.time >= startDate && e.time <= endDate));
    assert.equal(got.length, sim.recordsInRange(startDate, endDate).length);
  });

  it('runs the author, category, action, object and search filters on the server', async () => {
    const { client } = dcClientFor(sim);
    const window = { startDate: SIM_NOW - 10 * DAY, endDate: SIM_NOW };
    const everything = await collect(client.allEvents(window));
    const sample = everything.find((e) => e.author.type === 'user' && e.affectedObjects.some((o) => o.id !== undefined));
    assert.ok(sample, 'a user event with an object id');
    const object = sample.affectedObjects.find((o) => o.id !== undefined);
    assert.ok(object?.id !== undefined);
    const cases: Array<[string, Parameters<typeof client.pager>[0]['filters'], (e: DcAuditEvent) => boolean]> = [
      ['userIds', { userIds: [sample.author.id] }, (e) => e.author.id === sample.author.id],
      ['categories', { categories: [sample.category] }, (e) => e.category === sample.category],
      ['actions', { actions: [sample.action] }, (e) => e.action === sample.action],
      ['affectedObject', { affectedObjects: [{ type: object.type, id: object.id }] }, (e) => e.affectedObjects.some((o) => o.type === object.type && o.id === object.id)],
    ];
    for (const [name, filters, holds] of cases) {
      const before = sim.requests.length;
      const got = await collect(client.allEvents({ ...window, filters }));
      const expected = everything.filter(holds);
      assert.ok(expected.length > 0, name);
      assert.deepEqual(got.map(eventKey), expected.map(eventKey), name);
      const sent = sim.requests.slice(before).map((r) => decodeURIComponent(r.url));
      assert.ok(sent.every((u) => u.includes(`${name}=`)), `${name} was sent to the server`);
    }
    const searched = await collect(client.allEvents({ ...window, filters: { search: sample.action.slice(0, 6) } }));
    assert.ok(searched.length > 0 && searched.length < everything.length);
  });

  it('reads coverage and names the areas that are off', async () => {
    const { client } = dcClientFor(sim);
    sim.setDcCoverage({ END_USER_ACTIVITY: 'OFF', SECURITY: 'FULL' });
    try {
      const coverage = await client.coverage();
      assert.equal(coverage.levelByArea.END_USER_ACTIVITY, 'off');
      assert.equal(coverage.levelByArea.SECURITY, 'full');
      assert.equal(coverage.levelByArea.PERMISSIONS, 'base');
    } finally {
      sim.setDcCoverage({ END_USER_ACTIVITY: 'BASE', SECURITY: 'BASE' });
    }
  });

  it('tells a wrong token (401) from a non-administrator (403)', async () => {
    const wrong = dcClientFor(sim, { credentials: { kind: 'bearer', token: 'not-the-token' } }).client;
    await assert.rejects(wrong.detect(), (e: unknown) => isAuditError(e, 'unauthorized'));
    const nonAdmin = dcClientFor(sim, { credentials: { kind: 'bearer', token: sim.nonAdmin.pat } }).client;
    await assert.rejects(nonAdmin.coverage(), (e: unknown) => isAuditError(e, 'forbidden'));
  });

  it('waits out a 429 for exactly its Retry-After and retries a 503, on the fake clock', async () => {
    const { client, clock } = dcClientFor(sim);
    sim.faults.once({ kind: '429', retryAfter: '9' });
    sim.faults.once({ kind: '503' });
    const page = await client.events({ from: new Date(SIM_NOW - DAY).toISOString(), to: new Date(SIM_NOW).toISOString(), limit: 5 });
    assert.equal(page.events.length, 5);
    assert.equal(clock.sleeps[0], 9000);
    assert.equal(clock.sleeps.length, 2);
  });

  it('completes a window while events keep arriving (insert fault on every request)', async () => {
    const { client } = dcClientFor(sim);
    const startDate = SIM_NOW - 3 * DAY;
    const endDate = SIM_NOW;
    const expected = asEvents(sim, sim.recordsInRange(startDate, endDate)).map(eventKey);
    sim.faults.set({ insertEvery: 1, insertCount: 2 });
    const got = (await collect(client.allEvents({ startDate, endDate }, { pageSize: 25 }))).map(eventKey);
    sim.faults.clear();
    const count = (keys: string[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    const returned = count(got);
    const atEnd = count(asEvents(sim, sim.recordsInRange(startDate, endDate)).map(eventKey));
    assert.ok(sim.recordsInRange(startDate, endDate).length > expected.length, 'events arrived inside the window while paging');
    for (const [k, n] of count(expected)) assert.ok((returned.get(k) ?? 0) >= n, 'an event present from the start is missing');
    for (const [k, n] of returned) assert.ok(n <= (atEnd.get(k) ?? 0), 'an event was returned more often than it exists');
  });

  it('refuses to loop when a server ignores pageCursor and repeats its page', async () => {
    const event = asEvents(sim, sim.allRecords().slice(0, 1))[0];
    const repeat = async (): Promise<DcEventsPage> => ({ events: [event], nextPageCursor: '1,1' });
    const pager = new DcEventPager(repeat, { startDate: 0, endDate: SIM_NOW }, 10, () => undefined);
    assert.equal((await pager.next()).length, 1);
    await assert.rejects(pager.next(), /ignore pageCursor/);
  });

  it('skips a page that holds only events outside the window instead of stopping', async () => {
    const distinct = sim.allRecords().filter((r, i, all) => i === 0 || all[i - 1].creationDate !== r.creationDate);
    const [newest, middle, oldest] = asEvents(sim, distinct.slice(0, 3));
    const pages: DcEventsPage[] = [{ events: [newest], nextPageCursor: 'a' }, { events: [middle, oldest] }];
    const pager = new DcEventPager(async () => pages.shift() ?? { events: [] }, { startDate: oldest.time, endDate: middle.time }, 1, () => undefined);
    assert.deepEqual((await pager.next()).map(eventKey), [middle, oldest].map(eventKey));
    assert.deepEqual(await pager.next(), []);
    assert.ok(pager.done);
  });
});
