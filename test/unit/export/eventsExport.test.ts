// A Data Center window exported by writing its events (core/eventsExport.ts, what "Export Audit Log as CSV…"
// runs for advanced auditing), against the simulator's Data Center face over real HTTP, into a real folder
// through the same staging the extension uses: the window's every event once in a spreadsheet-safe CSV and
// in JSON Lines (one event a line), each placed atomically next to a manifest whose digest is the file's,
// never over an existing file, and nothing at all left behind when the export is cancelled.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { HOSTILE_STRINGS, type Simulator } from '../../../simulator';
import { digestExportFile } from '../../../src/exportFile/digest/digest';
import { csvUnsafeCell, CSV_COLUMNS } from '../../../src/exportFile/format/safeCsv';
import { compareDigest, parseManifest, type ExportManifest } from '../../../src/exportFile/manifest';
import { exportStem } from '../../../src/exportFile/naming';
import { exportWindowEvents, type EventsExportRequest } from '../../../src/export/core/eventsExport';
import { folderStaging } from '../../../src/export/core/staging';
import type { SourcedRecord } from '../../../src/model/sourceFields';
import { DcSources } from '../../../src/sources/dc/dcSources';
import type { WindowReader } from '../../../src/sources/source';
import { SIM_NOW, closeClients, startSim } from '../api/helpers/sim';
import { SimSites } from '../sources/simSites';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** What a spreadsheet would run as a formula (see the CSV notes in shared/notes/vscode-pitfalls.md). */
const FORMULA = /^(?:[\t\r\n]|[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;
const EXTENSION = { id: 'confluence-audit.confluence-audit', version: 'test' };
/** Three days: more than one page of 1000 events. */
const REQUEST: EventsExportRequest = { start: SIM_NOW - 3 * DAY, end: SIM_NOW };

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('export: a Data Center window written from its events', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let reader: WindowReader;
  let folder: string;
  let site: { url: string; label: string };

  before(async () => {
    sim = await startSim({ records: 6_000, seed: 23, periodDays: 12 });
    // Hostile text where users choose it (summary, author, object, changed values), inside the window.
    sim.insert(HOSTILE_STRINGS.map((s, i) => ({
      creationDate: SIM_NOW - (i + 1) * HOUR,
      remoteAddress: '203.0.113.9',
      summary: s,
      category: 'Permissions',
      author: { type: 'user', displayName: s, userKey: `hostile-${i}`, username: `hostile${i}` },
      affectedObject: { name: s, objectType: 'Space' },
      changedValues: [{ name: 'Title', oldValue: s, newValue: `${s}\u2028after` }],
    })));
    const sites = new SimSites(sim);
    const source = new DcSources(sites, () => undefined, () => SIM_NOW).source(sites.site.id);
    assert.ok(source);
    const access = await source.open();
    assert.ok(access.ok, 'the Data Center source opens');
    assert.match(source.row().tooltip ?? '', /advanced auditing/);
    reader = access.reader;
    site = { url: source.origin.url, label: source.origin.label };
  });
  after(async () => {
    await closeClients();
    await sim.stop();
  });
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'dc-events-export-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** The export as the command runs it: staging in the folder, disposed afterwards whatever happened. */
  async function exportOnce(signal = new AbortController().signal, onProgress?: (n: number) => void): Promise<ExportManifest[]> {
    const staging = folderStaging(folder);
    try {
      const { files } = await exportWindowEvents(reader, REQUEST, staging, { site, zone: 'utc', extension: EXTENSION, signal, onProgress, now: () => SIM_NOW });
      return files.map((f) => f.manifest);
    } finally {
      await staging.dispose();
    }
  }

  const stem = (): string => exportStem({ site: sim.dataCenterUrl, start: REQUEST.start, end: REQUEST.end });
  const expected = (): ReturnType<Simulator['recordsInRange']> => sim.recordsInRange(REQUEST.start, REQUEST.end);

  it('places a CSV and a JSON Lines file, each with a manifest whose size, SHA-256 and count are the file\'s', async () => {
    const manifests = await exportOnce();
    const want = expected();
    assert.ok(want.length > 1000, `the window spans pages: ${want.length}`);
    const names = [`${stem()}.csv`, `${stem()}.jsonl`];
    assert.deepEqual(readdirSync(folder).sort(), [...names.flatMap((n) => [n, `${n}.manifest.json`])].sort(), 'the two files and their manifests, no temporary file');
    for (const [i, name] of names.entries()) {
      const file = path.join(folder, name);
      const manifest = parseManifest(readFileSync(`${file}.manifest.json`, 'utf8'));
      assert.deepEqual(manifest, manifests[i], 'the manifest on disk is the one returned');
      assert.equal(manifest.file, name);
      assert.equal(manifest.query.source, 'events');
      assert.equal(manifest.query.format, name.endsWith('.csv') ? 'csv' : 'jsonl');
      assert.deepEqual([manifest.query.start.epochMs, manifest.query.end.epochMs], [REQUEST.start, REQUEST.end]);
      assert.deepEqual(manifest.site, { url: sim.dataCenterUrl, label: 'Intranet' });
      assert.equal(manifest.recordCount, want.length);
      assert.equal(manifest.sha256, sha256(file));
      assert.equal(manifest.bytes, readFileSync(file).length);
      assert.deepEqual(compareDigest(manifest, await digestExportFile(file, manifest.query.format)), { intact: true, differences: [] });
    }
  });

  it('writes a CSV whose every cell is spreadsheet-safe and that reads back to the window\'s events, newest first', async () => {
    await exportOnce();
    const text = readFileSync(path.join(folder, `${stem()}.csv`), 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'a BOM so spreadsheets read UTF-8');
    const parsed = Papa.parse<string[]>(text.slice(1).replace(/\r\n$/, ''), { newline: '\r\n' });
    assert.deepEqual(parsed.errors, []);
    const [header, ...rows] = parsed.data;
    assert.deepEqual(header, [...CSV_COLUMNS]);
    const hostile = rows.flat().filter((cell) => HOSTILE_STRINGS.some((s) => csvUnsafeCell(cell).startsWith(s.slice(0, 12))));
    assert.ok(hostile.length >= HOSTILE_STRINGS.length, 'the hostile values are in the file');
    for (const cell of rows.flat()) assert.doesNotMatch(cell, FORMULA, cell.slice(0, 40));
    const col = (name: (typeof CSV_COLUMNS)[number]): number => header.indexOf(name);
    const want = expected();
    assert.deepEqual(rows.map((r) => Number(r[col('creationDateMs')])), want.map((r) => r.creationDate));
    assert.deepEqual(rows.map((r) => csvUnsafeCell(r[col('summary')])), want.map((r) => r.summary));
    assert.deepEqual(rows.map((r) => csvUnsafeCell(r[col('remoteAddress')])), want.map((r) => r.remoteAddress));
  });

  it('writes JSON Lines with one event a line, every field the server sent kept', async () => {
    await exportOnce();
    const text = readFileSync(path.join(folder, `${stem()}.jsonl`), 'utf8');
    assert.ok(text.endsWith('\n'));
    assert.doesNotMatch(text, /[\u2028\u2029]/, 'line separators inside values are escaped, so no reader splits an event');
    const lines = text.slice(0, -1).split('\n');
    const want = expected();
    assert.equal(lines.length, want.length);
    const records = lines.map((l) => JSON.parse(l) as SourcedRecord);
    assert.deepEqual(records.map((r) => [r.creationDate, r.summary]), want.map((r) => [r.creationDate, r.summary]));
    const marked = records.find((r) => r.summary === '=1+1\nnote');
    assert.ok(marked, 'a value with a line break is one line of JSON');
    assert.equal(marked.changedValues[0].newValue, '=1+1\nnote\u2028after');
    const fields = new Map(marked.sourceFields?.map((f) => [f.name, f.value]));
    assert.equal(fields.get('Author id'), `hostile-${HOSTILE_STRINGS.indexOf('=1+1\nnote')}`);
    assert.equal(fields.get('System'), sim.dataCenterUrl);
    assert.equal(fields.get('Source IP'), '203.0.113.9');
  });

  it('never replaces a file: an existing name keeps its bytes and the export takes the next name free for both files', async () => {
    const existing = Buffer.from('an earlier export, byte for byte\r\n=1+1');
    writeFileSync(path.join(folder, `${stem()}.csv`), existing);
    writeFileSync(path.join(folder, `${stem()}-2.jsonl.manifest.json`), 'an orphan manifest also holds its name');
    const manifests = await exportOnce();
    assert.deepEqual(manifests.map((m) => m.file), [`${stem()}-3.csv`, `${stem()}-3.jsonl`]);
    assert.deepEqual(readFileSync(path.join(folder, `${stem()}.csv`)), existing);
    assert.equal(readFileSync(path.join(folder, `${stem()}-2.jsonl.manifest.json`), 'utf8'), 'an orphan manifest also holds its name');
    assert.deepEqual(readdirSync(folder).sort(), [
      `${stem()}-2.jsonl.manifest.json`, `${stem()}-3.csv`, `${stem()}-3.csv.manifest.json`, `${stem()}-3.jsonl`, `${stem()}-3.jsonl.manifest.json`, `${stem()}.csv`,
    ].sort());
  });

  describe('cancelled', () => {
    /** Waits a little: a file that a cancelled write still creates shows up after the export has returned. */
    const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

    it('before the first page: rejects, and no file is left, not even a temporary one', async () => {
      const abort = new AbortController();
      abort.abort();
      await assert.rejects(exportOnce(abort.signal));
      await settled();
      assert.deepEqual(readdirSync(folder), []);
    });

    it('by a cursor that fails at once (a request cancelled before it was sent): rejects, and no file is left once it has', async () => {
      // The files are being created while the first page is asked for; a cursor that gives up before any I/O
      // must not let them appear after the temporary names were cleaned up.
      const failing: WindowReader = { pager: () => ({ done: false, next: () => Promise.reject(new Error('cancelled before it was sent')) }) };
      for (let i = 0; i < 20; i++) {
        const staging = folderStaging(folder);
        try {
          await assert.rejects(exportWindowEvents(failing, REQUEST, staging, { site, zone: 'utc', extension: EXTENSION, signal: new AbortController().signal }), /cancelled before it was sent/);
        } finally {
          await staging.dispose();
        }
      }
      await settled();
      assert.deepEqual(readdirSync(folder), []);
    });

    it('after the first page: rejects, and no file is left', async () => {
      const abort = new AbortController();
      await assert.rejects(exportOnce(abort.signal, () => abort.abort()));
      await settled();
      assert.deepEqual(readdirSync(folder), []);
    });

    it('while a page is on its way (a stalled server): rejects at once, and no file is left', async () => {
      const abort = new AbortController();
      sim.faults.once({ kind: 'stallBeforeHeaders', ms: 20_000 });
      const started = Date.now();
      setTimeout(() => abort.abort(), 200);
      await assert.rejects(exportOnce(abort.signal));
      assert.ok(Date.now() - started < 5_000, 'the cancel did not wait for the server');
      await settled();
      assert.deepEqual(readdirSync(folder), []);
    });

    it('after the last page, while the files are digested: rejects, and no file is placed', async () => {
      const abort = new AbortController();
      const total = expected().length;
      await assert.rejects(exportOnce(abort.signal, (n) => {
        if (n === total) abort.abort();
      }));
      await settled();
      assert.deepEqual(readdirSync(folder), []);
    });
  });
});
