// The shared rate limiter on a fake clock: burst, steady rate, Retry-After pauses, the wait
// announcements with their wake-up time, order of waiting callers, cancellation. No real waiting.
import * as assert from 'node:assert/strict';
import { AuditError } from '../../../../src/api';
import { OrgRateLimits, POLL_RATE_LIMIT, QUERY_RATE_LIMIT, TokenBucketLimiter, type RateLimitWait } from '../../../../src/api/org';
import { FakeClock } from '../helpers/fakeClock';

const T0 = Date.UTC(2025, 0, 15, 10, 42, 0);

function limiter(limit = POLL_RATE_LIMIT): { l: TokenBucketLimiter; clock: FakeClock; waits: RateLimitWait[] } {
  const clock = new FakeClock(T0);
  const l = new TokenBucketLimiter('poll', limit, clock);
  const waits: RateLimitWait[] = [];
  l.onWait((w) => waits.push(w));
  return { l, clock, waits };
}

describe('org rate limiter (fake clock)', () => {
  it('the poll limit: a burst of 10 at once, then one request every 1.2 s, each wait announced with its wake-up time', async () => {
    const { l, clock, waits } = limiter();
    for (let i = 0; i < 10; i++) {
      await l.acquire();
    }
    assert.deepEqual(clock.sleeps, []);
    await l.acquire();
    await l.acquire();
    assert.deepEqual(clock.sleeps, [1200, 1200]);
    assert.deepEqual(waits, [
      { until: T0 + 1200, reason: 'rateLimit', limit: 'poll' },
      { until: T0 + 2400, reason: 'rateLimit', limit: 'poll' },
    ]);
  });

  it('the query limit: 10 requests, then the 11th waits 6 s (10 a minute)', async () => {
    const { l, clock } = limiter(QUERY_RATE_LIMIT);
    for (let i = 0; i < 11; i++) {
      await l.acquire();
    }
    assert.deepEqual(clock.sleeps, [6000]);
  });

  it('refills while idle, but never above the burst', async () => {
    const { l, clock } = limiter();
    for (let i = 0; i < 10; i++) {
      await l.acquire();
    }
    await clock.sleep(60_000);
    clock.sleeps.length = 0;
    for (let i = 0; i < 10; i++) {
      await l.acquire();
    }
    assert.deepEqual(clock.sleeps, [], 'a full bucket again after a minute');
    await l.acquire();
    assert.deepEqual(clock.sleeps, [1200], 'but not more than 10');
  });

  it('a Retry-After pause holds every caller until its end, even with tokens left; announced when set and when a caller waits for it', async () => {
    const { l, clock, waits } = limiter();
    l.pauseUntil(T0 + 30_000);
    l.pauseUntil(T0 + 10_000); // an earlier end does not shorten the pause
    assert.deepEqual(waits, [{ until: T0 + 30_000, reason: 'retryAfter', limit: 'poll' }]);
    await l.acquire();
    assert.deepEqual(clock.sleeps, [30_000]);
    assert.equal(clock.now(), T0 + 30_000);
    assert.equal(waits.length, 2);
    assert.deepEqual(waits[1], { until: T0 + 30_000, reason: 'retryAfter', limit: 'poll' });
    await l.acquire();
    assert.deepEqual(clock.sleeps, [30_000], 'tokens were left, so no further wait');
  });

  it('callers are served in arrival order', async () => {
    const { l } = limiter({ requestsPerSecond: 1, burst: 1 });
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => l.acquire().then(() => order.push(n))));
    assert.deepEqual(order, [1, 2, 3, 4]);
  });

  it('nextFreeAt says when the next request could go', async () => {
    const { l } = limiter({ requestsPerSecond: 0.5, burst: 1 });
    assert.equal(l.nextFreeAt(), T0);
    await l.acquire();
    assert.equal(l.nextFreeAt(), T0 + 2000);
  });

  it('a cancelled caller leaves at once and takes no token; an aborted signal rejects before queueing', async () => {
    const clock = new FakeClock(T0);
    // A clock whose sleeps never end unless aborted: the waiting caller must leave through its signal.
    const stuck = { now: () => clock.now(), sleep: (_ms: number, signal?: AbortSignal) => new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new AuditError('cancelled', 'The request was cancelled.')))) };
    const l = new TokenBucketLimiter('query /x', { requestsPerSecond: 1, burst: 1 }, stuck);
    await l.acquire();
    const controller = new AbortController();
    const waiting = l.acquire(controller.signal);
    controller.abort();
    await assert.rejects(waiting, (e: unknown) => e instanceof AuditError && e.kind === 'cancelled');
    await assert.rejects(l.acquire(AbortSignal.abort()), (e: unknown) => e instanceof AuditError && e.kind === 'cancelled');
  });

  it('refuses a limit that could never let a request through', () => {
    const clock = new FakeClock(T0);
    assert.throws(() => new TokenBucketLimiter('x', { requestsPerSecond: 0, burst: 10 }, clock), RangeError);
    assert.throws(() => new TokenBucketLimiter('x', { requestsPerSecond: 1, burst: 0 }, clock), RangeError);
  });

  it('a listener that throws does not stop the request or the other listeners', async () => {
    const { l, waits } = limiter({ requestsPerSecond: 1, burst: 1 });
    l.onWait(() => {
      throw new Error('broken progress display');
    });
    await l.acquire();
    await l.acquire();
    assert.equal(waits.length, 1);
  });

  it('the registry shares one budget per key (poll: all orgs; query: per path), and keeps no key', async () => {
    const clock = new FakeClock(T0);
    const limits = new OrgRateLimits(clock);
    const heard: RateLimitWait[] = [];
    const sub = limits.onWait((w) => heard.push(w));
    const key = 'ATCTT3xFfGN0-a-key-for-the-registry-test';
    assert.equal(limits.pollLimiter(key), limits.pollLimiter(key));
    assert.notEqual(limits.pollLimiter(key), limits.pollLimiter(`${key}-other`));
    const a = limits.queryLimiter(key, '/admin/v1/orgs/a/events');
    assert.equal(a, limits.queryLimiter(key, '/admin/v1/orgs/a/events'));
    assert.notEqual(a, limits.queryLimiter(key, '/admin/v1/orgs/b/events'));
    for (let i = 0; i < 11; i++) {
      await a.acquire();
    }
    assert.deepEqual(heard, [{ until: T0 + 6000, reason: 'rateLimit', limit: 'query /admin/v1/orgs/a/events' }]);
    sub.dispose();
    await a.acquire();
    assert.equal(heard.length, 1, 'a disposed listener hears nothing');
    assert.ok(!JSON.stringify(heard).includes(key));
  });
});
