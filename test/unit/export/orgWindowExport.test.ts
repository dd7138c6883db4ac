// An organization's window exported from its events against the simulator over real HTTP: the poll API
// read page by page (newest first) through the key's shared limiter, written as spreadsheet-safe CSV with a
// column for every field of an event and as JSON Lines, each with a manifest whose digest is the file's.
// A 429 with Retry-After in the middle is waited out (and said in the progress), a cancel leaves no file,
// an existing file is never replaced, and the CSV opens again with every field.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import type { Simulator } from '../../../simulator';
import type { OrgSimulator, StoredOrgEvent } from '../../../simulator/org';
import { OrgRateLimits } from '../../../src/api/org';
import { writeEventsFiles, type EventsFiles } from '../../../src/export/core/eventsFiles';
import { placeFiles } from '../../../src/export/core/placeFiles';
import { CSV_COLUMNS } from '../../../src/exportFile/format/safeCsv';
import { parseManifest } from '../../../src/exportFile/manifest';
import { exportStem } from '../../../src/exportFile/naming';
import { loadExport } from '../../../src/offline/core/loadExport';
import type { OrgConfig } from '../../../src/sites/orgConfig';
import { ORG_FIELDS } from '../../../src/sources/org/orgRecord';
import { OrgSources } from '../../../src/sources/org/orgSources';
import type { WindowReader } from '../../../src/sources/source';
import { FakeClock } from '../api/helpers/fakeClock';
import { closeOrgClients, orgClientFor, SIM_NOW, startOrgSim } from '../api/org/helpers';
import { FakeOrgs } from '../sources/org/fakeOrgs';

const DAY = 86_400_000;
const EXTENSION = { id: 'test.confluence-audit', version: '0.0.0-test' };
const FORMULA = '=HYPERLINK("http://evil.example","click")';

type Row = Record<string, string>;

function csvRows(file: string): { header: string[]; rows: Row[] } {
  const parsed = Papa.parse<Row>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  assert.deepEqual(parsed.errors, []);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** What the CSV must say of an event, column by column (repeated fields joined by a line break). */
function expectedCells(e: StoredOrgEvent, org: { id: string; name: string }): Row {
  const describe = (o: { id: string; type: string; attributes: Record<string, unknown> }): string => {
    const name = ['name', 'displayName', 'key', 'url', 'siteName'].map((k) => o.attributes[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
    return name === undefined ? `${o.type} ${o.id}` : `${o.type} ${name} (${o.id})`;
  };
  return {
    'Action id': e.action,
    Actor: e.actor.name,
    'Actor e-mail': e.actor.email,
    'Actor account id': e.actor.id,
    'Auth type': e.actor.auth?.authType ?? '',
    'Token label': e.actor.auth?.tokenLabel ?? '',
    'Token id': e.actor.auth?.tokenId ?? '',
    Context: e.context.map(describe).join('\n'),
    // The simulator puts every event in its organization.
    Container: describe({ id: org.id, type: 'organizations', attributes: { name: org.name } }),
    'IP address': e.location?.ip ?? '',
    Geo: e.location?.geo ?? '',
    City: e.location?.city ?? '',
    Region: e.location?.regionName ?? '',
    Country: e.location?.countryName ?? '',
    Message: e.message.content,
    'Message format': e.message.format,
    'Event id': e.id,
  };
}

/** Undoes the CSV's formula guard (a leading apostrophe), as the reader of our own CSV does. */
const unguard = (cell: string): string => (cell.startsWith("'") ? cell.slice(1) : cell);

describe('export: an organization window written from its events', function () {
  this.timeout(60_000);
  let sim: Simulator & { org: OrgSimulator };
  let org: OrgConfig;
  let dir: string;
  const window = { start: SIM_NOW - 40 * DAY, end: SIM_NOW - 5 * DAY };

  before(async () => {
    sim = await startOrgSim({ events: 400, rateLimits: {} });
    org = { id: 'org-entry-1', orgId: sim.org.orgId, label: sim.org.orgName, apiUrl: sim.org.url };
    // A spreadsheet formula typed into what becomes an event's message.
    sim.org.insert([{ time: window.start + DAY, action: 'user_logged_in', actorAccountId: sim.org.members[0].accountId, message: FORMULA }]);
  });
  after(async () => {
    await closeOrgClients();
    await sim.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'org-export-'));
  });
  afterEach(() => {
    sim.org.faults.clear();
    rmSync(dir, { recursive: true, force: true });
  });

  const orgInfo = (): { id: string; name: string } => ({ id: sim.org.orgId, name: sim.org.orgName });

  async function open(overrides: Parameters<typeof orgClientFor>[1] = {}): Promise<{ reader: WindowReader; client: ReturnType<typeof orgClientFor>; sources: OrgSources }> {
    const client = orgClientFor(sim.org, overrides);
    const sources = new OrgSources(new FakeOrgs([org], () => client.client), client.log);
    const access = await sources.sources()[0].open();
    assert.ok(access.ok, 'the organization can be read');
    return { reader: access.reader, client, sources };
  }

  function write(reader: WindowReader, options: { pageSize?: number; signal?: AbortSignal; progress?: (m: string) => void } = {}): Promise<EventsFiles> {
    const source = new OrgSources(new FakeOrgs([org], () => undefined), () => undefined).sources()[0];
    return writeEventsFiles({
      reader,
      window,
      origin: { url: source.origin.url, label: source.origin.label },
      tempPath: (name) => path.join(dir, `.${name}.part`),
      zone: 'utc',
      fields: source.eventExport.fields,
      extension: EXTENSION,
      exportedAt: SIM_NOW,
      pageSize: options.pageSize,
      signal: options.signal,
      progress: options.progress,
    });
  }

  it('writes every event of a window of many pages: CSV with a column per field (formula-safe), JSON Lines, manifests with the files\' digests', async () => {
    const { reader } = await open();
    const before = sim.requests.length;
    const progress: string[] = [];
    const written = await write(reader, { pageSize: 13, progress: (m) => progress.push(m) });
    const expected = sim.org.eventsInRange(window.start, window.end);
    assert.ok(expected.length > 5 * 13, `the window spans several pages (${expected.length} events)`);
    const pages = sim.requests.slice(before).filter((r) => r.url.includes('/events-stream'));
    assert.ok(pages.length >= Math.ceil(expected.length / 13), `read page by page through the poll API (${pages.length} requests)`);
    assert.ok(pages.every((r) => r.url.includes('sortOrder=desc') && r.url.includes('limit=13')));
    assert.equal(written.records, expected.length);
    assert.match(progress.at(-1) ?? '', new RegExp(`^${expected.length} records written$`));

    const placed = await placeFiles(dir, written.stem, written.files);
    assert.deepEqual(readdirSync(dir).sort(), placed.flatMap((p) => [p.name, `${p.name}.manifest.json`]).sort(), 'only the files and their manifests are left');
    const [csv, jsonl] = placed;
    assert.ok(csv.name.endsWith('.csv') && jsonl.name.endsWith('.jsonl'));

    for (const file of placed) {
      const manifest = parseManifest(readFileSync(file.manifestPath, 'utf8'));
      assert.equal(manifest.sha256, sha256(file.path), `${file.name}: the manifest's digest is the file's`);
      assert.equal(manifest.bytes, readFileSync(file.path).length);
      assert.equal(manifest.recordCount, expected.length);
      assert.equal(manifest.query.source, 'events');
      assert.equal(manifest.query.start.epochMs, window.start);
      assert.equal(manifest.query.end.epochMs, window.end);
      assert.equal(manifest.site.label, sim.org.orgName);
      assert.ok(manifest.site.url.endsWith(`/admin/v1/orgs/${sim.org.orgId}`), 'the manifest names the organization');
      assert.deepEqual(manifest.extension, EXTENSION);
    }

    const { header, rows } = csvRows(csv.path);
    assert.deepEqual(header, [...CSV_COLUMNS, ...ORG_FIELDS], 'the record\'s columns, then every field of an organization event');
    assert.equal(rows.length, expected.length);
    const byId = new Map(rows.map((r) => [unguard(r['Event id']), r]));
    for (const e of expected) {
      const row = byId.get(e.id);
      assert.ok(row, `event ${e.id} has a row`);
      for (const [column, value] of Object.entries(expectedCells(e, orgInfo()))) assert.equal(unguard(row[column]), value, `${e.id}: ${column}`);
      assert.ok(row.Action !== '' && row.Action !== e.action, 'the action\'s display name');
    }
    const planted = rows.find((r) => unguard(r.Message) === FORMULA);
    assert.ok(planted, 'the event with a formula is exported');
    assert.equal(planted.Message, `'${FORMULA}`, 'a formula-like cell is neutralised');
    assert.ok(rows.some((r) => r['Token label'] !== '') && rows.some((r) => r.Context.includes('\n')), 'token labels and several contexts are exported');

    const lines = readFileSync(jsonl.path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { sourceFields: Array<{ name: string; value: string }> });
    assert.deepEqual(new Set(lines.map((l) => l.sourceFields.find((f) => f.name === 'Event id')?.value)), new Set(expected.map((e) => e.id)), 'JSON Lines: every event once');
  });

  it('a 429 with Retry-After in the middle: waits as told, the progress says until when, every event still once', async () => {
    const { reader, client } = await open();
    const progress: string[] = [];
    const answered429 = sim.org.faults.counts['429'] ?? 0;
    let injected = false;
    const written = await write(reader, {
      pageSize: 20,
      progress: (m) => {
        progress.push(m);
        // After the second page: the third page's request is answered 429.
        if (m === '40 records written' && !injected) {
          injected = true;
          sim.org.faults.once({ kind: '429', retryAfter: '7' });
        }
      },
    });
    const expected = sim.org.eventsInRange(window.start, window.end);
    assert.equal((sim.org.faults.counts['429'] ?? 0) - answered429, 1, 'the server answered 429 once');
    assert.ok(client.clock.sleeps.includes(7000), `Retry-After honoured: ${client.clock.sleeps.join(', ')}`);
    const waits = progress.filter((m) => /Waiting/.test(m));
    assert.deepEqual(waits, [`40 records written; Waiting for the organization API's rate limit until ${new Date(SIM_NOW + 7000).toISOString().slice(11, 19)}Z`], `the progress says it waits, and until when: ${progress.join(' | ')}`);
    assert.equal(progress.at(-1), `${expected.length} records written`, 'and goes on once the wait is over');
    const [csv] = await placeFiles(dir, written.stem, written.files);
    const ids = csvRows(csv.path).rows.map((r) => unguard(r['Event id']));
    assert.equal(ids.length, expected.length);
    assert.deepEqual(new Set(ids), new Set(expected.map((e) => e.id)));
  });

  it('goes through the key\'s shared poll limiter: a slow limit is waited for, and said', async () => {
    const clock = new FakeClock(SIM_NOW);
    const { reader } = await open({ clock, rateLimits: new OrgRateLimits(clock, { poll: { requestsPerSecond: 0.5, burst: 2 } }) });
    const progress: string[] = [];
    const written = await write(reader, { pageSize: 50, progress: (m) => progress.push(m) });
    assert.equal(written.records, sim.org.eventsInRange(window.start, window.end).length);
    assert.ok(clock.sleeps.length > 0 && clock.sleeps.every((ms) => ms <= 2000), `the limiter's waits: ${clock.sleeps.join(', ')}`);
    assert.ok(progress.some((m) => /Waiting for the organization API's rate limit until/.test(m)), progress.join(' | '));
  });

  it('a cancel in the middle leaves no file, partial or temporary', async () => {
    const { reader } = await open();
    const abort = new AbortController();
    await assert.rejects(
      write(reader, { pageSize: 10, signal: abort.signal, progress: (m) => /^20 records/.test(m) && abort.abort() }),
      (e: unknown) => e instanceof Error && /cancel/i.test(e.message),
    );
    assert.deepEqual(readdirSync(dir), [], 'nothing is left in the folder');
  });

  it('never replaces an existing file: the export takes the next free name', async () => {
    const { reader } = await open();
    const source = new OrgSources(new FakeOrgs([org], () => undefined), () => undefined).sources()[0];
    const stem = exportStem({ site: source.origin.url, start: window.start, end: window.end });
    writeFileSync(path.join(dir, `${stem}.csv`), 'mine\n');
    const written = await write(reader);
    assert.equal(written.stem, stem);
    const placed = await placeFiles(dir, written.stem, written.files);
    assert.deepEqual(placed.map((p) => p.name), [`${stem}-2.csv`, `${stem}-2.jsonl`]);
    assert.equal(readFileSync(path.join(dir, `${stem}.csv`), 'utf8'), 'mine\n', 'the existing file is untouched');
  });

  it('the CSV opens again as a snapshot with every field of an event as its source fields', async () => {
    const { reader } = await open();
    const written = await write(reader);
    const [csv] = await placeFiles(dir, written.stem, written.files);
    const { table } = await loadExport(csv.path);
    const expected = sim.org.eventsInRange(window.start, window.end);
    assert.equal(table.size, expected.length);
    const stored = new Map(expected.map((e) => [e.id, e]));
    for (let i = 0; i < table.size; i++) {
      const record = table.record(i);
      const fields = new Map((record.sourceFields ?? []).map((f) => [f.name, f.value]));
      const e = stored.get(fields.get('Event id') ?? '');
      assert.ok(e, 'every row is an event of the window');
      for (const [name, value] of Object.entries(expectedCells(e, orgInfo()))) assert.equal(fields.get(name) ?? '', value, `${e.id}: ${name}`);
      assert.equal(record.author.accountId, e.actor.id);
      assert.equal(record.remoteAddress, e.location?.ip ?? '');
    }
  });
});
