// The organization client against the simulator over real HTTP: organizations, the poll API in both
// orders, the query API's filters, event actions, and every error the UI must tell apart.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator';
import type { OrgSimulator } from '../../../../simulator/org';
import { AuditError, createDispatcher, isAuditError } from '../../../../src/api';
import { deadPort } from '../helpers/connectProxy';
import { parseApiKeys, type RateLimitWait } from '../../../../src/api/org';
import { closeOrgClients, collect, orgClientFor, SIM_NOW, startOrgSim } from './helpers';

const DAY = 86_400_000;

describe('org client: organizations, poll and query APIs', () => {
  let sim: Simulator & { org: OrgSimulator };

  before(async () => {
    sim = await startOrgSim({ events: 400, rateLimits: {} });
  });
  after(async () => {
    await closeOrgClients();
    await sim.stop();
  });
  afterEach(() => sim.org.faults.clear());

  it('lists every organization the key sees, across cursor pages, names kept as sent', async () => {
    const { client } = orgClientFor(sim.org);
    const orgs = await client.listOrgs();
    assert.deepEqual(orgs.map((o) => ({ id: o.id, name: o.name })), sim.org.orgs.map((o) => ({ id: o.id, name: o.name })));
    assert.ok(orgs.some((o) => o.name.includes('<img')), 'the hostile organization name arrives unchanged');
    const first = await client.listOrgsPage();
    assert.equal(first.orgs.length, 2);
    assert.equal(typeof first.next, 'string');
    const requests = sim.requests.filter((r) => r.url.startsWith('/admin/v1/orgs?cursor=') || r.url === '/admin/v1/orgs');
    assert.ok(requests.length >= 3);
  });

  for (const sortOrder of ['asc', 'desc'] as const) {
    it(`pages the poll API ${sortOrder} by cursor: every event of the window once, in the server's order`, async () => {
      const { client } = orgClientFor(sim.org);
      const from = SIM_NOW - 40 * DAY;
      const to = SIM_NOW - 5 * DAY;
      const got = await collect(client.events(sim.org.orgId, { from, to, sortOrder }, { pageSize: 17 }));
      const expected = sim.org.allEvents().filter((e) => e.time >= from && e.time <= to).map((e) => e.id);
      assert.ok(expected.length > 40, 'the window holds several pages');
      assert.deepEqual(got.map((e) => e.id), sortOrder === 'asc' ? expected : expected.reverse());
      const pages = sim.requests.filter((r) => r.url.includes('/events-stream'));
      assert.ok(pages.some((r) => r.url.includes(`sortOrder=${sortOrder}`)));
      assert.ok(pages.some((r) => r.url.includes('cursor=')));
    });
  }

  it('parses events fully: actor with auth, context of type sites and space, location, message, processedAt', async () => {
    const { client } = orgClientFor(sim.org);
    const events = await collect(client.events(sim.org.orgId, { from: 0, to: SIM_NOW }));
    assert.equal(events.length, sim.org.allEvents().length);
    const stored = new Map(sim.org.allEvents().map((e) => [e.id, e]));
    for (const e of events) {
      const s = stored.get(e.id);
      assert.ok(s !== undefined);
      assert.equal(e.time, s.time);
      assert.equal(e.processedAt, s.processedAt);
      assert.equal(e.action, s.action);
      assert.deepEqual(e.actor, { id: s.actor.id, name: s.actor.name, email: s.actor.email, ...(s.actor.auth ? { auth: s.actor.auth } : {}) });
      assert.deepEqual(e.location, s.location);
      assert.deepEqual(e.message, s.message);
      assert.deepEqual(e.context.map((c) => ({ id: c.id, type: c.type, attributes: c.attributes })), s.context);
      assert.equal(e.container[0]?.id, sim.org.orgId);
      assert.ok('links' in e.raw, 'unknown fields stay in raw');
    }
    const confluence = events.find((e) => e.action.startsWith('confluence_') && e.context.some((c) => c.type === 'space'));
    assert.ok(confluence?.context.some((c) => c.type === 'sites'));
    assert.ok(events.some((e) => e.actor.auth?.authType === 'api-token' && e.actor.auth.tokenLabel !== undefined));
  });

  it('searches with the query API: q, action, actor and ip filters, newest first, across cursor pages', async () => {
    const { client } = orgClientFor(sim.org);
    const all = sim.org.allEvents();
    const target = all.find((e) => e.action === 'confluence_added_space_permission') ?? all[0];
    const ip = target.location?.ip ?? '';
    const byActor = await collect(client.searchEvents(sim.org.orgId, { actor: [target.actor.id], limit: 5 }));
    assert.deepEqual(new Set(byActor.map((e) => e.id)), new Set(all.filter((e) => e.actor.id === target.actor.id).map((e) => e.id)));
    assert.ok(byActor.length > 5, 'several pages');
    assert.ok(byActor.every((e, i) => i === 0 || byActor[i - 1].time >= e.time), 'newest first');
    const byIpAndAction = await collect(client.searchEvents(sim.org.orgId, { ip: [ip], action: target.action }));
    assert.deepEqual(new Set(byIpAndAction.map((e) => e.id)), new Set(all.filter((e) => e.location?.ip === ip && e.action === target.action).map((e) => e.id)));
    const byText = await collect(client.searchEvents(sim.org.orgId, { q: target.actor.email.toUpperCase() }));
    assert.ok(byText.some((e) => e.id === target.id));
    assert.ok(byText.every((e) => e.actor.email === target.actor.email || JSON.stringify(e.raw).toLowerCase().includes(target.actor.email)));
    const windowed = await collect(client.searchEvents(sim.org.orgId, { from: target.time, to: target.time }));
    assert.ok(windowed.some((e) => e.id === target.id) && windowed.every((e) => e.time === target.time));
  });

  it('reads the event actions with their display names', async () => {
    const { client } = orgClientFor(sim.org);
    const actions = await client.eventActions(sim.org.orgId);
    const byId = new Map(actions.map((a) => [a.id, a]));
    assert.equal(byId.get('confluence_added_space_permission')?.displayName, 'Added space permission');
    assert.deepEqual(byId.get('user_logged_in')?.groupDisplayNames, ['Security']);
    for (const e of sim.org.allEvents()) {
      assert.ok(byId.has(e.action), `${e.action} has a display name`);
    }
  });
});

describe('org client: errors, rate limits, faults and cancellation', () => {
  let sim: Simulator & { org: OrgSimulator };

  before(async () => {
    sim = await startOrgSim({ events: 200, rateLimits: {} });
  });
  after(async () => {
    await closeOrgClients();
    await sim.stop();
  });
  afterEach(() => sim.org.faults.clear());

  async function failure(p: Promise<unknown>): Promise<AuditError> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof AuditError, String(e));
      return e;
    }
    assert.fail('expected a failure');
  }

  it('lists the organization\'s API keys with their expiry dates (API Access API); none for another organization; 401 for an expired key', async () => {
    const { client } = orgClientFor(sim.org);
    const keys = await client.apiKeys(sim.org.orgId);
    assert.deepEqual(
      keys.map((k) => ({ id: k.id, label: k.label, createdAt: k.createdAt, expiresAt: k.expiresAt })),
      sim.org.apiKeys.map((k) => ({ id: k.id, label: k.label, createdAt: k.createdAt, expiresAt: k.expiresAt })),
    );
    assert.equal(keys[0].createdBy, sim.org.members[0].name);
    assert.ok(sim.requests.some((r) => r.url === `/admin/api-access/v1/orgs/${sim.org.orgId}/api-keys`));
    assert.deepEqual(await client.apiKeys(sim.org.orgs[1].id), []);
    const expired = orgClientFor(sim.org, { apiKey: sim.org.expiredKey });
    await assert.rejects(expired.client.apiKeys(sim.org.orgId), (e: unknown) => isAuditError(e) && e.kind === 'unauthorized');
  });

  it('API keys: an entry without an id is skipped, unreadable dates are left out', () => {
    const keys = parseApiKeys({
      data: [
        { id: 'k1', label: 'Audit', createdAt: '2025-01-01T00:00:00Z', expiresAt: '2025-01-08T00:00:00.000Z', createdBy: { email: 'a@example.com' } },
        { label: 'no id', expiresAt: '2025-01-08T00:00:00Z' },
        { id: 'k2', expiresAt: 'soon', createdAt: 12 },
      ],
      links: {},
    });
    assert.deepEqual(keys, [
      { id: 'k1', label: 'Audit', createdAt: Date.UTC(2025, 0, 1), expiresAt: Date.UTC(2025, 0, 8), createdBy: 'a@example.com' },
      { id: 'k2', label: '', createdAt: 12 },
    ]);
  });

  it('401 for an expired key and a wrong key: unauthorized, says to create a new key, no retry', async () => {
    for (const apiKey of [sim.org.expiredKey, 'ATCTT3xFfGN0-not-a-real-key-0000000000']) {
      const { client, clock } = orgClientFor(sim.org, { apiKey });
      const e = await failure(client.listOrgs());
      assert.equal(e.kind, 'unauthorized');
      assert.equal(e.status, 401);
      assert.match(e.message, /rejected the API key \(401\).*expired.*Create a new key in admin\.atlassian\.com/);
      assert.equal(e.serverMessage, 'Unauthorized');
      assert.deepEqual(clock.sleeps, []);
    }
  });

  it('403 for a key of an organization without Guard: forbidden, names Guard and org admin', async () => {
    const { client } = orgClientFor(sim.org, { apiKey: sim.org.nonGuardKey });
    const orgs = await client.listOrgs();
    assert.equal(orgs.length, 1, 'the key itself works');
    for (const orgId of [orgs[0].id, sim.org.orgId]) {
      const e = await failure(client.streamPage(orgId, { from: 0 }));
      assert.equal(e.kind, 'forbidden');
      assert.match(e.message, /\(403\).*Atlassian Guard Standard.*organization admin/);
    }
  });

  it('404 for an organization the key does not see', async () => {
    const { client } = orgClientFor(sim.org);
    const e = await failure(client.streamPage('no-such-org', {}));
    assert.equal(e.kind, 'notFound');
    assert.match(e.message, /organization id may be wrong/);
  });

  it('429 with Retry-After: waits exactly that long on the clock, tells listeners until when, then succeeds', async () => {
    const { client, clock } = orgClientFor(sim.org);
    const waits: RateLimitWait[] = [];
    client.onRateLimitWait((w) => waits.push(w));
    sim.org.faults.once({ kind: '429', retryAfter: '7' });
    const t0 = clock.now();
    const page = await client.streamPage(sim.org.orgId, { from: 0, limit: 5 });
    assert.equal(page.events.length, 5);
    assert.deepEqual(clock.sleeps, [7000]);
    assert.deepEqual(waits, [{ until: t0 + 7000, reason: 'retryAfter', limit: 'poll' }]);
  });

  it('the shared poll limiter paces paging: 10 pages at once, then one per 1.2 s, each wait announced', async () => {
    const { client, clock } = orgClientFor(sim.org);
    const waits: RateLimitWait[] = [];
    client.onRateLimitWait((w) => waits.push(w));
    const t0 = clock.now();
    const got = await collect(client.events(sim.org.orgId, { from: 0 }, { pageSize: 10 }));
    const pages = Math.ceil(got.length / 10) + 1; // the last ascending page is the empty one
    assert.ok(pages > 12);
    assert.deepEqual(clock.sleeps, Array.from({ length: pages - 10 }, () => 1200));
    assert.deepEqual(waits.map((w) => w.until - t0), Array.from({ length: pages - 10 }, (_, i) => 1200 * (i + 1)));
    assert.ok(waits.every((w) => w.reason === 'rateLimit' && w.limit === 'poll'));
  });

  it('a Retry-After longer than the retry policy allows is reported, not waited out', async () => {
    const { client, clock } = orgClientFor(sim.org, { retry: { maxRetryAfterMs: 60_000 } });
    sim.org.faults.once({ kind: '429', retryAfter: '3600' });
    const e = await failure(client.streamPage(sim.org.orgId, {}));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(e.retryAfterMs, 3_600_000);
    assert.match(e.message, /organization API is limiting the request rate \(429\); try again in 3600 s/);
    assert.deepEqual(clock.sleeps, []);
  });

  it('the simulator\'s own query limit answers 429 + Retry-After, which the client honours every time', async () => {
    // One request per 10 s, burst 1: the second request finds the bucket empty for the whole test
    // (the fake clock does not move the simulator's real one), so every attempt gets Retry-After: 10.
    const limited = await startOrgSim({ events: 50, rateLimits: { query: { requestsPerSecond: 0.1, burst: 1 } } });
    try {
      const { client, clock } = orgClientFor(limited.org, { retry: { maxAttempts: 3 } });
      const waits: RateLimitWait[] = [];
      client.onRateLimitWait((w) => waits.push(w));
      await client.searchPage(limited.org.orgId, { limit: 1 });
      const e = await failure(client.searchPage(limited.org.orgId, { limit: 1 }));
      assert.equal(e.kind, 'rateLimited');
      assert.equal(e.retryAfterMs, 10_000);
      assert.deepEqual(clock.sleeps, [10_000, 10_000]);
      assert.equal(limited.org.faults.counts.rateLimited, 3);
      assert.ok(waits.length >= 2 && waits.every((w) => w.reason === 'retryAfter' && w.limit === `query /admin/v1/orgs/${limited.org.orgId}/events`));
    } finally {
      await limited.stop();
    }
  });

  it('retries 503, a reset connection and a truncated body, then returns the page', async () => {
    const { client, clock } = orgClientFor(sim.org, { random: () => 0.5 });
    for (const fault of [{ kind: '503', retryAfter: '2' }, { kind: 'reset' }, { kind: 'truncate' }] as const) {
      clock.sleeps.length = 0;
      sim.org.faults.once(fault);
      const page = await client.streamPage(sim.org.orgId, { from: 0, limit: 3 });
      assert.equal(page.events.length, 3, fault.kind);
      assert.equal(clock.sleeps.length, 1, fault.kind);
    }
    assert.ok((sim.org.faults.counts.truncate ?? 0) >= 1 && (sim.org.faults.counts.reset ?? 0) >= 1);
  });

  it('network and proxy failures: their own kinds, naming the organization API, not retried blindly', async () => {
    const port = await deadPort();
    const refused = orgClientFor(sim.org, { baseUrl: `http://127.0.0.1:${port}` });
    const e1 = await failure(refused.client.listOrgs());
    assert.equal(e1.kind, 'network');
    assert.deepEqual(refused.clock.sleeps, [], 'a refused connection is a configuration problem, not retried');
    assert.match(e1.message, new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    const viaDeadProxy = createDispatcher({ proxy: `http://127.0.0.1:${port}`, env: {} });
    try {
      const proxied = orgClientFor(sim.org, { dispatcher: viaDeadProxy });
      const e2 = await failure(proxied.client.listOrgs());
      assert.equal(e2.kind, 'proxy');
      assert.match(e2.message, new RegExp(`^Could not reach the Atlassian organization API through the proxy http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED.*\\\`http\\.proxy\\\``));
      assert.deepEqual(proxied.clock.sleeps, []);
    } finally {
      await viaDeadProxy.close();
    }
  });

  it('event actions: items without an id are skipped, not fatal', async () => {
    const { client } = orgClientFor(sim.org);
    sim.org.faults.once({ kind: 'status', status: 200, body: JSON.stringify({ data: [{ attributes: { displayName: 'nameless' } }, { id: 'x', attributes: { displayName: 'X' } }] }), headers: { 'Content-Type': 'application/json' } });
    assert.deepEqual((await client.eventActions(sim.org.orgId)).map((a) => [a.id, a.displayName]), [['x', 'X']]);
  });

  it('an HTML page instead of JSON is named as not the organization API', async () => {
    const { client } = orgClientFor(sim.org);
    sim.org.faults.once({ kind: 'status', status: 200, body: '<html>Sign in to your proxy</html>', headers: { 'Content-Type': 'text/html' } });
    const e = await failure(client.listOrgs());
    assert.equal(e.kind, 'badResponse');
    assert.match(e.message, /did not answer like the Atlassian organization API \(got HTML instead of JSON\)/);
  });

  it('cancellation: an aborted signal stops a stalled request and an iteration', async () => {
    const { client } = orgClientFor(sim.org);
    sim.org.faults.once({ kind: 'stallBeforeHeaders', ms: 5000 });
    const controller = new AbortController();
    const pending = client.streamPage(sim.org.orgId, {}, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const e = await failure(pending);
    assert.equal(e.kind, 'cancelled');

    const again = new AbortController();
    const seen: string[] = [];
    const iteration = (async () => {
      for await (const event of client.events(sim.org.orgId, { from: 0 }, { pageSize: 5, signal: again.signal })) {
        seen.push(event.id);
        if (seen.length === 7) {
          again.abort();
        }
      }
    })();
    const e2 = await failure(iteration);
    assert.ok(isAuditError(e2, 'cancelled'));
    assert.equal(seen.length, 10, 'the page in hand is finished, no further page is fetched');
  });

  it('rejects bad input before any request', () => {
    const { client } = orgClientFor(sim.org);
    assert.throws(() => client.streamPager(sim.org.orgId, { from: -1 }), /from must be a whole number/);
    assert.throws(() => client.streamPager('', { from: 0 }), /organization id is needed/);
    assert.throws(() => orgClientFor(sim.org, { apiKey: '  ' }), /Enter the organization API key/);
    assert.throws(() => orgClientFor(sim.org, { baseUrl: 'http://api.example.com' }), /must use https/);
  });
});
