// The organization source against the simulator over real HTTP: a window read by cursor (every event once,
// newest first, mapped with every field), completeness while events arrive, searches through the query
// API and its limiter on a fake clock, and what 401, 403 and 429 turn into.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator';
import type { OrgSimulator } from '../../../../simulator/org';
import { isAuditError, observeRetryWaits, type RetryWait } from '../../../../src/api';
import { OrgRateLimits, orgMessages } from '../../../../src/api/org';
import type { SourcedRecord } from '../../../../src/model/sourceFields';
import type { OrgConfig } from '../../../../src/sites/orgConfig';
import { OrgSources } from '../../../../src/sources/org/orgSources';
import type { SourceWindow, WindowPager } from '../../../../src/sources/source';
import { keyFailure, ENTER_ANOTHER_KEY, TRY_AGAIN } from '../../../../src/commands/orgKeyErrors';
import { closeOrgClients, orgClientFor, SIM_NOW, startOrgSim } from '../../api/org/helpers';
import { FakeClock } from '../../api/helpers/fakeClock';
import { waitText } from '../../../../src/tree/messages';
import { FakeOrgs } from './fakeOrgs';

const DAY = 86_400_000;

function field(r: SourcedRecord, name: string): string[] {
  return (r.sourceFields ?? []).filter((f) => f.name === name).map((f) => f.value);
}

async function drain(pager: WindowPager, signal?: AbortSignal): Promise<SourcedRecord[]> {
  const out: SourcedRecord[] = [];
  for (let page = await pager.next(signal); page.length > 0; page = await pager.next(signal)) out.push(...page);
  assert.equal(pager.done, true, 'an empty page means done');
  assert.deepEqual(await pager.next(signal), [], 'a finished cursor gives nothing more');
  return out;
}

const eventId = (r: SourcedRecord): string => field(r, 'Event id')[0] ?? '';

describe('org source: the organization audit log behind the source seam', () => {
  let sim: Simulator & { org: OrgSimulator };
  let org: OrgConfig;

  before(async () => {
    sim = await startOrgSim({ events: 400, rateLimits: {} });
    org = { id: 'org-entry-1', orgId: sim.org.orgId, label: sim.org.orgName, apiUrl: sim.org.url };
  });
  after(async () => {
    await closeOrgClients();
    await sim.stop();
  });
  afterEach(() => sim.org.faults.clear());

  function sourceWith(key = sim.org.key, extra: Parameters<typeof orgClientFor>[1] = {}): { orgs: FakeOrgs; sources: OrgSources; client: ReturnType<typeof orgClientFor> } {
    const client = orgClientFor(sim.org, { apiKey: key, ...extra });
    const orgs = new FakeOrgs([org], () => client.client);
    return { orgs, sources: new OrgSources(orgs, client.log), client };
  }

  async function readerOf(sources: OrgSources) {
    const access = await sources.sources()[0].open();
    assert.ok(access.ok, 'the organization can be read');
    return access.reader;
  }

  it('reads a window by cursor: every event once, newest first, action names, every field kept', async () => {
    const { sources, orgs } = sourceWith();
    const window: SourceWindow = { kind: 'range', startDate: SIM_NOW - 40 * DAY, endDate: SIM_NOW - 5 * DAY };
    const got = await drain((await readerOf(sources)).pager(window, { pageSize: 13 }));
    const expected = sim.org.eventsInRange(window.startDate, window.endDate);
    assert.ok(expected.length > 40, 'the window spans several pages');
    assert.deepEqual(new Set(got.map(eventId)), new Set(expected.map((e) => e.id)));
    assert.equal(got.length, expected.length, 'no event twice');
    for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].creationDate >= got[i].creationDate, 'newest first');
    const pages = sim.requests.filter((r) => r.url.includes('/events-stream'));
    assert.ok(pages.some((r) => r.url.includes('cursor=')) && pages.every((r) => !r.url.includes('cursor=') || r.url.includes('sortOrder=desc')));
    const stored = new Map(expected.map((e) => [e.id, e]));
    for (const r of got) {
      const e = stored.get(eventId(r));
      assert.ok(e);
      assert.equal(r.author.accountId, e.actor.id);
      assert.equal(r.remoteAddress, e.location?.ip ?? '');
      assert.deepEqual(field(r, 'Actor e-mail'), e.actor.email === undefined ? [] : [e.actor.email]);
      assert.deepEqual(field(r, 'Action id'), [e.action]);
      assert.notEqual(r.summary, e.action, 'the summary is the action\'s display name from …/event-actions');
      assert.deepEqual(field(r, 'Container'), [`organizations ${sim.org.orgName} (${sim.org.orgId})`], 'the organization as container');
      assert.equal(field(r, 'Context').length, e.context.length);
      if (e.actor.auth?.tokenLabel) assert.deepEqual(field(r, 'Token label'), [e.actor.auth.tokenLabel]);
      if (e.location?.city) assert.deepEqual(field(r, 'City'), [e.location.city]);
      if (e.message?.content) assert.equal(r.description, e.message.content);
    }
    assert.equal(sim.requests.filter((r) => r.url.includes('/event-actions')).length >= 1, true);
    assert.ok(orgs.successes.length > 0, 'each page tells the session it went well');
  });

  it('hands out every event present at the start exactly once while new ones arrive', async () => {
    const { sources } = sourceWith();
    const window: SourceWindow = { kind: 'range', startDate: SIM_NOW - 60 * DAY, endDate: SIM_NOW - DAY };
    const before = sim.org.eventsInRange(window.startDate, window.endDate).map((e) => e.id);
    const pager = (await readerOf(sources)).pager(window, { pageSize: 11 });
    const got: SourcedRecord[] = [];
    for (let page = await pager.next(), n = 0; page.length > 0; page = await pager.next(), n++) {
      got.push(...page);
      // Events processed now but dated inside the window, inserted between pages.
      if (n < 4) sim.org.insert([{ time: window.startDate + (n + 1) * 3 * DAY }, { time: window.endDate - n * DAY }]);
    }
    const ids = got.map(eventId);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    for (const id of before) assert.ok(ids.includes(id), `event ${id} present from the start was read`);
  });

  it('searches through the query API, whose limiter waits on the fake clock and says until when', async () => {
    const clock = new FakeClock(SIM_NOW);
    const limits = new OrgRateLimits(clock, { query: { requestsPerSecond: 1 / 6, burst: 2 } });
    const { sources } = sourceWith(sim.org.key, { clock, rateLimits: limits });
    const member = sim.org.members[0];
    const window: SourceWindow = { kind: 'range', startDate: 0, endDate: SIM_NOW, searchString: member.name };
    const abort = new AbortController();
    const waits: RetryWait[] = [];
    observeRetryWaits(abort.signal, (w) => w && waits.push(w));
    const reader = await readerOf(sources);
    const got = await drain(reader.pager(window, { pageSize: 5 }), abort.signal);
    assert.ok(got.length > 5, 'the search spans pages');
    assert.ok(sim.requests.some((r) => r.url.includes(`/orgs/${sim.org.orgId}/events?`) && r.url.includes('q=')), 'the query API was asked');
    assert.ok(waits.length > 0, 'the limiter\'s waits were announced to the page\'s caller');
    assert.ok(waits.every((w) => w.kind === 'rateLimited'));
    assert.equal(waitText(waits[waits.length - 1], 'utc').startsWith("Waiting for the organization API's rate limit until"), true);
    assert.ok(clock.sleeps.some((ms) => ms >= 5000 && ms <= 6000), `a request waited about 6 s for its token (${clock.sleeps.join(', ')})`);
  });

  it('429: waits for Retry-After (announced), then reads on; when retries are spent, says so with Try Again', async () => {
    const { sources, client } = sourceWith();
    const window: SourceWindow = { kind: 'range', startDate: SIM_NOW - 10 * DAY, endDate: SIM_NOW };
    const reader = await readerOf(sources);
    await reader.pager(window, { pageSize: 1 }).next(); // the action names are read once, before the fault
    sim.org.faults.once({ kind: '429', retryAfter: '3' });
    const abort = new AbortController();
    const waits: RetryWait[] = [];
    observeRetryWaits(abort.signal, (w) => w && waits.push(w));
    const page = await reader.pager(window, { pageSize: 50 }).next(abort.signal);
    assert.ok(page.length > 0);
    assert.ok(client.clock.sleeps.includes(3000), 'Retry-After honoured');
    assert.ok(waits.some((w) => w.kind === 'rateLimited' && w.service === 'the organization API'), 'a Retry-After wait names the organization API');

    const spent = sourceWith(sim.org.key, { retry: { maxAttempts: 1 } });
    const spentReader = await readerOf(spent.sources);
    await spentReader.pager(window, { pageSize: 1 }).next();
    sim.org.faults.once({ kind: '429', retryAfter: '7' });
    const error: unknown = await spentReader.pager(window, { pageSize: 50 }).next().then(() => undefined, (e: unknown) => e);
    assert.ok(isAuditError(error) && error.kind === 'rateLimited', String(error));
    assert.equal(error.message, orgMessages.rateLimited(7000, error.serverMessage));
    assert.deepEqual(keyFailure(error).actions, [TRY_AGAIN]);
    assert.equal(spent.orgs.state(org.id).kind, 'ok', 'a rate limit says nothing about the key');
  });

  for (const [name, keyOf, state, text, status] of [
    ['401 (expired key)', (s: OrgSimulator) => s.expiredKey, 'tokenRejected', 'Enter a New API Key…', 401],
    ['403 (no Guard plan)', (s: OrgSimulator) => s.nonGuardKey, 'notAdmin', 'Use Another API Key…', 403],
  ] as const) {
    it(`${name}: the page fails with its own message and the organization's row asks for another key`, async () => {
      const { sources, orgs } = sourceWith(keyOf(sim.org));
      const window: SourceWindow = { kind: 'range', startDate: SIM_NOW - DAY, endDate: SIM_NOW };
      const error: unknown = await (await readerOf(sources)).pager(window, { pageSize: 10 }).next().then(() => undefined, (e: unknown) => e);
      assert.ok(isAuditError(error) && error.status === status, `status ${status}`);
      assert.equal(error.message, status === 401 ? orgMessages.unauthorized(error.serverMessage) : orgMessages.forbidden(error.serverMessage));
      assert.deepEqual(keyFailure(error).actions[0], ENTER_ANOTHER_KEY);
      assert.equal(orgs.state(org.id).kind, state);
      const access = await sources.sources()[0].open();
      assert.ok(!access.ok);
      assert.equal(access.notices[0].action?.title, text);
      assert.equal(access.notices[0].action?.command, 'confluenceAudit.signInOrganization');
      assert.equal(access.notices[0].detail, error.message);
      assert.match(sources.sources()[0].row().contextValue, new RegExp(`^org ${state}$`));
    });
  }

  it('no stored key: the organization says "API key required" instead of its windows', async () => {
    const orgs = new FakeOrgs([org], () => undefined);
    const access = await new OrgSources(orgs, () => undefined).sources()[0].open();
    assert.ok(!access.ok);
    assert.match(access.notices[0].text, /API key required/);
  });
});
