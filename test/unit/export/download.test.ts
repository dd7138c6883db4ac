// Downloading a server export into a temporary file, against the simulator over HTTP: the bytes hold
// exactly the simulator's records for the window; any failure leaves no file behind.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditClient, AuditError, createDispatcher } from '../../../src/api';
import { asOurCsvKeepsIt } from '../offline/records';
import type { AuditRecord } from '../../../src/api/types';
import { digestExportFile } from '../../../src/exportFile/digest/digest';
import { downloadExport } from '../../../src/export/core/download';
import { loadExport } from '../../../src/offline/core/loadExport';
import { startSimulator, type Simulator } from '../../../simulator';

const NOW = Date.UTC(2025, 5, 1, 12);
const DAY = 86_400_000;

describe('export: download against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let client: AuditClient;
  let dir: string;

  before(async () => {
    sim = await startSimulator({ records: 20_000, seed: 5, periodDays: 30, anchor: NOW, now: () => NOW });
    client = new AuditClient({
      siteUrl: sim.url,
      deployment: 'cloud',
      credentials: { kind: 'basic', email: sim.admin.email, token: sim.admin.apiToken },
      dispatcher: createDispatcher({ env: {} }),
      clock: { now: () => NOW, sleep: () => Promise.resolve() },
      timeouts: { connectMs: 2000, headersMs: 5000, bodyMs: 1500 },
      retry: { maxAttempts: 1 },
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-download-'));
  });
  after(async () => {
    await client.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => sim.faults.clear());

  async function records(file: string): Promise<AuditRecord[]> {
    const { table } = await loadExport(file);
    return Array.from({ length: table.size }, (_, i) => table.record(i));
  }

  for (const format of ['csv', 'zip'] as const) {
    it(`${format.toUpperCase()}: the file holds exactly the window's records, and the digest counts them`, async () => {
      const start = NOW - 3 * DAY;
      const end = NOW - DAY;
      const file = path.join(dir, `window.${format}`);
      let progressCalls = 0;
      const digest = await downloadExport(client, { startDate: start, endDate: end, format }, file, { onProgress: () => progressCalls++ });
      const expected = sim.recordsInRange(start, end);
      assert.ok(expected.length > 1000);
      assert.equal(digest.records, expected.length);
      assert.ok(progressCalls > 0);
      assert.deepEqual(await records(file), expected.map(asOurCsvKeepsIt));
    });
  }

  it('applies the search string on the server', async () => {
    const file = path.join(dir, 'search.csv');
    await downloadExport(client, { startDate: NOW - 30 * DAY, endDate: NOW, searchString: 'Space', format: 'csv' }, file);
    assert.deepEqual(await records(file), sim.recordsInRange(NOW - 30 * DAY, NOW, 'Space').map(asOurCsvKeepsIt));
  });

  async function failsCleanly(name: string, run: (file: string) => Promise<unknown>, check: (e: unknown) => boolean): Promise<void> {
    const before = readdirSync(dir).length;
    const file = path.join(dir, name);
    await assert.rejects(run(file), check);
    assert.equal(existsSync(file), false, 'the temporary file is removed');
    assert.equal(readdirSync(dir).length, before);
  }

  it('a truncated body leaves no file', async () => {
    sim.faults.once({ kind: 'truncate' });
    await failsCleanly('truncated.csv', (f) => downloadExport(client, { startDate: NOW - 30 * DAY, endDate: NOW, format: 'csv' }, f), (e) => e instanceof AuditError && e.kind === 'network');
  });

  it('a body that stalls past the timeout leaves no file', async () => {
    sim.faults.once({ kind: 'stallMidBody', ms: 10_000 });
    await failsCleanly('stalled.zip', (f) => downloadExport(client, { startDate: NOW - 30 * DAY, endDate: NOW, format: 'zip' }, f), (e) => e instanceof AuditError && e.kind === 'timeout');
  });

  it('cancelling mid-body leaves no file', async () => {
    sim.faults.once({ kind: 'stallMidBody', ms: 10_000 });
    const abort = new AbortController();
    await failsCleanly(
      'cancelled.csv',
      (f) => downloadExport(client, { startDate: NOW - 30 * DAY, endDate: NOW, format: 'csv' }, f, { signal: abort.signal, onProgress: () => abort.abort() }),
      (e) => e instanceof AuditError && e.kind === 'cancelled',
    );
  });

  it('a server error or a refusal leaves no file', async () => {
    sim.faults.once({ kind: '500' });
    await failsCleanly('error.csv', (f) => downloadExport(client, { startDate: 0, endDate: NOW, format: 'csv' }, f), (e) => e instanceof AuditError && e.kind === 'server');
    sim.faults.once({ kind: 'status', status: 403, body: '{"message":"no"}' });
    await failsCleanly('forbidden.csv', (f) => downloadExport(client, { startDate: 0, endDate: NOW, format: 'csv' }, f), (e) => e instanceof AuditError && e.kind === 'forbidden');
  });

  it('a body of the wrong kind (JSON when a ZIP was asked for) leaves no file', async () => {
    // CSV for a ZIP request is what Data Center sends, and is kept (dataCenterExport.test.ts); JSON is not an export.
    sim.faults.once({ kind: 'status', status: 200, body: '{"message":"not an export"}', headers: { 'Content-Type': 'application/zip' } });
    await failsCleanly('wrong.zip', (f) => downloadExport(client, { startDate: 0, endDate: NOW, format: 'zip' }, f), (e) => e instanceof AuditError && e.kind === 'badResponse');
  });

  it('the digest taken on the way to disk is the one "Verify Export…" recomputes, also for files papaparse must count', async () => {
    const bodies = [
      // the simulator's own export: counted while streaming
      undefined,
      // a lone LF among CRLF line ends and a quote inside an unquoted cell: papaparse counts after the download
      'Date,Author,Change\r\na,b,c\nd,e"f,g\r\nh,i,j\r\n',
    ];
    for (const [i, body] of bodies.entries()) {
      if (body !== undefined) sim.faults.once({ kind: 'status', status: 200, body, headers: { 'Content-Type': 'text/csv' } });
      const file = path.join(dir, `verified-${i}.csv`);
      const { format, formulaCells, ...digest } = await downloadExport(client, { startDate: NOW - 2 * DAY, endDate: NOW, format: 'csv' }, file);
      assert.equal(format, 'csv');
      assert.equal(typeof formulaCells, 'number', 'a server CSV export has its formula-like cells counted');
      assert.deepEqual({ ...digest, serverFileName: undefined }, { ...(await digestExportFile(file, 'csv')), serverFileName: undefined });
      if (body === undefined) assert.equal(digest.records, sim.recordsInRange(NOW - 2 * DAY, NOW).length);
      else assert.equal(digest.records, 2);
    }
  });

  it('never replaces (nor removes) an existing file at the temporary name', async () => {
    const file = path.join(dir, 'taken.csv');
    writeFileSync(file, 'precious');
    await assert.rejects(downloadExport(client, { startDate: NOW - DAY, endDate: NOW, format: 'csv' }, file), /EEXIST/);
    assert.equal(readFileSync(file, 'utf8'), 'precious');
  });
});
