// A Data Center site behind the source seam, against the simulator over real HTTP: detection (advanced
// vs legacy), a window read completely through the cursor, the view's filters sent to the server (as the
// request log shows), names turned into ids from loaded events, coverage shown on windows and the row,
// faults told to the site's session, and every field of an event kept for the detail view.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator';
import type { AuditError } from '../../../src/api';
import { Emitter } from '../../../src/model/emitter';
import type { SourcedRecord } from '../../../src/model/sourceFields';
import type { SiteConfig } from '../../../src/sites/siteConfig';
import type { SiteState } from '../../../src/sites/siteState';
import { DcSources } from '../../../src/sources/dc/dcSources';
import type { DcSiteAccess } from '../../../src/sources/dc/dcSource';
import type { AuditSource, SourceWindow, WindowReader } from '../../../src/sources/source';
import { SIM_NOW, clientFor, closeClients, startSim } from '../api/helpers/sim';

const DAY = 86_400_000;
const WINDOW: SourceWindow = { kind: 'range', startDate: SIM_NOW - 3 * DAY, endDate: SIM_NOW };

class SimSites implements DcSiteAccess {
  readonly states = new Map<string, SiteState>();
  readonly errors: string[] = [];
  readonly changes = new Emitter<string | undefined>();
  readonly onDidChange = this.changes.event;
  readonly store = { get: (id: string) => (id === this.site.id ? this.site : undefined) };
  readonly site: SiteConfig;
  readonly log: string[] = [];

  constructor(private readonly sim: Simulator) {
    this.site = { id: 'dc-1', label: 'Intranet', url: sim.dataCenterUrl, deployment: 'datacenter', authKind: 'bearer' };
  }
  sites(): SiteConfig[] {
    return [this.site];
  }
  state(siteId: string): SiteState {
    return this.states.get(siteId) ?? { kind: 'unknown' };
  }
  client: DcSiteAccess['client'] = () => Promise.resolve({ ok: true, client: clientFor(this.sim, 'datacenter').client });
  noteError(_siteId: string, error: AuditError): void {
    this.errors.push(error.kind);
  }
  noteSuccess(siteId: string): void {
    this.states.set(siteId, { kind: 'ok', lastRefresh: SIM_NOW });
  }
}

async function readerOf(source: AuditSource): Promise<WindowReader> {
  const access = await source.open();
  if (!access.ok) throw new Error(`not readable: ${access.notices.map((n) => n.text).join('; ')}`);
  return access.reader;
}

async function readAll(reader: WindowReader, window: SourceWindow, pageSize = 50): Promise<SourcedRecord[]> {
  const pager = reader.pager(window, { pageSize });
  const out: SourcedRecord[] = [];
  for (let page = await pager.next(); page.length > 0; page = await pager.next()) out.push(...page);
  return out;
}

function eventRequests(sim: Simulator): URLSearchParams[] {
  return sim.requests.filter((r) => r.url.includes('/rest/auditing/1.0/events')).map((r) => new URL(r.url, 'http://x').searchParams);
}

function field(record: SourcedRecord, name: string): string | undefined {
  return record.sourceFields?.find((f) => f.name === name)?.value;
}

describe('sources: Data Center advanced auditing', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let sites: SimSites;
  let logged: string[];
  let source: AuditSource;

  beforeEach(async () => {
    sim = await startSim({ records: 400, seed: 5, periodDays: 6 });
    sites = new SimSites(sim);
    logged = [];
    const list = new DcSources(sites, (_level, message) => logged.push(message), () => SIM_NOW);
    const found = list.source('dc-1');
    assert.ok(found);
    source = found;
  });
  afterEach(async () => {
    await closeClients();
    await sim.stop();
  });

  it('detects advanced auditing, says so in the tooltip and the log, and offers its server filters', async () => {
    assert.match(source.row('utc').tooltip ?? '', /not detected yet/);
    await readerOf(source);
    assert.equal(source.kind, 'dc');
    assert.match(source.row('utc').tooltip ?? '', /advanced auditing \(\/rest\/auditing\/1\.0\)/);
    assert.ok(logged.some((l) => /reading the audit log through advanced auditing/.test(l)));
    assert.deepEqual([...source.capabilities.serverFilters].sort(), ['affectedObjects', 'authors', 'categories']);
    assert.equal(source.serverExport, undefined);
    assert.deepEqual(source.eventExport?.formats, ['csv', 'jsonl']);
    assert.equal(source.retention, undefined);
    assert.match(source.retentionNote ?? '', /no REST API/);
  });

  it('reads a window completely through the cursor: every record of the window once, newest first', async () => {
    const reader = await readerOf(source);
    const records = await readAll(reader, WINDOW, 37);
    const expected = sim.recordsInRange(WINDOW.startDate, WINDOW.endDate);
    assert.ok(expected.length > 74, 'the window spans several pages');
    assert.deepEqual(records.map((r) => r.creationDate), expected.map((r) => r.creationDate));
    assert.ok(eventRequests(sim).some((q) => q.get('pageCursor') !== null), 'later pages use the cursor');
  });

  it('sends an author filter to the server as userIds, and a name seen in loaded events as its id', async () => {
    const reader = await readerOf(source);
    const all = await readAll(reader, WINDOW);
    const someone = all.find((r) => r.author.accountId);
    assert.ok(someone?.author.accountId);
    const id = someone.author.accountId;
    const theirs = all.filter((r) => r.author.accountId === id);

    sim.requests.length = 0;
    const byId = await readAll(reader, { ...WINDOW, filter: { authors: [id] } });
    assert.deepEqual(byId.map((r) => r.creationDate), theirs.map((r) => r.creationDate));
    assert.ok(eventRequests(sim).every((q) => q.get('userIds') === id), 'every page asked the server for that user');

    sim.requests.length = 0;
    const byName = await readAll(reader, { ...WINDOW, filter: { authors: [someone.author.displayName] } });
    assert.ok(eventRequests(sim).every((q) => (q.get('userIds') ?? '').split(',').includes(id)));
    assert.ok(byName.length >= theirs.length);
  });

  it('sends categories, search and known objects to the server; an unknown object stays a filter of the view', async () => {
    const reader = await readerOf(source);
    const all = await readAll(reader, WINDOW);
    const category = all[0].category;
    sim.requests.length = 0;
    const got = await readAll(reader, { ...WINDOW, filter: { categories: [category] }, searchString: 'a' });
    const asked = eventRequests(sim);
    assert.ok(asked.length > 0 && asked.every((q) => q.get('categories') === category && q.get('search') === 'a'));
    assert.ok(got.every((r) => r.category.toLowerCase() === category.toLowerCase()));
    assert.match(source.windowNote?.({ categories: [category] })?.tooltip ?? '', /Filtered on the server by category/);

    sim.requests.length = 0;
    await readAll(reader, { ...WINDOW, filter: { affectedObjects: ['no such object ever'] } });
    assert.ok(eventRequests(sim).every((q) => q.get('affectedObject') === null));
    assert.match(source.windowNote?.({ affectedObjects: ['no such object ever'] })?.tooltip ?? '', /Filtered in the view \(loaded records only\) by object/);
  });

  it('offers the values its loaded events named as facets', async () => {
    const reader = await readerOf(source);
    assert.deepEqual(await source.facets?.('categories'), []);
    const all = await readAll(reader, WINDOW);
    const categories = await source.facets?.('categories');
    assert.deepEqual(new Set(categories), new Set(all.map((r) => r.category)));
  });

  it('shows areas whose coverage is Off on the row and on every window', async () => {
    sim.setDcCoverage({ SECURITY: 'OFF' });
    await readerOf(source);
    assert.match(source.row('utc').tooltip ?? '', /Not logged \(coverage Off\): [^\n]*Security[^\n]*No records there may mean not logged/);
    assert.match(source.windowNote?.({})?.tooltip ?? '', /Security/);
  });

  it('tells the site a refused token (401), and reads again once the server accepts it', async () => {
    const reader = await readerOf(source);
    sim.faults.once({ kind: 'status', status: 401, body: '{"message":"nope"}' });
    await assert.rejects(reader.pager(WINDOW, { pageSize: 20 }).next());
    assert.deepEqual(sites.errors, ['unauthorized']);
    assert.ok((await reader.pager(WINDOW, { pageSize: 20 }).next()).length > 0);
  });

  it('keeps every field of an event as a record field the detail view shows', async () => {
    const reader = await readerOf(source);
    const [first] = await readAll(reader, WINDOW);
    const names = new Set(first.sourceFields?.map((f) => f.name));
    for (const name of ['Timestamp', 'Author type', 'Category', 'Action', 'Source IP', 'System', 'Method']) assert.ok(names.has(name), name);
    assert.equal(field(first, 'System'), sim.dataCenterUrl);
    assert.equal(field(first, 'Source IP'), first.remoteAddress);
  });

  it('reads a 5.10–7.4 site through the legacy API, as before', async () => {
    const old = await startSim({ records: 60, seed: 3, periodDays: 6, advancedAuditing: false });
    try {
      const oldSites = new SimSites(old);
      const legacy: AuditSource | undefined = new DcSources(oldSites, (_l, m) => logged.push(m), () => SIM_NOW).source('dc-1');
      assert.ok(legacy);
      const records = await readAll(await readerOf(legacy), WINDOW);
      assert.equal(records.length, old.recordsInRange(WINDOW.startDate, WINDOW.endDate).length);
      assert.match(legacy.row('utc').tooltip ?? '', /legacy audit API/);
      assert.deepEqual(legacy.capabilities.serverFilters, []);
      assert.ok(legacy.serverExport && legacy.retention?.editable);
      assert.ok(old.requests.some((r) => r.url.includes('/rest/api/audit')));
    } finally {
      await old.stop();
    }
  });
});
