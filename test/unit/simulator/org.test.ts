// The simulated organization API over real HTTP: documented shapes, cursor paging in both orders,
// polling with a kept cursor, inserts while paging, the query API's rate limit, the key answers
// (expired 401, non-Guard 403), events that correlate with the seeded site, hostile strings, the CLI.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { HOSTILE_STRINGS, startSimulator, type Simulator } from '../../../simulator';
import { getJson, request, waitFor } from './http';
import { assertMatchesOrgSchema } from './orgSchemas';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const MINUTE = 60_000;

interface EventJson { id: string; attributes: { time: string; action: string; actor: { id: string; name: string; email: string }; context: Array<{ type: string }>; location?: { ip: string } } }
interface PageJson { data: EventJson[]; meta: { next: string | null; page_size: number }; links: { self: string; next?: string } }

function bearer(key: string): string {
  return `Bearer ${key}`;
}

async function page(url: string, key: string): Promise<PageJson> {
  const res = await getJson(url, bearer(key));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assertMatchesOrgSchema('eventPage', res.body);
  return res.body as PageJson;
}

/** Follows meta.next until a page comes back empty or without one. */
async function allPages(first: string, key: string, base: string): Promise<{ ids: string[]; pages: PageJson[] }> {
  const pages: PageJson[] = [];
  let url = first;
  for (;;) {
    const p = await page(url, key);
    pages.push(p);
    if (p.meta.next === null || p.data.length === 0) {
      return { ids: pages.flatMap((x) => x.data.map((e) => e.id)), pages };
    }
    assert.equal(p.links.next, `${base}?cursor=${encodeURIComponent(p.meta.next)}`);
    url = `${base}?cursor=${encodeURIComponent(p.meta.next)}`;
  }
}

describe('simulator: organization API', () => {
  let sim: Simulator;
  let org: NonNullable<Simulator['org']>;

  before(async () => {
    sim = await startSimulator({ records: 5000, seed: 7, anchor: NOW, now: () => NOW, org: { events: 1000, rateLimits: {} } });
    assert.ok(sim.org !== undefined);
    org = sim.org;
  });
  after(() => sim.stop());
  afterEach(() => org.faults.clear());

  it('lists the organizations in cursor pages, in the documented shape', async () => {
    const first = await getJson(`${org.url}/admin/v1/orgs`, bearer(org.key));
    assertMatchesOrgSchema('orgPage', first.body);
    const p1 = first.body as { data: Array<{ id: string }>; links: { next?: string } };
    assert.equal(p1.data.length, 2);
    assert.equal(typeof p1.links.next, 'string');
    const second = await getJson(`${org.url}/admin/v1/orgs?cursor=${encodeURIComponent(p1.links.next ?? '')}`, bearer(org.key));
    assertMatchesOrgSchema('orgPage', second.body);
    const p2 = second.body as { data: Array<{ id: string }>; links: { next?: string } };
    assert.deepEqual([...p1.data, ...p2.data].map((o) => o.id), org.orgs.map((o) => o.id));
    assert.equal(p2.links.next, undefined);
  });

  for (const order of ['asc', 'desc'] as const) {
    it(`pages the poll API ${order}ending by cursor over exactly the window`, async () => {
      const all = org.allEvents();
      const from = all[100].time;
      const to = all[700].time;
      const base = `${org.url}/admin/v1/orgs/${org.orgId}/events-stream`;
      const { ids, pages } = await allPages(`${base}?from=${from}&to=${to}&sortOrder=${order}&limit=50`, org.key, base);
      const expected = all.filter((e) => e.time >= from && e.time <= to).map((e) => e.id);
      assert.deepEqual(ids, order === 'asc' ? expected : [...expected].reverse());
      assert.ok(pages.length > 3);
      assert.ok(pages.every((p) => p.meta.page_size === 50));
      const last = pages[pages.length - 1];
      if (order === 'asc') {
        assert.equal(last.data.length, 0, 'ascending ends with an empty page that still carries the poll cursor');
        assert.notEqual(last.meta.next, null);
      } else {
        assert.equal(last.meta.next, null);
      }
    });
  }

  it('a kept ascending cursor polls new events: only those processed since', async () => {
    const base = `${org.url}/admin/v1/orgs/${org.orgId}/events-stream`;
    const { pages } = await allPages(`${base}?from=0&limit=500`, org.key, base);
    const cursor = pages[pages.length - 1].meta.next ?? '';
    const [fresh] = org.insert([{ time: NOW - 5 * MINUTE }]);
    const polled = await page(`${base}?cursor=${encodeURIComponent(cursor)}`, org.key);
    assert.deepEqual(polled.data.map((e) => e.id), [fresh.id]);
  });

  it('inserts while paging (fault): new events arrive dated now and ascending paging finds them', async () => {
    org.faults.set({ insertEvery: 2, insertCount: 1 });
    const before = org.allEvents().length;
    const base = `${org.url}/admin/v1/orgs/${org.orgId}/events-stream`;
    const { ids } = await allPages(`${base}?from=0&to=${NOW}&limit=200`, org.key, base);
    const inserted = org.allEvents().slice(before);
    assert.ok(inserted.length >= 2 && inserted.every((e) => e.time === NOW));
    assert.ok(inserted.every((e) => ids.includes(e.id)));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('searches with the query API: filters, newest first, cursor pages, documented shape', async () => {
    const sample = org.allEvents()[321];
    const base = `${org.url}/admin/v1/orgs/${org.orgId}/events`;
    const { ids, pages } = await allPages(`${base}?actor=${encodeURIComponent(sample.actor.id)}&limit=7`, org.key, base);
    const times = pages.flatMap((p) => p.data.map((e) => Date.parse(e.attributes.time)));
    assert.ok(times.every((t, i) => i === 0 || times[i - 1] >= t));
    assert.deepEqual(new Set(ids), new Set(org.allEvents().filter((e) => e.actor.id === sample.actor.id).map((e) => e.id)));
    const byIp = await page(`${base}?ip[]=${encodeURIComponent(sample.location?.ip ?? '')}&action=${sample.action}&limit=200`, org.key);
    assert.ok(byIp.data.some((e) => e.id === sample.id));
    assert.ok(byIp.data.every((e) => e.attributes.location?.ip === sample.location?.ip && e.attributes.action === sample.action));
    const iso = await page(`${base}?from=${new Date(sample.time).toISOString()}&to=${sample.time}&q=${encodeURIComponent(sample.actor.email)}`, org.key);
    assert.ok(iso.data.some((e) => e.id === sample.id));
  });

  it('serves the event actions with display names for every action it produces', async () => {
    const res = await getJson(`${org.url}/admin/v1/orgs/${org.orgId}/event-actions`, bearer(org.key));
    assertMatchesOrgSchema('eventActions', res.body);
    const ids = new Set((res.body as { data: Array<{ id: string }> }).data.map((a) => a.id));
    assert.ok(org.allEvents().every((e) => ids.has(e.action)));
  });

  it('answers keys and mistakes like the gateway: 401 missing/wrong/expired, 403 without Guard, 404, 400, 405', async () => {
    const orgs = `${org.url}/admin/v1/orgs`;
    const stream = `${orgs}/${org.orgId}/events-stream`;
    const cases: Array<[string, string | undefined, number]> = [
      [orgs, undefined, 401],
      [orgs, bearer('ATCTT3xFfGN0-wrong'), 401],
      [orgs, bearer(org.expiredKey), 401],
      [orgs, `Basic ${Buffer.from(`x:${org.key}`).toString('base64')}`, 401],
      [stream, bearer(org.nonGuardKey), 403],
      [`${orgs}/${org.orgId}/events`, bearer(org.nonGuardKey), 403],
      [`${orgs}/nope/events-stream`, bearer(org.key), 404],
      [`${org.url}/admin/v1/elsewhere`, bearer(org.key), 404],
      [`${stream}?sortOrder=sideways`, bearer(org.key), 400],
      [`${stream}?limit=0`, bearer(org.key), 400],
      [`${stream}?from=yesterday`, bearer(org.key), 400],
      [`${stream}?cursor=not-a-cursor`, bearer(org.key), 400],
    ];
    for (const [url, auth, status] of cases) {
      const res = await getJson(url, auth);
      assert.equal(res.status, status, `${url} ${auth?.slice(0, 12) ?? 'no auth'}`);
      assertMatchesOrgSchema('gatewayError', res.body);
    }
    assert.deepEqual((await getJson(orgs, bearer(org.expiredKey))).body, { code: 401, message: 'Unauthorized' });
    const post = await request(orgs, { method: 'POST', headers: { authorization: bearer(org.key) }, body: '{}' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET');
    const nonGuardOrgs = await getJson(orgs, bearer(org.nonGuardKey));
    assert.equal(nonGuardOrgs.status, 200, 'a non-Guard key is valid: it lists its organization');
  });

  it('the seeded events correlate with the seeded site: same actor or IP within ±15 minutes', () => {
    const site = sim.allRecords();
    const events = org.allEvents();
    const names = new Map(org.members.map((m) => [m.accountId, m]));
    assert.ok(events.every((e) => names.get(e.actor.id)?.name === e.actor.name && names.get(e.actor.id)?.email === e.actor.email), 'actors are the site\'s people');
    const siteNames = new Map(site.filter((r) => typeof r.author.accountId === 'string').map((r) => [r.author.accountId, r.author.displayName]));
    assert.ok(org.members.filter((m) => siteNames.has(m.accountId)).every((m) => siteNames.get(m.accountId) === m.name || HOSTILE_STRINGS.includes(siteNames.get(m.accountId) ?? '')));
    const byTime = [...site].sort((a, b) => a.creationDate - b.creationDate);
    const matches = events.filter((e) => byTime.some((r) => Math.abs(r.creationDate - e.time) <= 15 * MINUTE && (r.author.accountId === e.actor.id || r.remoteAddress === e.location?.ip)));
    assert.ok(matches.length >= events.length * 0.4, `${matches.length} of ${events.length} events correlate`);
    const actions = new Set(events.map((e) => e.action));
    for (const a of ['user_logged_in', 'api_token_created', 'product_access_granted', 'confluence_added_space_permission']) {
      assert.ok(actions.has(a), a);
    }
    const confluence = events.filter((e) => e.action.startsWith('confluence_'));
    assert.ok(confluence.every((e) => e.context.some((c) => c.type === 'sites' && c.id === sim.cloudId) && e.context.some((c) => c.type === 'space')));
  });

  it('carries every hostile string somewhere, and is the same for the same seed', async () => {
    const text = JSON.stringify(org.allEvents());
    for (const s of HOSTILE_STRINGS) {
      assert.ok(text.includes(JSON.stringify(s).slice(1, -1)), `missing ${s.slice(0, 20)}`);
    }
    const twin = await startSimulator({ records: 5000, seed: 7, anchor: NOW, now: () => NOW, org: { events: 1000 } });
    try {
      const a = org.allEvents().slice(0, 1000).map((e) => [e.id, e.time, e.action]);
      assert.deepEqual(twin.org?.allEvents().map((e) => [e.id, e.time, e.action]), a);
      assert.notEqual(twin.org?.key, org.key, 'keys are random per start');
    } finally {
      await twin.stop();
    }
  });
});

describe('simulator: organization API rate limit and command line', () => {
  it('the query API allows 10 requests a minute per key and path, then 429 with Retry-After; the poll API is not limited', async () => {
    const sim = await startSimulator({ records: 100, seed: 3, anchor: NOW, now: () => NOW, org: true });
    try {
      const org = sim.org;
      assert.ok(org !== undefined);
      const events = `${org.url}/admin/v1/orgs/${org.orgId}/events`;
      for (let i = 0; i < 10; i++) {
        assert.equal((await getJson(events, bearer(org.key))).status, 200);
      }
      const limited = await getJson(events, bearer(org.key));
      assert.equal(limited.status, 429);
      assertMatchesOrgSchema('gatewayError', limited.body);
      assert.match(String(limited.headers['retry-after']), /^[1-9]\d*$/);
      assert.equal((await getJson(`${org.url}/admin/v1/orgs/${org.orgs[1].id}/events`, bearer(org.key))).status, 200, 'another path has its own budget');
      for (let i = 0; i < 15; i++) {
        assert.equal((await getJson(`${org.url}/admin/v1/orgs/${org.orgId}/events-stream`, bearer(org.key))).status, 200);
      }
      assert.equal(org.faults.counts.rateLimited, 1);
    } finally {
      await sim.stop();
    }
  });

  it('--org prints the organization\'s URL, id and keys in the first line and never logs a key', async () => {
    const cli = path.join(__dirname, '..', '..', '..', 'simulator', 'cli.js');
    const proc = spawn(process.execPath, [cli, '--port', '0', '--records', '50', '--org', '--org-events', '30'], { stdio: 'pipe' });
    try {
      let stderr = '';
      proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: proc.stdout }).once('line', resolve);
        proc.once('exit', (code) => reject(new Error(`exited with ${String(code)}: ${stderr}`)));
      });
      const info = JSON.parse(line) as { url: string; orgUrl: string; orgId: string; orgKey: string; orgExpiredKey: string; orgNonGuardKey: string };
      assert.equal(info.orgUrl, info.url);
      assert.equal(new Set([info.orgKey, info.orgExpiredKey, info.orgNonGuardKey]).size, 3);
      const res = await getJson(`${info.orgUrl}/admin/v1/orgs/${info.orgId}/events-stream?limit=100`, bearer(info.orgKey));
      assert.equal((res.body as PageJson).data.length, 30);
      await waitFor(() => stderr.includes('/events-stream?limit=100 -> 200 (org:valid)'), 5000, 'the request log line');
      assert.ok(![info.orgKey, info.orgExpiredKey, info.orgNonGuardKey].some((k) => stderr.includes(k)));
    } finally {
      proc.kill('SIGTERM');
    }
  });
});
