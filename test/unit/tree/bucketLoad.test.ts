// A bucket whose request is rate limited (issue 17, item 5): while the client waits out a 429's
// Retry-After, the bucket knows it waits and until when, and Cancel ends the wait at once.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator';
import { AuditError, type Clock } from '../../../src/api';
import { BucketLoad } from '../../../src/tree/bucketLoad';
import { clientFor, closeClients, SIM_NOW, startSim } from '../api/helpers/sim';

/** A clock whose sleeps last until the test releases them (or the request is aborted): no real waiting. */
class GateClock implements Clock {
  private release: (() => void) | undefined;
  constructor(private readonly time: number) {}
  now(): number {
    return this.time;
  }
  sleep(_ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.release = resolve;
      signal?.addEventListener('abort', () => reject(new AuditError('cancelled', 'The request was cancelled.')), { once: true });
    });
  }
  wake(): void {
    this.release?.();
  }
}

function waitChange(load: BucketLoad): Promise<void> {
  return new Promise((resolve) => {
    const stop = load.onWaitChange(() => {
      stop();
      resolve();
    });
  });
}

describe('tree/bucketLoad under a rate limit', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSim();
  });
  after(async () => {
    await closeClients();
    await sim.stop();
  });

  it('knows it waits for the rate limit and until when, then loads the page', async () => {
    const clock = new GateClock(SIM_NOW);
    const { client } = clientFor(sim, 'cloud', { clock });
    sim.faults.once({ kind: '429', retryAfter: '20' });
    const load = new BucketLoad(SIM_NOW - 86_400_000, SIM_NOW, undefined);
    const began = waitChange(load);
    const loading = load.loadNext(client, 50);
    await began;
    assert.deepEqual(load.waiting, { until: SIM_NOW + 20_000, kind: 'rateLimited' });
    clock.wake();
    await loading;
    assert.equal(load.waiting, undefined);
    assert.equal(load.status, 'ready');
    assert.ok(load.records.length > 0);
  });

  it('ends the wait on Cancel with a cancelled error, and can load again', async () => {
    const clock = new GateClock(SIM_NOW);
    const { client } = clientFor(sim, 'cloud', { clock });
    sim.faults.once({ kind: '429', retryAfter: '20' });
    const load = new BucketLoad(SIM_NOW - 86_400_000, SIM_NOW, undefined);
    const began = waitChange(load);
    const loading = load.loadNext(client, 50);
    await began;
    load.cancel();
    await loading;
    assert.equal(load.waiting, undefined);
    assert.equal(load.status, 'error');
    assert.equal(load.error?.kind, 'cancelled');
    await load.loadNext(client, 50);
    assert.equal(load.status, 'ready');
  });
});

describe('tree/bucketLoad pages', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSim({ records: 3000 });
  });
  after(async () => {
    await closeClients();
    await sim.stop();
  });

  it('each Load more adds a whole page: 100, 200, 300 records, never 199 (issue 17, also noticed)', async () => {
    const { client } = clientFor(sim);
    const load = new BucketLoad(SIM_NOW - 30 * 86_400_000, SIM_NOW, undefined);
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await load.loadNext(client, 100);
      counts.push(load.records.length);
    }
    assert.deepEqual(counts, [100, 200, 300]);
    assert.equal(load.done, false);
  });
});
