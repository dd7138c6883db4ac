// A server export from Data Center, which ignores format=zip and always sends its own 12-column CSV: the
// download keeps what was sent under the right format, with the server's file name, and the file opens as a
// snapshot whatever its header (issue 17 item 2: "Open as Snapshot" must open every server export).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AuditClient, createDispatcher } from '../../../src/api';
import { downloadExport } from '../../../src/export/core/download';
import { loadExport } from '../../../src/offline/core/loadExport';
import { startSimulator, type Simulator } from '../../../simulator';

const NOW = Date.UTC(2025, 5, 1, 12);
const DAY = 86_400_000;

describe('export: a Data Center server export', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let client: AuditClient;
  let dir: string;

  before(async () => {
    sim = await startSimulator({ records: 3_000, seed: 11, periodDays: 30, anchor: NOW, now: () => NOW });
    client = new AuditClient({
      siteUrl: sim.dataCenterUrl,
      deployment: 'datacenter',
      credentials: { kind: 'bearer', token: sim.admin.pat },
      dispatcher: createDispatcher({ env: {} }),
      clock: { now: () => NOW, sleep: () => Promise.resolve() },
      timeouts: { connectMs: 2000, headersMs: 5000, bodyMs: 3000 },
      retry: { maxAttempts: 1 },
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'dc-export-'));
  });
  after(async () => {
    await client.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const format of ['zip', 'csv'] as const) {
    it(`asked for ${format.toUpperCase()}: keeps the CSV Data Center sent, with its file name, and it opens with every record (issue 17 item 2)`, async () => {
      const start = NOW - 5 * DAY;
      const end = NOW - DAY;
      const file = path.join(dir, `dc.${format}`);
      const digest = await downloadExport(client, { startDate: start, endDate: end, format }, file);
      const expected = sim.recordsInRange(start, end);
      assert.ok(expected.length > 100);
      assert.equal(digest.format, 'csv', 'the format the server really sent');
      assert.equal(digest.serverFileName, `Auditing Export ${new Date(NOW).toISOString()}.csv`);
      assert.equal(digest.records, expected.length);
      const { table } = await loadExport(file);
      assert.equal(table.size, expected.length);
      const first = table.record(0);
      const sent = expected[0];
      // Data Center's CSV has seconds, not milliseconds.
      assert.equal(first.creationDate, Math.floor(sent.creationDate / 1000) * 1000);
      assert.deepEqual(
        { summary: first.summary, category: first.category, address: first.remoteAddress, author: first.author.displayName, object: first.affectedObject.name },
        { summary: sent.summary, category: sent.category, address: sent.remoteAddress, author: sent.author.displayName, object: sent.affectedObject.name },
      );
    });
  }
});
