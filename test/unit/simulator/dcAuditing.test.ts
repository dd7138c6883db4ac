// The Data Center advanced auditing face: events in the shape of real DC 7.14 answers, cursor
// paging, 404 where a site has no advanced auditing (and on Cloud), the anonymous user refused.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator';
import { bearer, getJson } from './http';

/** The keys of a real /rest/auditing/1.0/events entity and of its parts (../shared/notes/real-formats.md). */
const EVENT_KEYS = ['affectedObjects', 'author', 'changedValues', 'extraAttributes', 'method', 'source', 'system', 'timestamp', 'type'];
const AUTHOR_KEYS = ['avatarUri', 'id', 'name', 'type', 'uri'];
const TYPE_KEYS = ['action', 'actionI18nKey', 'category', 'categoryI18nKey'];

interface Entity { timestamp: string; author: Record<string, unknown>; type: Record<string, unknown>; changedValues: Array<Record<string, unknown>> }
interface EventsBody { entities: Entity[]; pagingInfo: { nextPageCursor?: string; nextPageLink?: string } }

describe('simulator: Data Center advanced auditing', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ records: 300, seed: 5, anchor: Date.UTC(2025, 0, 15), now: () => Date.UTC(2025, 0, 15) });
  });
  after(() => sim.stop());

  const events = (query: string) => getJson(`${sim.dataCenterUrl}/rest/auditing/1.0/events?${query}`, bearer(sim.admin));

  it('sends entities with exactly the fields real Data Center sends, newest first', async () => {
    const { status, body } = await events('limit=50');
    assert.equal(status, 200);
    const page = body as EventsBody;
    assert.equal(page.entities.length, 50);
    for (const e of page.entities) {
      assert.deepEqual(Object.keys(e).sort(), EVENT_KEYS);
      assert.deepEqual(Object.keys(e.type).sort(), TYPE_KEYS);
      if (e.author.type === 'user') assert.deepEqual(Object.keys(e.author).sort(), AUTHOR_KEYS);
      assert.match(e.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      for (const v of e.changedValues) {
        assert.ok(!('from' in v) || v.from !== '', 'an empty side is left out, never sent as ""');
        assert.ok(!('to' in v) || v.to !== '');
      }
    }
    const times = page.entities.map((e) => Date.parse(e.timestamp));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.match(page.pagingInfo.nextPageCursor ?? '', /^\d+,\d+$/);
    assert.ok(page.pagingInfo.nextPageLink?.includes('pageCursor='));
  });

  it('continues strictly below the cursor and ends without one', async () => {
    const first = (await events('limit=200')).body as EventsBody;
    const second = (await events(`limit=200&pageCursor=${encodeURIComponent(first.pagingInfo.nextPageCursor ?? '')}`)).body as EventsBody;
    assert.equal(first.entities.length + second.entities.length, 300);
    assert.equal(second.pagingInfo.nextPageCursor, undefined);
    assert.ok(Date.parse(first.entities[199].timestamp) >= Date.parse(second.entities[0].timestamp));
  });

  it('refuses a malformed cursor or date with 400', async () => {
    assert.equal((await events('pageCursor=abc')).status, 400);
    assert.equal((await events('from=yesterday')).status, 400);
  });

  it('answers 404 on Cloud and on a Data Center without advanced auditing', async () => {
    assert.equal((await getJson(`${sim.url}/wiki/rest/auditing/1.0/events`, bearer(sim.admin))).status, 404);
    const old = await startSimulator({ records: 5, advancedAuditing: false });
    try {
      assert.equal((await getJson(`${old.dataCenterUrl}/rest/auditing/1.0/events`, bearer(old.admin))).status, 404);
      assert.equal((await getJson(`${old.dataCenterUrl}/rest/api/audit`, bearer(old.admin))).status, 200);
    } finally {
      await old.stop();
    }
  });

  it('refuses the silent anonymous user (a wrong token) with 401 instead of an empty log', async () => {
    const { status, headers } = await getJson(`${sim.dataCenterUrl}/rest/auditing/1.0/events`, 'Bearer wrong');
    assert.equal(status, 401);
    assert.equal(headers['x-ausername'], 'anonymous');
  });

  it('hides the events of areas whose coverage is off, and reports the levels', async () => {
    const before = ((await events('limit=1000')).body as EventsBody).entities.length;
    sim.setDcCoverage({ USER_MANAGEMENT: 'OFF' });
    try {
      const after = ((await events('limit=1000')).body as EventsBody).entities;
      assert.ok(after.length < before);
      assert.ok(after.every((e) => !/user|group/i.test(String(e.type.category))));
      const coverage = (await getJson(`${sim.dataCenterUrl}/rest/auditing/1.0/configuration/coverage`, bearer(sim.admin))).body as { levelByArea: Record<string, string> };
      assert.equal(coverage.levelByArea.USER_MANAGEMENT, 'OFF');
      assert.equal(coverage.levelByArea.SECURITY, 'BASE');
    } finally {
      sim.setDcCoverage({ USER_MANAGEMENT: 'BASE' });
    }
  });
});
