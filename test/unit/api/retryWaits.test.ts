// A retry's wait (a 429's Retry-After) is announced to whoever made the request, through the signal they
// passed, also when the client joins that signal with the site's lifetime (issue 10's sign-out abort):
// otherwise the tree would show a bare spinner again (issue 17 item 5). Found when the two were merged.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator';
import { observeRetryWaits, type RetryWait } from '../../../src/api';
import { anySignal, announceRetryWait } from '../../../src/api/retryWaits';
import { clientFor, closeClients, SIM_NOW, startSim } from './helpers/sim';

describe('api: retry waits reach the caller', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSim({ records: 50 });
  });
  after(async () => {
    await closeClients();
    await sim.stop();
  });

  it('a wait announced on a joined signal reaches the listeners of each source, once', () => {
    const caller = new AbortController();
    const lifetime = new AbortController();
    const seen: Array<RetryWait | undefined> = [];
    observeRetryWaits(caller.signal, (w) => seen.push(w));
    const joined = anySignal([caller.signal, lifetime.signal]);
    announceRetryWait(joined, { until: 5, kind: 'rateLimited' });
    announceRetryWait(joined, undefined);
    assert.deepEqual(seen, [{ until: 5, kind: 'rateLimited' }, undefined]);
    lifetime.abort();
    assert.equal(joined.aborted, true, 'still aborts with any source');
  });

  it('a client with a lifetime announces a 429 wait on the signal the caller passed', async () => {
    const lifetime = new AbortController();
    const { client } = clientFor(sim, 'cloud', { lifetime: lifetime.signal });
    const caller = new AbortController();
    const seen: Array<RetryWait | undefined> = [];
    observeRetryWaits(caller.signal, (w) => seen.push(w));
    sim.faults.once({ kind: '429', retryAfter: '20' });
    await client.getRecords({ limit: 2 }, caller.signal);
    assert.deepEqual(seen, [{ until: SIM_NOW + 20_000, kind: 'rateLimited' }, undefined]);
  });
});
