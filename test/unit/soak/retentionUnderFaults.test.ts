// Faults around the one write that matters: changing the retention period (it deletes records). Under 30%
// faults every setRetention() must send exactly one PUT (so it is never applied twice), and its outcome
// must be known: a returned value means the server holds it, an error means it does not. The simulator's
// state (read directly) is the judge.
import * as assert from 'node:assert/strict';
import { startSimulator, type OneShotFault, type RequestLogEntry, type Simulator } from '../../../simulator';
import { AuditClient, AuditError, createDispatcher, type RetentionPeriod } from '../../../src/api';
import { RecordingClock, seededRandom, waitFor } from './helpers';

const SIM_NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const CALLS = 40;
const TIMEOUT_MS = 300;
/** undici checks its timeouts about once a second, so a stall must be well over a second to trip them. */
const STALL_MS = 2000;
/** Errors after which the client cannot tell from the answer whether the PUT was applied. */
const UNCERTAIN = new Set(['timeout', 'network', 'server']);

/** The first calls meet each fault kind on their PUT for sure; the seeded random faults do the rest. */
const FIRST_PUT_FAULTS: OneShotFault[] = [
  { kind: 'truncate' },
  { kind: 'stallMidBody', ms: STALL_MS },
  { kind: 'reset' },
  { kind: '503', retryAfter: '1' },
  { kind: '429', retryAfter: '1' },
  { kind: 'stallBeforeHeaders', ms: STALL_MS },
  { kind: '500' },
];

type Outcome =
  | { kind: 'stored'; stored: RetentionPeriod; confirmedByRead: boolean }
  | { kind: 'error'; error: AuditError };

describe('faults: retention PUT', function () {
  this.timeout(90_000);
  let sim: Simulator;
  const dispatcher = createDispatcher({ env: {}, connectTimeoutMs: 2000 });

  before(async () => {
    sim = await startSimulator({ records: 50, seed: 81, anchor: SIM_NOW, now: () => SIM_NOW, requestLogLimit: 10_000 });
  });
  after(async () => {
    await dispatcher.close();
    await sim.stop();
  });

  it('is never applied twice and its outcome is always known', async () => {
    const finished = new Set<RequestLogEntry>();
    sim.onRequest = (entry) => finished.add(entry);
    sim.faults.set({
      seed: 13, rate429: 0.06, rate503: 0.06, retryAfter: '1', rateReset: 0.06, rateStallBeforeHeaders: 0.03,
      rateStallMidBody: 0.05, rateTruncate: 0.05, stallMs: STALL_MS, paths: ['/rest/api/audit/retention'],
    });
    const client = new AuditClient({
      siteUrl: sim.url,
      deployment: 'cloud',
      credentials: { kind: 'basic', email: sim.admin.email, token: sim.admin.apiToken },
      dispatcher,
      clock: new RecordingClock(SIM_NOW, () => sim.requests.length),
      random: seededRandom(5),
      timeouts: { headersMs: TIMEOUT_MS, bodyMs: TIMEOUT_MS },
      retry: { maxAttempts: 8 },
    });
    const seen = { stored: 0, confirmedByRead: 0, refused: 0, notApplied: 0 };
    let previous = sim.getRetention();
    for (let i = 0; i < CALLS; i++) {
      const wanted: RetentionPeriod = { number: 10 + i, units: 'DAYS' };
      const from = sim.requests.length;
      const planted = FIRST_PUT_FAULTS[i];
      if (planted) sim.faults.once(planted);
      let outcome: Outcome;
      try {
        outcome = { kind: 'stored', ...(await client.setRetention(wanted)) };
      } catch (error) {
        assert.ok(error instanceof AuditError, `call ${i} threw ${String(error)}`);
        outcome = { kind: 'error', error };
      }
      // The server notes a request's status when its connection closes: wait for every one of this call.
      const entries = sim.requests.slice(from);
      assert.ok(await waitFor(() => entries.every((e) => finished.has(e)), 5000), `call ${i}: requests still open`);

      const puts = entries.filter((e) => e.method === 'PUT');
      assert.equal(puts.length, 1, `call ${i} sent ${puts.length} PUTs`);
      // A PUT whose answer started (status 200 noted) reached the handler, which applied it.
      const applied = puts[0].status === 200;
      const held = sim.getRetention();
      if (outcome.kind === 'stored') {
        assert.deepEqual(outcome.stored, wanted, `call ${i} reported another value`);
        assert.deepEqual(held, wanted, `call ${i} reported success, the server holds ${JSON.stringify(held)}`);
        assert.ok(applied, `call ${i} reported success without a PUT reaching the server`);
        seen.stored++;
        if (outcome.confirmedByRead) seen.confirmedByRead++;
      } else {
        const { kind } = outcome.error;
        assert.deepEqual(held, previous, `call ${i} failed (${kind}) but the server holds the new value: the outcome was unknown`);
        assert.ok(!applied, `call ${i}: the PUT was applied, yet the client reported ${kind}`);
        if (UNCERTAIN.has(kind)) {
          // Not refused outright, so the client must have read the value back before saying "not applied".
          assert.ok(entries.some((e) => e.method === 'GET' && e.status === 200), `call ${i} (${kind}) did not read the value back`);
          seen.notApplied++;
        } else {
          assert.equal(kind, 'rateLimited', `call ${i}: unexpected ${kind}`);
          seen.refused++;
        }
      }
      previous = held;
    }
    sim.onRequest = undefined;
    const injected = { ...sim.faults.counts };
    sim.faults.clear();
    await client.close();
    // Every path was exercised: plain success, success confirmed by reading back, refusal, and failure.
    assert.ok(seen.stored > seen.confirmedByRead, JSON.stringify(seen));
    for (const [what, n] of Object.entries(seen)) assert.ok(n > 0, `no call ended as ${what}: ${JSON.stringify(seen)}; faults ${JSON.stringify(injected)}`);
  });
});
