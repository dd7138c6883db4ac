// GET /wiki/rest/api/audit and /since: spec validity, inclusive bounds, order, paging links, limit cap,
// searchString, since units, parameter errors, lenient shapes.
import * as assert from 'node:assert/strict';
import { SINCE_UNITS } from '../../../src/api/types';
import { periodStart, startSimulator, type Simulator } from '../../../simulator';
import { asPage, basic, getJson, type Page } from './http';
import { assertMatchesSchema } from './specSchemas';

const ANCHOR = Date.UTC(2025, 5, 15, 12, 0, 0); // 2025-06-15T12:00:00Z
const DAY = 24 * 3600 * 1000;

describe('simulator: GET audit records', () => {
  let sim: Simulator;
  let auth: string;
  let audit: string;

  before(async () => {
    sim = await startSimulator({ records: 5000, seed: 3, anchor: ANCHOR, now: () => ANCHOR });
    auth = basic(sim.admin);
    audit = `${sim.url}/wiki/rest/api/audit`;
  });
  after(() => sim.stop());

  async function page(query: string): Promise<Page> {
    const res = await getJson(`${audit}${query}`, auth);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assertMatchesSchema('AuditRecordArray', res.body);
    return asPage(res.body);
  }

  /** Follows `_links.next` (relative to the context) to the end. */
  async function walk(first: string): Promise<{ records: Page['results']; pages: Page[] }> {
    const pages: Page[] = [];
    let next: string | undefined = `/rest/api/audit${first}`;
    while (next !== undefined) {
      const res = await getJson(`${sim.url}/wiki${next}`, auth);
      assertMatchesSchema('AuditRecordArray', res.body);
      const p = asPage(res.body);
      pages.push(p);
      next = p._links['next'];
    }
    return { records: pages.flatMap((p) => p.results), pages };
  }

  it('answers a spec-valid page, newest first, with the default limit of 1000', async () => {
    const p = await page('');
    assert.equal(p.start, 0);
    assert.equal(p.limit, 1000);
    assert.equal(p.size, 1000);
    assert.equal(p.results.length, 1000);
    for (let i = 1; i < p.results.length; i++) {
      assert.ok((p.results[i - 1]?.creationDate ?? 0) >= (p.results[i]?.creationDate ?? 0), `order at ${i}`);
    }
    assert.equal(p._links['base'], `${sim.url}/wiki`);
    assert.equal(p._links['context'], '/wiki');
    assert.equal(p._links['self'], `${sim.url}/wiki/rest/api/audit`);
    assert.equal(p._links['next'], '/rest/api/audit?start=1000&limit=1000');
  });

  it('pages through exactly what recordsInRange returns, with relative next links keeping the query', async () => {
    const start = ANCHOR - 30 * DAY;
    const end = ANCHOR - 2 * DAY;
    const { records, pages } = await walk(`?startDate=${start}&endDate=${end}&limit=700`);
    const expected = sim.recordsInRange(start, end);
    assert.ok(expected.length > 1000, 'the window spans several pages');
    assert.deepEqual(records, expected);
    assert.equal(pages.length, Math.ceil(expected.length / 700));
    assert.equal(pages[0]?._links['next'], `/rest/api/audit?startDate=${start}&endDate=${end}&limit=700&start=700`);
    const last = pages[pages.length - 1];
    assert.ok(last && last.size === expected.length % 700 && last._links['next'] === undefined);
    pages.forEach((p, i) => assert.equal(p.start, i * 700));
  });

  it('treats startDate and endDate as inclusive, to the millisecond', async () => {
    const b = ANCHOR - 10 * DAY + 123;
    sim.insert([-1, 0, 1].map((d) => ({ remoteAddress: '203.0.113.9', creationDate: b + d, summary: `bound ${d}` })));
    const summaries = async (s: number, e: number): Promise<string[]> =>
      (await page(`?startDate=${s}&endDate=${e}`)).results.map((r) => r.summary).filter((x) => x.startsWith('bound'));
    assert.deepEqual(await summaries(b, b), ['bound 0']);
    assert.deepEqual(await summaries(b, b + 1), ['bound 1', 'bound 0']);
    assert.deepEqual(await summaries(b - 1, b), ['bound 0', 'bound -1']);
    assert.deepEqual(await summaries(b + 2, b + 5), []);
  });

  it('caps limit at maxPageSize and echoes the capped value', async () => {
    const small = await startSimulator({ records: 600, seed: 3, anchor: ANCHOR, now: () => ANCHOR, maxPageSize: 250 });
    try {
      const res = await getJson(`${small.url}/wiki/rest/api/audit?limit=1000`, basic(small.admin));
      const p = asPage(res.body);
      assert.equal(p.limit, 250);
      assert.equal(p.size, 250);
      assert.equal(p._links['next'], '/rest/api/audit?limit=250&start=250');
      const last = asPage((await getJson(`${small.url}/wiki/rest/api/audit?start=500&limit=1000`, basic(small.admin))).body);
      assert.equal(last.size, 100);
      assert.equal(last._links['next'], undefined);
    } finally {
      await small.stop();
    }
  });

  it('returns an empty page without next past the end, and for limit=0', async () => {
    const past = await page('?start=999999');
    assert.equal(past.size, 0);
    assert.equal(past._links['next'], undefined);
    const zero = await page('?limit=0');
    assert.equal(zero.size, 0);
    assert.equal(zero.limit, 0);
    assert.equal(zero._links['next'], undefined);
  });

  it('filters by searchString case-insensitively over string values', async () => {
    sim.insert([{ remoteAddress: '198.51.100.7', affectedObject: { name: 'Zebra-Needle-42', objectType: 'Page' } }]);
    const hit = await page('?searchString=zEBRA-needle');
    assert.equal(hit.size, 1);
    assert.equal((hit.results[0]?.['affectedObject'] as { name: string }).name, 'Zebra-Needle-42');

    const { records } = await walk('?searchString=GROUP&limit=1000');
    assert.ok(records.length > 0 && records.length < sim.allRecords().length);
    for (const r of records) {
      assert.match(JSON.stringify(r).toLowerCase(), /group/);
    }
    assert.deepEqual(records, sim.recordsInRange(-Infinity, Infinity, 'GROUP'));
    const p = await page('?searchString=GROUP&limit=10');
    assert.equal(p._links['next'], '/rest/api/audit?searchString=GROUP&limit=10&start=10');
  });

  it('answers 400 with a Confluence error body for malformed parameters', async () => {
    for (const query of ['?startDate=yesterday', '?endDate=1.5', '?start=-1', '?limit=ten']) {
      const res = await getJson(`${audit}${query}`, auth);
      assert.equal(res.status, 400, query);
      const body = res.body as { statusCode: number; message: string; data: { valid: boolean; errors: { message: { translation: string } }[] } };
      assert.equal(body.statusCode, 400);
      assert.equal(body.data.valid, false);
      assert.ok(body.message.length > 0 && body.data.errors[0]?.message.translation === body.message);
    }
  });
});

describe('simulator: GET audit/since', () => {
  let sim: Simulator;
  let auth: string;

  before(async () => {
    sim = await startSimulator({ records: 3000, seed: 4, anchor: ANCHOR, now: () => ANCHOR, periodDays: 200 });
    auth = basic(sim.admin);
    // A record from the future is outside every /since window (they end now).
    sim.insert([{ remoteAddress: '192.0.2.1', creationDate: ANCHOR + 60_000, summary: 'from the future' }]);
  });
  after(() => sim.stop());

  async function since(query: string): Promise<Page['results']> {
    const out: Page['results'] = [];
    let next: string | undefined = `/rest/api/audit/since${query}`;
    while (next !== undefined) {
      const res = await getJson(`${sim.url}/wiki${next}`, auth);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assertMatchesSchema('AuditRecordArray', res.body);
      const p = asPage(res.body);
      out.push(...p.results);
      next = p._links['next'];
    }
    return out;
  }

  it('defaults to 3 MONTHS back from now', async () => {
    const got = await since('');
    const threeMonthsBack = Date.UTC(2025, 2, 15, 12, 0, 0);
    assert.deepEqual(got, sim.recordsInRange(threeMonthsBack, ANCHOR));
    assert.ok(got.every((r) => r.summary !== 'from the future'));
    assert.ok(got.length > 0);
  });

  it('accepts every SINCE unit', async () => {
    const numbers: Record<string, number> = { NANOS: 5e12, MICROS: 5e9, MILLIS: 5e6, SECONDS: 86400, MINUTES: 600, HOURS: 30, HALF_DAYS: 5, DAYS: 7, WEEKS: 2, MONTHS: 1, YEARS: 1, DECADES: 1, CENTURIES: 1 };
    for (const units of SINCE_UNITS) {
      const n = numbers[units] ?? 1;
      const got = await since(`?number=${n}&units=${units}`);
      assert.deepEqual(got, sim.recordsInRange(periodStart(ANCHOR, n, units), ANCHOR), units);
    }
    assert.equal((await since('?number=1&units=WEEKS')).length, sim.recordsInRange(ANCHOR - 7 * DAY, ANCHOR).length);
    assert.equal((await since('?number=1&units=YEARS')).length, sim.recordsInRange(Date.UTC(2024, 5, 15, 12), ANCHOR).length);
  });

  it('keeps number and units in the next link and refuses unknown units', async () => {
    const res = await getJson(`${sim.url}/wiki/rest/api/audit/since?number=30&units=DAYS&limit=5`, auth);
    assert.equal(asPage(res.body)._links['next'], '/rest/api/audit/since?number=30&units=DAYS&limit=5&start=5');
    assert.equal((await getJson(`${sim.url}/wiki/rest/api/audit/since?units=FORTNIGHTS`, auth)).status, 400);
    assert.equal((await getJson(`${sim.url}/wiki/rest/api/audit/since?number=-3`, auth)).status, 400);
  });
});

describe('simulator: lenient shapes', () => {
  it('sends operations {} and string creationDates only when lenientShapes is on', async () => {
    const strict = await startSimulator({ records: 1000, seed: 5, anchor: ANCHOR, now: () => ANCHOR });
    const lenient = await startSimulator({ records: 1000, seed: 5, anchor: ANCHOR, now: () => ANCHOR, lenientShapes: true });
    try {
      const s = (await getJson(`${strict.url}/wiki/rest/api/audit`, basic(strict.admin))).body;
      assertMatchesSchema('AuditRecordArray', s);
      const l = asPage((await getJson(`${lenient.url}/wiki/rest/api/audit`, basic(lenient.admin))).body);
      const emptyObjects = l.results.filter((r) => {
        const ops = (r['author'] as { operations?: unknown }).operations;
        return typeof ops === 'object' && ops !== null && !Array.isArray(ops);
      });
      const stringDates = l.results.filter((r) => typeof r.creationDate === 'string');
      assert.ok(emptyObjects.length > 20, `operations {}: ${emptyObjects.length}`);
      assert.ok(stringDates.length > 20, `string dates: ${stringDates.length}`);
      assert.ok(stringDates.every((r) => /^\d+$/.test(String(r.creationDate))));
      // Same records underneath: the model view is identical.
      assert.deepEqual(lenient.allRecords(), strict.allRecords());
    } finally {
      await Promise.all([strict.stop(), lenient.stop()]);
    }
  });
});
