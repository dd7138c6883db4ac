// Soak: a 50,000-record window fetched through the client while the simulator injects 20% faults (429 and
// 503 with Retry-After, connection resets, stalls before headers and mid-body, truncated bodies) and
// inserts records at the head. Every record of the pinned window must come back exactly once, every
// Retry-After must be waited out (on a fake clock: no real waiting), no rejection may go unhandled and no
// socket or handle may stay open once the client and the simulator are closed.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../../simulator';
import { AuditClient, createDispatcher, type AuditRecord } from '../../../src/api';
import { activeResources, leakedSince, multisetDifferences, multisetOfKeys, RecordingClock, RejectionCollector, seededRandom, waitFor } from './helpers';

const SIM_NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const RETRY_AFTER_SECONDS = 2;
/**
 * Real time: a stall must outlast the client's timeouts, which must outlast a normal answer. undici checks
 * its timeouts about once a second, so a 300 ms timeout fires after roughly one second.
 */
const STALL_MS = 2000;
const TIMEOUT_MS = 300;

describe('soak: a 50,000-record window under 20% faults with inserts at the head', function () {
  this.timeout(90_000);

  it('returns every record of the pinned window once, honours Retry-After and leaves nothing open', async () => {
    // Mocha arms this test's timeout just after the test function returns its promise: snapshot after that.
    await new Promise((resolve) => setImmediate(resolve));
    const baseline = activeResources();
    const rejections = new RejectionCollector();
    rejections.install();
    let sim: Simulator | undefined;
    const dispatcher = createDispatcher({ env: {}, connectTimeoutMs: 2000 });
    try {
      // Seeded records end a minute before the server's "now", so inserts (dated now) land after the window.
      sim = await startSimulator({ records: 60_000, seed: 71, anchor: SIM_NOW - 60_000, now: () => SIM_NOW, periodDays: 30, requestLogLimit: 100_000 });
      const seeded = sim.allRecords();
      const window = { startDate: seeded[54_999].creationDate, endDate: seeded[5_000].creationDate };
      const server = sim;
      sim.faults.set({
        seed: 9,
        rate429: 0.05,
        rate503: 0.04,
        retryAfter: String(RETRY_AFTER_SECONDS),
        rateReset: 0.04,
        rateStallBeforeHeaders: 0.02,
        rateStallMidBody: 0.02,
        rateTruncate: 0.03,
        stallMs: STALL_MS,
        insertEvery: 4,
        insertCount: 3,
      });
      const clock = new RecordingClock(SIM_NOW, () => server.requests.length);
      const client = new AuditClient({
        siteUrl: sim.url,
        deployment: 'cloud',
        credentials: { kind: 'basic', email: sim.admin.email, token: sim.admin.apiToken },
        dispatcher,
        clock,
        random: seededRandom(3),
        timeouts: { headersMs: TIMEOUT_MS, bodyMs: TIMEOUT_MS },
        retry: { maxAttempts: 12 },
      });

      const got: AuditRecord[] = [];
      for await (const record of client.records({ kind: 'range', ...window }, { pageSize: 200 })) got.push(record);

      const expected = sim.recordsInRange(window.startDate, window.endDate);
      assert.ok(expected.length >= 50_000, `the window holds ${expected.length} records`);
      assert.equal(got.length, expected.length);
      assert.deepEqual(multisetDifferences(multisetOfKeys(got), multisetOfKeys(expected)), []);

      const counts = sim.faults.counts;
      for (const kind of ['429', '503', 'reset', 'stallBeforeHeaders', 'stallMidBody', 'truncate', 'insert']) {
        assert.ok((counts[kind] ?? 0) > 0, `no ${kind} fault was injected: ${JSON.stringify(counts)}`);
      }
      assert.ok(sim.allRecords().length > seeded.length, 'records were inserted while paging');

      // Requests are sequential, so the sleeps between request i and i+1 are the wait before retrying i.
      const answered = sim.requests.map((r, i) => ({ i, status: r.status })).filter((r) => r.status === 429 || r.status === 503);
      assert.ok(answered.length > 0);
      for (const { i, status } of answered) {
        const waited = clock.sleeps.filter((s) => s.afterRequests === i + 1).reduce((sum, s) => sum + s.ms, 0);
        assert.ok(i + 1 < sim.requests.length, `request ${i} (${status}) was the last one: not retried`);
        assert.ok(waited >= RETRY_AFTER_SECONDS * 1000, `request ${i} answered ${status} with Retry-After ${RETRY_AFTER_SECONDS}, but the client waited ${waited} ms`);
      }
      await client.close();
    } finally {
      await dispatcher.close();
      await sim?.stop();
      rejections.uninstall();
    }
    assert.deepEqual(rejections.reasons, []);
    await waitFor(() => Object.keys(leakedSince(baseline)).length === 0, 5000);
    assert.deepEqual(leakedSince(baseline), {});
  });
});
