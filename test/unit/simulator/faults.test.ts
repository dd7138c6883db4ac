// Fault injection (one-shot and seeded by rate), page cap, inserts while paging, the enforced rate
// limit and configured redirects: each observable from a client.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { startSimulator, type Simulator } from '../../../simulator';
import { asPage, basic, getJson, request, waitFor } from './http';
import { assertMatchesSchema } from './specSchemas';

interface Partial {
  status: number;
  promised: number;
  received: number;
  complete: boolean;
}

/** Reads a response that may die midway: what was promised and what arrived. */
function readPartial(url: string, authorization: string): Promise<Partial> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization }, agent: false }, (res) => {
      let received = 0;
      res.on('data', (c: Buffer) => (received += c.length));
      const finish = (): void => resolve({ status: res.statusCode ?? 0, promised: Number(res.headers['content-length'] ?? -1), received, complete: res.complete });
      res.on('close', finish);
      res.on('error', () => undefined);
    });
    req.on('error', reject);
  });
}

describe('simulator: faults', () => {
  let sim: Simulator;
  let auth: string;
  let audit: string;
  let clock = Date.UTC(2025, 1, 1);

  before(async () => {
    sim = await startSimulator({ records: 2500, seed: 17, anchor: clock, now: () => clock });
    auth = basic(sim.admin);
    audit = `${sim.url}/wiki/rest/api/audit`;
  });
  afterEach(() => sim.faults.clear());
  after(() => sim.stop());

  it('429 once, with Retry-After in seconds, as an HTTP date or absurdly large; then normal again', async () => {
    for (const retryAfter of ['7', 'Wed, 21 Oct 2015 07:28:00 GMT', '9223372036854775807']) {
      const before = sim.faults.counts['429'] ?? 0;
      sim.faults.once({ kind: '429', retryAfter });
      const limited = await getJson(audit, auth);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers['retry-after'], retryAfter);
      assert.equal((limited.body as { statusCode: number }).statusCode, 429);
      assert.equal(sim.faults.counts['429'], before + 1);
      assert.equal((await getJson(audit, auth)).status, 200);
    }
  });

  it('503 with or without Retry-After, and 500', async () => {
    sim.faults.once({ kind: '503', retryAfter: '3' });
    sim.faults.once({ kind: '503', retryAfter: '' });
    sim.faults.once({ kind: '500' });
    const a = await getJson(audit, auth);
    assert.equal(a.status, 503);
    assert.equal(a.headers['retry-after'], '3');
    const b = await getJson(audit, auth);
    assert.equal(b.status, 503);
    assert.equal(b.headers['retry-after'], undefined);
    const c = await getJson(audit, auth);
    assert.equal(c.status, 500);
    assert.equal((c.body as { statusCode: number }).statusCode, 500);
  });

  it('an arbitrary status with its own body and headers', async () => {
    sim.faults.once({ kind: 'status', status: 418, body: 'short and stout', headers: { 'X-Teapot': 'yes' } });
    const res = await request(audit, { headers: { authorization: auth } });
    assert.equal(res.status, 418);
    assert.equal(res.text, 'short and stout');
    assert.equal(res.headers['x-teapot'], 'yes');
  });

  it('resets the connection before any response', async () => {
    sim.faults.once({ kind: 'reset' });
    await assert.rejects(request(audit, { headers: { authorization: auth } }), (e: NodeJS.ErrnoException) => e.code === 'ECONNRESET');
    assert.equal(sim.requests[sim.requests.length - 1]?.status, undefined);
  });

  it('stalls before the headers', async () => {
    sim.faults.once({ kind: 'stallBeforeHeaders', ms: 300 });
    const sent = Date.now();
    const res = await request(`${audit}?limit=10`, { headers: { authorization: auth } });
    assert.equal(res.status, 200);
    assert.ok(res.headersAt - sent >= 290, `headers after ${res.headersAt - sent} ms`);
    assertMatchesSchema('AuditRecordArray', JSON.parse(res.text));
  });

  it('stalls in the middle of the body, then completes it', async () => {
    sim.faults.once({ kind: 'stallMidBody', ms: 300 });
    const res = await request(`${audit}?limit=50`, { headers: { authorization: auth } });
    assert.equal(res.status, 200);
    assert.ok(res.chunks >= 2);
    assert.ok(res.endAt - res.firstChunkAt >= 290, `body gap ${res.endAt - res.firstChunkAt} ms`);
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assertMatchesSchema('AuditRecordArray', JSON.parse(res.text));
  });

  it('truncates: promises a Content-Length, sends less, drops the connection', async () => {
    sim.faults.once({ kind: 'truncate' });
    const res = await readPartial(`${audit}?limit=100`, auth);
    assert.equal(res.status, 200);
    assert.ok(res.promised > 0 && res.received < res.promised, `${res.received} of ${res.promised}`);
    assert.equal(res.complete, false);
  });

  it('truncates and stalls streamed exports too', async () => {
    sim.faults.once({ kind: 'truncate' });
    const cut = await readPartial(`${audit}/export`, auth);
    assert.equal(cut.status, 200);
    assert.equal(cut.complete, false);
    sim.faults.once({ kind: 'stallMidBody', ms: 200 });
    const slow = await request(`${audit}/export`, { headers: { authorization: auth } });
    assert.ok(slow.endAt - slow.firstChunkAt >= 190);
    assert.equal(slow.text.split('\r\n').length - 2, sim.allRecords().length);
  });

  it('applies faults only to the configured paths', async () => {
    sim.faults.set({ paths: ['/audit/since'], rate429: 1 });
    assert.equal((await getJson(audit, auth)).status, 200);
    assert.equal((await getJson(`${audit}/since`, auth)).status, 429);
    sim.faults.clear();
    sim.faults.once({ kind: '500' });
    assert.equal((await getJson(`${sim.url}/_edge/tenant_info`)).status, 200, 'not an audit path: the one-shot waits');
    assert.equal((await getJson(audit, auth)).status, 500);
  });

  it('decides random faults from the seed: the same seed gives the same sequence', async () => {
    const run = async (): Promise<number[]> => {
      sim.faults.set({ seed: 99, rate429: 0.3, rate500: 0.2, rate503: 0.1 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        statuses.push((await getJson(`${audit}?limit=1`, auth)).status);
      }
      return statuses;
    };
    const first = await run();
    const second = await run();
    assert.deepEqual(second, first);
    for (const status of [200, 429, 500, 503]) {
      assert.ok(first.includes(status), `${status} in ${first.join(',')}`);
    }
  });

  it('injects each random kind at rate 1', async () => {
    sim.faults.set({ rateReset: 1 });
    await assert.rejects(request(audit, { headers: { authorization: auth } }));
    sim.faults.set({ rate503: 1, retryAfter: '2' });
    assert.equal((await getJson(audit, auth)).headers['retry-after'], '2');
    sim.faults.set({ rateTruncate: 1 });
    assert.equal((await readPartial(`${audit}?limit=5`, auth)).complete, false);
    sim.faults.set({ rateStallBeforeHeaders: 1, stallMs: 100 });
    const sent = Date.now();
    assert.ok((await request(`${audit}?limit=1`, { headers: { authorization: auth } })).headersAt - sent >= 95);
    sim.faults.set({ rateStallMidBody: 1, stallMs: 100 });
    const mid = await request(`${audit}?limit=5`, { headers: { authorization: auth } });
    assert.ok(mid.endAt - mid.firstChunkAt >= 95);
  });

  it('caps the page size', async () => {
    sim.faults.set({ pageCap: 40 });
    const p = asPage((await getJson(`${audit}?limit=1000`, auth)).body);
    assert.equal(p.limit, 40);
    assert.equal(p.size, 40);
    assert.equal(p._links['next'], '/rest/api/audit?limit=1000&start=40'.replace('limit=1000', 'limit=40'));
  });

  it('inserts records at the head every N requests, dated now, shifting later pages', async () => {
    clock += 60_000;
    const pinnedEnd = clock - 1;
    const before = sim.allRecords().length;
    sim.faults.set({ insertEvery: 2, insertCount: 3 });
    const page1 = asPage((await getJson(`${audit}?limit=100`, auth)).body);
    const page2 = asPage((await getJson(`${audit}?limit=100&start=100`, auth)).body);
    assert.equal(sim.allRecords().length, before + 3);
    assert.equal(sim.faults.counts['insertedRecords'] !== undefined, true);
    const heads = sim.allRecords().slice(0, 3);
    assert.ok(heads.every((r) => r.creationDate === clock));
    assertMatchesSchema('AuditRecord', heads[0]);
    // The naive next page now starts with the last 3 records of page 1 again.
    assert.deepEqual(page2.results.slice(0, 3), page1.results.slice(97));
    // A window pinned before the insert does not see them.
    const pinned = asPage((await getJson(`${audit}?endDate=${pinnedEnd}&limit=100&start=100`, auth)).body);
    assert.deepEqual(pinned.results, sim.recordsInRange(-Infinity, pinnedEnd).slice(100, 200));
  });

  it('stop() ends a stalled request at once', async () => {
    const other = await startSimulator({ records: 5, faults: { rateStallBeforeHeaders: 1, stallMs: 600_000 } });
    const pending = request(`${other.url}/wiki/rest/api/audit`, { headers: { authorization: basic(other.admin) } });
    await waitFor(() => other.requests.length === 1, 5000, 'the request to arrive');
    await other.stop();
    await assert.rejects(pending);
  });
});

describe('simulator: rate limit and redirects', () => {
  it('enforces a token bucket with 429 and Retry-After', async () => {
    const sim = await startSimulator({ records: 5, rateLimit: { requestsPerSecond: 0.01, burst: 3 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | string[] | undefined;
      for (let i = 0; i < 5; i++) {
        const res = await getJson(`${sim.url}/wiki/rest/api/audit`, basic(sim.admin));
        statuses.push(res.status);
        retryAfter ??= res.status === 429 ? res.headers['retry-after'] : undefined;
      }
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      assert.ok(Number(retryAfter) >= 1, `Retry-After ${String(retryAfter)}`);
      assert.equal(sim.faults.counts['rateLimited'], 2);
    } finally {
      await sim.stop();
    }
  });

  it('answers configured redirects with 302 to the target plus the rest of the path', async () => {
    const target = await startSimulator({ records: 5 });
    const sim = await startSimulator({ records: 5, redirects: { '/wiki/rest/api/audit': `${target.url}/wiki/rest/api/audit` } });
    try {
      const res = await request(`${sim.url}/wiki/rest/api/audit/since?number=1&units=DAYS`, { headers: { authorization: basic(sim.admin) } });
      assert.equal(res.status, 302);
      assert.equal(res.headers['location'], `${target.url}/wiki/rest/api/audit/since?number=1&units=DAYS`);
      // A client following it to another origin must drop Authorization; the target's log shows what arrived.
      const followed = await fetch(`${sim.url}/wiki/rest/api/audit`, { headers: { authorization: basic(sim.admin) } });
      assert.equal(followed.status, 401);
      const arrived = target.requests[target.requests.length - 1];
      assert.equal(arrived?.url, '/wiki/rest/api/audit');
      assert.equal(arrived.headers['authorization'], undefined);
    } finally {
      await Promise.all([sim.stop(), target.stop()]);
    }
  });
});
