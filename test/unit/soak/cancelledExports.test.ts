// Twenty exports through the extension's export core (download to a temporary file, digest, then place
// under the final name with its manifest), each cancelled at a seeded random byte count. None may leave
// a temporary file, and any file left in the folder must be a complete export matching its manifest.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { startSimulator, type Simulator } from '../../../simulator';
import { AuditClient, AuditError, createDispatcher, isAuditError } from '../../../src/api';
import { digestExportFile } from '../../../src/exportFile/digest/digest';
import { downloadExport } from '../../../src/export/core/download';
import { buildManifest, compareDigest, manifestText, parseManifest } from '../../../src/exportFile/manifest';
import { exportStem, temporaryName } from '../../../src/exportFile/naming';
import { placeFiles } from '../../../src/export/core/placeFiles';
import { seededRandom } from './helpers';

const SIM_NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const EXPORTS = 20;

describe('faults: exports cancelled at random points', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let folder: string;
  const dispatcher = createDispatcher({ env: {}, connectTimeoutMs: 2000 });

  before(async () => {
    sim = await startSimulator({ records: 3000, seed: 91, anchor: SIM_NOW, now: () => SIM_NOW });
    folder = await mkdtemp(path.join(os.tmpdir(), 'confluence-audit-soak-export-'));
  });
  after(async () => {
    await dispatcher.close();
    await sim.stop();
    await rm(folder, { recursive: true, force: true });
  });

  /** The export command's steps (src/export/exportCommand.ts) without its VS Code progress UI. */
  async function exportOnce(client: AuditClient, signal: AbortSignal, onProgress: (bytes: number) => void): Promise<void> {
    const query = { startDate: 0, endDate: SIM_NOW, format: 'csv' as const };
    const stem = exportStem({ site: sim.url, start: query.startDate, end: query.endDate });
    const tempPath = path.join(folder, temporaryName(`${stem}.csv`, randomBytes(6).toString('hex')));
    const digest = await downloadExport(client, query, tempPath, { signal, onProgress });
    if (signal.aborted) throw new AuditError('cancelled', 'The export was cancelled.', { retryable: false });
    await placeFiles(folder, stem, [{
      tempPath,
      kind: 'csv',
      manifest: (file) => manifestText(buildManifest({
        file, site: { url: sim.url, label: 'soak' }, start: query.startDate, end: query.endDate, format: 'csv', source: 'server', digest,
        extension: { id: 'confluence-audit.confluence-audit', version: 'test' }, exportedAt: SIM_NOW,
      })),
    }]);
  }

  it('leave no temporary file and no partial export', async () => {
    const client = new AuditClient({
      siteUrl: sim.url,
      deployment: 'cloud',
      credentials: { kind: 'basic', email: sim.admin.email, token: sim.admin.apiToken },
      dispatcher,
    });
    // The full size, so cancel points can be spread over it (a few beyond it: those exports complete).
    const full = await client.exportTo({ startDate: 0, endDate: SIM_NOW, format: 'csv' }, new PassThrough().resume());
    const random = seededRandom(17);
    let cancelled = 0;
    let completed = 0;
    for (let i = 0; i < EXPORTS; i++) {
      // The last export is cancelled just after its last byte arrived, while the file is being digested.
      const afterLastByte = i === EXPORTS - 1;
      const cancelAt = afterLastByte ? full.bytes : Math.floor(random() * full.bytes * 1.15);
      const abort = new AbortController();
      try {
        await exportOnce(client, abort.signal, (bytes) => {
          if (bytes < cancelAt) return;
          if (afterLastByte) setImmediate(() => abort.abort());
          else abort.abort();
        });
        assert.ok(!abort.signal.aborted, `export ${i} was cancelled at ${cancelAt} bytes yet reported success`);
        completed++;
      } catch (error) {
        assert.ok(abort.signal.aborted, `export ${i} failed without being cancelled: ${String(error)}`);
        assert.ok(isAuditError(error, 'cancelled') || (error instanceof Error && error.name === 'AbortError'), `export ${i}: ${String(error)}`);
        cancelled++;
      }
      const names = await readdir(folder);
      assert.deepEqual(names.filter((n) => n.endsWith('.part')), [], `export ${i} (cancel at ${cancelAt} of ${full.bytes} bytes) left a temporary file`);
      // Whatever is left is a finished export and its manifest, and the file matches the manifest.
      for (const name of names.filter((n) => n.endsWith('.csv'))) {
        const manifest = parseManifest(await readFile(path.join(folder, `${name}.manifest.json`), 'utf8'));
        const verdict = compareDigest(manifest, await digestExportFile(path.join(folder, name), 'csv'));
        assert.ok(verdict.intact, `${name}: ${verdict.differences.join('; ')}`);
        assert.equal(manifest.bytes, full.bytes);
        assert.equal(manifest.recordCount, sim.recordsInRange(0, SIM_NOW).length);
      }
      assert.equal(names.length, 2 * completed, `after export ${i}: ${names.join(', ')}`);
    }
    await client.close();
    assert.ok(cancelled >= 15, `only ${cancelled} of ${EXPORTS} exports were cancelled`);
  });
});
