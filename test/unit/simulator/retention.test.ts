// GET/PUT /wiki/rest/api/audit/retention: spec validity, validation with Confluence error bodies,
// and the purge of records older than a shorter period.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator';
import { basic, getJson, sendJson } from './http';
import { assertMatchesSchema } from './specSchemas';

const NOW = Date.UTC(2025, 6, 1, 0, 0);
const DAY = 24 * 3600 * 1000;

describe('simulator: retention', () => {
  let sim: Simulator;
  let url: string;

  beforeEach(async () => {
    sim = await startSimulator({ records: 3000, seed: 11, anchor: NOW, now: () => NOW, periodDays: 300 });
    url = `${sim.url}/wiki/rest/api/audit/retention`;
  });
  afterEach(() => sim.stop());

  it('reads the period', async () => {
    const res = await getJson(url, basic(sim.admin));
    assert.equal(res.status, 200);
    assertMatchesSchema('RetentionPeriod', res.body);
    assert.deepEqual(res.body, sim.getRetention());
  });

  it('sets a valid period, reads it back and deletes every older record', async () => {
    const before = sim.allRecords();
    const cutoff = NOW - 30 * DAY;
    assert.ok(before.some((r) => r.creationDate < cutoff));
    const res = await sendJson('PUT', url, basic(sim.admin), { number: 30, units: 'DAYS' });
    assert.equal(res.status, 200);
    assertMatchesSchema('RetentionPeriod', res.body);
    assert.deepEqual(res.body, { number: 30, units: 'DAYS' });
    assert.deepEqual((await getJson(url, basic(sim.admin))).body, { number: 30, units: 'DAYS' });

    const after = sim.allRecords();
    assert.deepEqual(after, before.filter((r) => r.creationDate >= cutoff));
    const page = (await getJson(`${sim.url}/wiki/rest/api/audit?endDate=${cutoff - 1}`, basic(sim.admin))).body as { size: number };
    assert.equal(page.size, 0);
  });

  it('accepts exactly up to one year', async () => {
    for (const period of [{ number: 1, units: 'YEARS' }, { number: 12, units: 'MONTHS' }, { number: 52, units: 'WEEKS' }, { number: 365, units: 'DAYS' }]) {
      const res = await sendJson('PUT', url, basic(sim.admin), period);
      assert.equal(res.status, 200, JSON.stringify(period));
    }
  });

  it('refuses invalid periods with 400 and a Confluence error body, changing nothing', async () => {
    const count = sim.allRecords().length;
    const bad: unknown[] = [
      { number: 0, units: 'DAYS' }, { number: -5, units: 'DAYS' }, { number: 1.5, units: 'DAYS' }, { number: '3', units: 'DAYS' },
      { number: 3, units: 'FORTNIGHTS' }, { number: 3 }, { units: 'DAYS' }, { number: 13, units: 'MONTHS' }, { number: 2, units: 'YEARS' },
      { number: 400, units: 'DAYS' }, { number: 1, units: 'FOREVER' }, { number: 1, units: 'DECADES' }, { number: 1, units: 'MILLENNIA' },
      [], 'null',
    ];
    for (const period of bad) {
      const res = await sendJson('PUT', url, basic(sim.admin), period);
      assert.equal(res.status, 400, JSON.stringify(period));
      const body = res.body as { statusCode: number; message: string; data: { authorized: boolean; valid: boolean; successful: boolean; errors: { message: { key: string; args: unknown[]; translation: string } }[] } };
      assert.equal(body.statusCode, 400);
      assert.equal(body.data.valid, false);
      assert.equal(body.data.successful, false);
      assert.equal(typeof body.data.errors[0]?.message.key, 'string');
      assert.ok(Array.isArray(body.data.errors[0]?.message.args));
      assert.ok(body.message.length > 0);
    }
    assert.equal(sim.allRecords().length, count);
    assert.deepEqual(sim.getRetention(), { number: 1, units: 'YEARS' });
  });

  it('setRetention() from a test purges the same way', () => {
    sim.setRetention({ number: 2, units: 'HOURS' });
    assert.ok(sim.allRecords().every((r) => r.creationDate >= NOW - 2 * 3600 * 1000));
    assert.deepEqual(sim.getRetention(), { number: 2, units: 'HOURS' });
  });
});
