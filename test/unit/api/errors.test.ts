// Every error class from real HTTP exchanges, retries and Retry-After on a fake clock (the recorded
// sleeps are asserted; nothing really waits), and cancellation.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator';
import { AuditError, type AuditErrorKind } from '../../../src/api';
import { deadPort } from './helpers/connectProxy';
import { sequence } from './helpers/fakeClock';
import { startPlainServer, type PlainServer } from './helpers/plainServer';
import { clientFor, closeClients, SIM_NOW, startSim } from './helpers/sim';
import { waitFor } from './helpers/waitFor';

async function failure(p: Promise<unknown>): Promise<AuditError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AuditError, `expected AuditError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

async function expectKind(p: Promise<unknown>, kind: AuditErrorKind): Promise<AuditError> {
  const e = await failure(p);
  assert.equal(e.kind, kind, `${e.kind}: ${e.message}`);
  return e;
}

describe('api errors, retries and cancellation', () => {
  let sim: Simulator;
  let html: PlainServer;
  let html404: PlainServer;
  const apiGets = (): number => sim.requests.filter((r) => r.method === 'GET' && r.url.includes('/rest/api/audit')).length;

  before(async () => {
    sim = await startSim({ records: 300, seed: 31 });
    html = await startPlainServer();
    html404 = await startPlainServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Page not found</body></html>');
    });
  });
  after(async () => {
    await closeClients();
    await Promise.all([sim.stop(), html.stop(), html404.stop()]);
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  describe('authentication and permission', () => {
    it('401: wrong Cloud API token → unauthorized, asking for a new token', async () => {
      const { client } = clientFor(sim, 'cloud', { credentials: { kind: 'basic', email: sim.admin.email, token: 'ATATT-wrong-token-000000' } });
      const e = await expectKind(client.getRetention(), 'unauthorized');
      assert.equal(e.status, 401);
      assert.match(e.message, /rejected the credentials \(401\)\. The API token may be wrong, expired or revoked: sign in again with a new token\./);
      assert.equal(e.retryable, false);
      assert.equal(apiGets(), 1);
    });

    it('Data Center: a wrong personal access token answered as anonymous with 200 → unauthorized', async () => {
      const { client } = clientFor(sim, 'datacenter', { credentials: { kind: 'bearer', token: 'wrong-pat-0000000000' } });
      const e = await expectKind(client.checkConnection(), 'unauthorized');
      assert.equal(e.status, 200);
      assert.match(e.message, /anonymous user/);
      await expectKind(client.getRecords({ limit: 5 }), 'unauthorized');
    });

    it('Data Center: wrong Basic credentials → unauthorized', async () => {
      const { client } = clientFor(sim, 'datacenter', { credentials: { kind: 'basic', email: sim.admin.username, token: 'wrong-password-000' } });
      await expectKind(client.getRetention(), 'unauthorized');
    });

    it('403: a non-admin → forbidden, naming the permission and the plan, with the server message', async () => {
      const { client } = clientFor(sim, 'cloud', { credentials: { kind: 'basic', email: sim.nonAdmin.email, token: sim.nonAdmin.apiToken } });
      const e = await expectKind(client.getRecords({ limit: 1 }), 'forbidden');
      assert.match(e.message, /^Signed in, but this account cannot read the audit log \(403\): it needs the Confluence Administrator global permission, and the site's plan must include the audit log \(not on Free\)\./);
      assert.match(e.serverMessage ?? '', /Confluence Administrator/);
      const scoped = clientFor(sim, 'scoped', { credentials: { kind: 'scoped', email: sim.nonAdmin.email, token: sim.nonAdmin.apiToken } }).client;
      assert.match((await expectKind(scoped.getRetention(), 'forbidden')).message, /read:audit-log:confluence/);
    });
  });

  describe('wrong address', () => {
    it('404 from Confluence → notFound, suggesting the context path', async () => {
      const { client } = clientFor(sim, 'datacenter', { siteUrl: sim.url });
      const e = await expectKind(client.getRecords({ limit: 1 }), 'notFound');
      assert.match(e.message, /404.*context path/);
    });
    it('an HTML 404 page → notFound; an HTML 200 page → notConfluence', async () => {
      await expectKind(clientFor(sim, 'datacenter', { siteUrl: html404.url }).client.checkConnection(), 'notFound');
      const e = await expectKind(clientFor(sim, 'datacenter', { siteUrl: html.url }).client.checkConnection(), 'notConfluence');
      assert.match(e.message, /text\/html instead of JSON/);
    });
    it('a name under .invalid → dns, naming the host', async () => {
      const e = await expectKind(clientFor(sim, 'cloud', { siteUrl: 'https://audit.nowhere.invalid' }).client.getRetention(), 'dns');
      assert.match(e.message, /^Could not find host audit\.nowhere\.invalid/);
    });
    it('nothing listening → network (connection refused), not retried', async () => {
      const port = await deadPort();
      const { client, clock } = clientFor(sim, 'cloud', { siteUrl: `http://127.0.0.1:${port}` });
      const e = await expectKind(client.getRetention(), 'network');
      assert.match(e.message, /ECONNREFUSED/);
      assert.deepEqual(clock.sleeps, []);
    });
  });

  describe('rate limiting and Retry-After (fake clock)', () => {
    it('429 with Retry-After in seconds: waits exactly that long, then succeeds', async () => {
      const { client, clock, log } = clientFor(sim);
      sim.faults.once({ kind: '429', retryAfter: '7' });
      assert.equal((await client.getRecords({ limit: 3 })).results.length, 3);
      assert.deepEqual(clock.sleeps, [7000]);
      assert.equal(apiGets(), 2);
      assert.ok(log.lines.some((l) => /retrying in 7000 ms \(Retry-After\)/.test(l)));
    });

    it('429 with an HTTP-date: waits until that date', async () => {
      const { client, clock } = clientFor(sim);
      sim.faults.once({ kind: '429', retryAfter: new Date(SIM_NOW + 20_000).toUTCString() });
      await client.getRetention();
      assert.deepEqual(clock.sleeps, [20_000]);
    });

    it('a giant Retry-After is clamped and not waited for: rateLimited with a finite retryAfterMs', async () => {
      const { client, clock } = clientFor(sim);
      sim.faults.once({ kind: '429', retryAfter: '9223372036854775807' });
      const e = await expectKind(client.getRetention(), 'rateLimited');
      assert.deepEqual(clock.sleeps, []);
      assert.equal(e.retryAfterMs, 86_400_000);
      assert.match(e.message, /try again in 86400 s/);
      assert.equal(apiGets(), 1);
    });

    it('Retry-After above maxRetryAfterMs is not waited for either', async () => {
      const { client, clock } = clientFor(sim, 'cloud', { retry: { maxRetryAfterMs: 5000 } });
      sim.faults.once({ kind: '429', retryAfter: '6' });
      const e = await expectKind(client.getRetention(), 'rateLimited');
      assert.equal(e.retryAfterMs, 6000);
      assert.deepEqual(clock.sleeps, []);
    });

    it('without Retry-After: exponential backoff with full jitter, then gives up with rateLimited', async () => {
      const { client, clock } = clientFor(sim, 'cloud', { retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250 }, random: sequence(0.5, 1, 0.2) });
      sim.faults.set({ rate429: 1, retryAfter: '' });
      const e = await expectKind(client.getRetention(), 'rateLimited');
      assert.deepEqual(clock.sleeps, [50, 200, 50]);
      assert.equal(e.retryAfterMs, undefined);
      assert.match(e.message, /try again in a minute/);
      assert.equal(apiGets(), 4);
    });
  });

  describe('server errors', () => {
    it('500 → server, not retried', async () => {
      const { client, clock } = clientFor(sim);
      sim.faults.once({ kind: '500' });
      const e = await expectKind(client.getRetention(), 'server');
      assert.equal(e.status, 500);
      assert.match(e.message, /server error \(500\).*Internal server error/);
      assert.deepEqual(clock.sleeps, []);
    });
    it('503 with Retry-After and 502/504 → retried', async () => {
      const { client, clock } = clientFor(sim, 'cloud', { random: () => 0.5 });
      sim.faults.once({ kind: '503', retryAfter: '2' });
      sim.faults.once({ kind: 'status', status: 502, body: 'Bad gateway' });
      sim.faults.once({ kind: 'status', status: 504 });
      assert.equal((await client.getRetention()).units, 'YEARS');
      assert.deepEqual(clock.sleeps, [2000, 500, 1000]);
    });
    it('a 200 that is not an audit page → badResponse; a garbage JSON → badResponse', async () => {
      const { client } = clientFor(sim);
      sim.faults.once({ kind: 'status', status: 200, body: '{"hello":"world"}', headers: { 'content-type': 'application/json' } });
      await expectKind(client.getRecords({}), 'badResponse');
      sim.faults.once({ kind: 'status', status: 200, body: '{"results": [', headers: { 'content-type': 'application/json' } });
      await expectKind(client.getRecords({}), 'badResponse');
    });
    it('400 → badRequest with the server message', async () => {
      const { client } = clientFor(sim);
      const e = await expectKind(client.getRecordsSince({ number: 1, units: 'FORTNIGHTS' as 'DAYS' }), 'badRequest');
      assert.match(e.serverMessage ?? '', /units must be one of/);
    });
    it('a page above maxJsonBytes → tooLarge (the body is not read whole)', async () => {
      const { client } = clientFor(sim, 'cloud', { maxJsonBytes: 4096 });
      const e = await expectKind(client.getRecords({ limit: 200 }), 'tooLarge');
      assert.equal(e.retryable, false);
    });
  });

  describe('broken connections and timeouts', () => {
    it('a reset and a truncated body are retried (GET), then succeed', async () => {
      const { client, clock } = clientFor(sim, 'cloud', { random: () => 0 });
      sim.faults.once({ kind: 'reset' });
      sim.faults.once({ kind: 'truncate' });
      assert.equal((await client.getRecords({ limit: 10 })).results.length, 10);
      assert.equal(clock.sleeps.length, 2);
      assert.equal(apiGets(), 3);
    });

    it('no headers in time → timeout (retried, then given up)', async () => {
      const { client, clock } = clientFor(sim, 'cloud', { timeouts: { headersMs: 150 }, retry: { maxAttempts: 2 }, random: () => 0 });
      sim.faults.set({ rateStallBeforeHeaders: 1, stallMs: 5000 });
      const e = await expectKind(client.getRetention(), 'timeout');
      assert.equal(e.code, 'UND_ERR_HEADERS_TIMEOUT');
      assert.match(e.message, /did not answer within 1 s/);
      assert.equal(clock.sleeps.length, 1);
      assert.equal(apiGets(), 2);
    });

    it('a body that stalls → timeout', async () => {
      const { client } = clientFor(sim, 'cloud', { timeouts: { bodyMs: 150 }, retry: { maxAttempts: 1 } });
      sim.faults.once({ kind: 'stallMidBody', ms: 5000 });
      const e = await expectKind(client.getRecords({ limit: 100 }), 'timeout');
      assert.equal(e.code, 'UND_ERR_BODY_TIMEOUT');
    });
  });

  describe('cancellation', () => {
    it('an already aborted signal → cancelled without a request', async () => {
      const { client } = clientFor(sim);
      await expectKind(client.getRecords({}, AbortSignal.abort()), 'cancelled');
      assert.equal(apiGets(), 0);
    });

    it('abort while waiting for headers → cancelled', async () => {
      const { client } = clientFor(sim);
      sim.faults.once({ kind: 'stallBeforeHeaders', ms: 10_000 });
      const controller = new AbortController();
      const pending = client.getRetention(controller.signal);
      await waitFor(() => apiGets() === 1, 'the request to arrive');
      controller.abort();
      await expectKind(pending, 'cancelled');
    });

    it('abort mid-page (body stalled half way) → cancelled, and the pager can continue afterwards', async () => {
      const { client, log } = clientFor(sim);
      const pager = client.pager({ kind: 'range', startDate: 0, endDate: SIM_NOW }, { pageSize: 50 });
      sim.faults.once({ kind: 'stallMidBody', ms: 10_000 });
      const controller = new AbortController();
      const pending = pager.next(controller.signal);
      await waitFor(() => log.lines.some((l) => / → 200 /.test(l)), 'the response headers');
      controller.abort();
      await expectKind(pending, 'cancelled');
      assert.equal(pager.done, false);
      const page = await pager.next();
      assert.equal(page.length, 50);
    });

    it('abort during a Retry-After wait → cancelled', async () => {
      const { client } = clientFor(sim, 'cloud', { clock: { now: () => SIM_NOW, sleep: (_ms, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new AuditError('cancelled', 'cancelled')))) } });
      sim.faults.once({ kind: '429', retryAfter: '30' });
      const controller = new AbortController();
      const pending = client.getRetention(controller.signal);
      await waitFor(() => apiGets() === 1, 'the first attempt');
      controller.abort();
      await expectKind(pending, 'cancelled');
      assert.equal(apiGets(), 1);
    });
  });

  describe('writes are never retried blindly', () => {
    it('POST failing with 503 is not repeated', async () => {
      const { client, clock } = clientFor(sim);
      sim.faults.once({ kind: '503', retryAfter: '1' });
      await expectKind(client.createRecord({ remoteAddress: '203.0.113.9' }), 'server');
      assert.equal(sim.requests.filter((r) => r.method === 'POST').length, 1);
      assert.deepEqual(clock.sleeps, []);
    });

    it('PUT whose answer is lost after the server applied it → confirmed by reading back', async () => {
      const { client } = clientFor(sim, 'cloud', { timeouts: { bodyMs: 150 } });
      sim.faults.once({ kind: 'stallMidBody', ms: 5000 });
      const result = await client.setRetention({ number: 9, units: 'MONTHS' });
      assert.deepEqual(result, { stored: { number: 9, units: 'MONTHS' }, confirmedByRead: true });
      assert.equal(sim.requests.filter((r) => r.method === 'PUT').length, 1);
      sim.setRetention({ number: 1, units: 'YEARS' });
    });

    it('PUT refused with 503 (nothing applied) → the read-back differs, so the original error is thrown', async () => {
      const { client } = clientFor(sim);
      sim.faults.once({ kind: '503', retryAfter: '1' });
      const e = await expectKind(client.setRetention({ number: 8, units: 'MONTHS' }), 'server');
      assert.equal(e.status, 503);
      assert.equal(sim.requests.filter((r) => r.method === 'PUT').length, 1);
      assert.deepEqual(sim.getRetention(), { number: 1, units: 'YEARS' });
    });

    it('PUT with a definite refusal (403) is not read back', async () => {
      const { client } = clientFor(sim, 'cloud', { credentials: { kind: 'basic', email: sim.nonAdmin.email, token: sim.nonAdmin.apiToken } });
      await expectKind(client.setRetention({ number: 8, units: 'MONTHS' }), 'forbidden');
      assert.equal(sim.requests.filter((r) => r.method === 'GET').length, 0);
    });
  });
});
