// Evidence manifests: what they record, how strictly they are read back, and verification by recomputing
// size, SHA-256 and record count (a one-byte change must fail).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { digestExportFile } from '../../../src/exportFile/digest/digest';
import { buildManifest, compareDigest, manifestText, parseManifest, type ManifestInput } from '../../../src/exportFile/manifest';
import { exportCsv, record } from '../offline/records';

const RECORDS = [
  record({ creationDate: 3000, description: 'spans\r\ntwo lines' }),
  record({ creationDate: 2000, summary: '=HYPERLINK("http://evil")' }),
  record({ creationDate: 1000 }),
];

describe('export: manifest and verification', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-manifest-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, content: string | Uint8Array): string {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  }

  it('counts records by parsing, not by lines (cells may span lines), and hashes the bytes', async () => {
    const text = exportCsv(RECORDS);
    const digest = await digestExportFile(file('a.csv', text), 'csv');
    assert.equal(digest.records, 3);
    assert.ok(text.split('\r\n').length - 2 > 3, 'the file has more lines than records');
    assert.equal(digest.bytes, Buffer.byteLength(text));
    assert.equal(digest.sha256, createHash('sha256').update(text).digest('hex'));
  });

  it('counts the CSV inside a ZIP and hashes the ZIP itself', async () => {
    const zip = zipSync({ 'confluence-audit-log.csv': Buffer.from(exportCsv(RECORDS)) });
    const digest = await digestExportFile(file('a.zip', zip), 'zip');
    assert.equal(digest.records, 3);
    assert.equal(digest.sha256, createHash('sha256').update(zip).digest('hex'));
  });

  it('counts JSON Lines', async () => {
    const digest = await digestExportFile(file('a.jsonl', '{"a":1}\n{"a":2}\n\n{"a":3}'), 'jsonl');
    assert.equal(digest.records, 3);
  });

  it('records the query as ISO 8601 and epoch ms, and reads back exactly what it wrote', async () => {
    const input: ManifestInput = {
      file: 'x.csv',
      site: { url: 'https://acme.atlassian.net', label: 'ACME' },
      start: Date.UTC(2025, 0, 1),
      end: Date.UTC(2025, 0, 2) - 1,
      searchString: 'admin',
      format: 'csv',
      source: 'server',
      digest: { bytes: 10, sha256: 'a'.repeat(64), records: 2 },
      extension: { id: 'confluence-audit.confluence-audit', version: '0.1.0' },
      exportedAt: Date.UTC(2025, 0, 3, 4, 5, 6),
    };
    const manifest = buildManifest(input);
    assert.deepEqual(manifest.query.start, { iso: '2025-01-01T00:00:00.000Z', epochMs: Date.UTC(2025, 0, 1) });
    assert.deepEqual(manifest.query.end, { iso: '2025-01-01T23:59:59.999Z', epochMs: Date.UTC(2025, 0, 2) - 1 });
    assert.equal(manifest.query.searchString, 'admin');
    assert.equal(manifest.exportedAt.iso, '2025-01-03T04:05:06.000Z');
    assert.deepEqual(parseManifest(manifestText(manifest)), manifest);
    const shown = buildManifest({ ...input, source: 'shown', searchString: undefined, filters: { categories: ['Permissions'], authors: [] } });
    assert.equal(shown.query.searchString, null);
    assert.deepEqual(parseManifest(manifestText(shown)).query.filters?.categories, ['Permissions']);
  });

  it('refuses a manifest that is not ours or was edited inconsistently', () => {
    const good = JSON.parse(manifestText(buildManifest({
      file: 'x.zip', site: { url: 'u', label: 'l' }, start: 0, end: 1, format: 'zip', source: 'server',
      digest: { bytes: 1, sha256: 'b'.repeat(64), records: 0 }, extension: { id: 'i', version: 'v' }, exportedAt: 5,
    }))) as Record<string, unknown>;
    assert.throws(() => parseManifest('{'), /not valid JSON/);
    assert.throws(() => parseManifest('{"kind":"other"}'), /not a Confluence Audit export manifest/);
    assert.throws(() => parseManifest(JSON.stringify({ ...good, sha256: 'xyz' })), /SHA-256/);
    assert.throws(() => parseManifest(JSON.stringify({ ...good, recordCount: -1 })), /count/);
    assert.throws(() => parseManifest(JSON.stringify({ ...good, exportedAt: { iso: '2025-01-01T00:00:00.000Z', epochMs: 6 } })), /differ/);
  });

  for (const format of ['csv', 'zip'] as const) {
    it(`verifies an untouched ${format.toUpperCase()} export and fails after a one-byte change`, async () => {
      const content = format === 'csv' ? Buffer.from(exportCsv(RECORDS)) : Buffer.from(zipSync({ 'e.csv': Buffer.from(exportCsv(RECORDS)) }, { level: 0 }));
      const p = file(`v.${format}`, content);
      const manifest = buildManifest({
        file: path.basename(p), site: { url: 'u', label: 'l' }, start: 0, end: 5000, format, source: 'server',
        digest: await digestExportFile(p, format), extension: { id: 'i', version: 'v' }, exportedAt: 1,
      });
      assert.deepEqual(compareDigest(manifest, await digestExportFile(p, format)), { intact: true, differences: [] });

      // One byte of record text changed (a stored ZIP keeps the CSV bytes as they are, so the change is in data).
      const changed = Buffer.from(readFileSync(p));
      const at = changed.indexOf('HYPERLINK');
      changed[at] = 'h'.charCodeAt(0);
      writeFileSync(p, changed);
      const verdict = compareDigest(manifest, await digestExportFile(p, format).catch(() => ({ bytes: changed.length, sha256: createHash('sha256').update(changed).digest('hex'), records: -1 })));
      assert.equal(verdict.intact, false);
      assert.match(verdict.differences.join('\n'), /SHA-256/);
    });
  }

  it('a removed record changes the count as well as the hash', async () => {
    const p = file('w.csv', exportCsv(RECORDS));
    const manifest = buildManifest({
      file: 'w.csv', site: { url: 'u', label: 'l' }, start: 0, end: 1, format: 'csv', source: 'server',
      digest: await digestExportFile(p, 'csv'), extension: { id: 'i', version: 'v' }, exportedAt: 1,
    });
    writeFileSync(p, exportCsv(RECORDS.slice(0, 2)));
    const verdict = compareDigest(manifest, await digestExportFile(p, 'csv'));
    assert.equal(verdict.intact, false);
    assert.equal(verdict.differences.length, 3);
    assert.match(verdict.differences[2], /holds 2 records, the manifest says 3/);
  });
});
