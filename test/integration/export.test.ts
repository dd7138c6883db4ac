// Exports into the workspace, inside a real VS Code extension host against the simulator: the server's
// CSV and ZIP land in audit-exports/ holding exactly the window's records, never replace a file, leave
// nothing behind when cancelled or cut short, and carry a manifest that verifies until a byte changes.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseAuditRecord } from '../../src/api';
import type { AuditRecord } from '../../src/api/types';
import type { ConfluenceAuditApi } from '../../src/extension';
import type { ExportResult, VerifyResult } from '../../src/export';
import { parseManifest } from '../../src/exportFile/manifest';
import { loadExport } from '../../src/offline/core/loadExport';
import type { BucketNode, RecordNode, WindowNode } from '../../src/tree/nodes';
import { startSimulator, type Simulator } from '../../simulator';
import { addSimulatorSite, asOurCsvKeepsIt, childrenOf, freshExportFolder, getApi, labelOf, removeAllSites, waitFor } from './helpers';

const DAY = 86_400_000;

function listing(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

async function withSite(sim: Simulator): Promise<{ api: ConfluenceAuditApi; siteId: string }> {
  const api = await getApi();
  const site = await addSimulatorSite(api, sim);
  return { api, siteId: site.id };
}

function expectOk(result: ExportResult | undefined): asserts result is ExportResult & { ok: true } {
  assert.ok(result, 'the command returned a result');
  assert.ok(result.ok, `export failed: ${result.ok ? '' : `${result.kind}: ${result.message}`}`);
}

/** The records of an export file as the offline reader rebuilds them, newest first. */
async function recordsOf(uri: string): Promise<AuditRecord[]> {
  const { table } = await loadExport(vscode.Uri.parse(uri).fsPath);
  return Array.from({ length: table.size }, (_, i) => table.record(i));
}

/** What the live client makes of the simulator's records (the shape the tree holds). */
/** The server's records as the live client parses them, as our CSV export keeps them. */
function liveShape(records: readonly AuditRecord[]): AuditRecord[] {
  return records.map((r) => asOurCsvKeepsIt(parseAuditRecord(JSON.parse(JSON.stringify(r)))));
}

/** A window of whole past days, so no record can arrive in it while a test runs. */
function pastWindow(daysAgo: number, days: number): { start: number; end: number } {
  const today = Math.floor(Date.now() / DAY) * DAY;
  return { start: today - daysAgo * DAY, end: today - (daysAgo - days) * DAY - 1 };
}

async function windowByLabel(api: ConfluenceAuditApi, label: string): Promise<WindowNode> {
  for (const node of await childrenOf(api)) if (node.kind === 'window' && (await labelOf(api, node)) === label) return node;
  throw new Error(`No window labelled ${label}`);
}

function exportCommand(format: 'csv' | 'zip', arg: unknown): Thenable<ExportResult> {
  return vscode.commands.executeCommand<ExportResult>(format === 'csv' ? 'confluenceAudit.exportCsv' : 'confluenceAudit.exportZip', arg);
}

describe('Exports into the workspace', function () {
  this.timeout(180_000);
  let sim: Simulator;
  let api: ConfluenceAuditApi;
  let siteId: string;
  let folder: string;
  const window = pastWindow(6, 3);

  before(async () => {
    sim = await startSimulator({ records: 40_000, periodDays: 30, seed: 23 });
    ({ api, siteId } = await withSite(sim));
    folder = freshExportFolder();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('confluenceAudit.export').update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    await removeAllSites(api);
    await sim.stop();
    freshExportFolder();
  });

  afterEach(() => sim.faults.clear());

  for (const format of ['csv', 'zip'] as const) {
    it(`${format.toUpperCase()}: lands in audit-exports/ with exactly the simulator's records and a manifest`, async () => {
      const result = await exportCommand(format, { siteId, ...window, reveal: false });
      expectOk(result);
      const file = vscode.Uri.parse(result.uri).fsPath;
      assert.equal(path.dirname(file), folder);
      assert.match(path.basename(file), new RegExp(`^confluence-audit_127\\.0\\.0\\.1-\\d+_\\d{8}T\\d{6}Z_\\d{8}T\\d{6}Z\\.${format}$`));
      const expected = liveShape(sim.recordsInRange(window.start, window.end));
      assert.ok(expected.length > 1000, `the window holds records (${expected.length})`);
      assert.deepEqual(await recordsOf(result.uri), expected);

      const manifest = parseManifest(readFileSync(`${file}.manifest.json`, 'utf8'));
      assert.equal(manifest.file, path.basename(file));
      assert.equal(manifest.site.url, sim.url);
      assert.equal(manifest.site.label, 'Simulator');
      assert.deepEqual(manifest.query.start, { iso: new Date(window.start).toISOString(), epochMs: window.start });
      assert.deepEqual(manifest.query.end, { iso: new Date(window.end).toISOString(), epochMs: window.end });
      assert.equal(manifest.query.format, format);
      assert.equal(manifest.query.searchString, null);
      assert.equal(manifest.recordCount, expected.length);
      const bytes = readFileSync(file);
      assert.equal(manifest.bytes, bytes.length);
      assert.equal(manifest.sha256, createHash('sha256').update(bytes).digest('hex'));
      assert.equal(manifest.extension.id, 'confluence-audit.confluence-audit');
      assert.ok(Math.abs(manifest.exportedAt.epochMs - Date.now()) < 120_000);
      assert.deepEqual(listing(folder).filter((f) => f.endsWith('.part')), [], 'no temporary file is left');
    });
  }

  it('an existing file is left byte-identical: the next export of the same window takes the next name', async () => {
    const first = await exportCommand('csv', { siteId, ...window, reveal: false });
    expectOk(first);
    const firstFile = vscode.Uri.parse(first.uri).fsPath;
    const before = readFileSync(firstFile);
    writeFileSync(firstFile, Buffer.concat([before, Buffer.from('local note\r\n')]));
    const edited = readFileSync(firstFile);
    const second = await exportCommand('csv', { siteId, ...window, reveal: false });
    expectOk(second);
    assert.notEqual(second.uri, first.uri);
    assert.match(second.uri, /-\d+\.csv$/);
    assert.deepEqual(readFileSync(firstFile), edited, 'the existing export is untouched');
    assert.deepEqual(readFileSync(vscode.Uri.parse(second.uri).fsPath), before);
  });

  it('from a window in the tree: exactly its range and search string, no prompt; the CSV opens in an editor', async () => {
    const node = await windowByLabel(api, 'Last 30 days');
    await vscode.commands.executeCommand('confluenceAudit.setSearch', node, 'space');
    try {
      const query = api.state.records.queryOf(node);
      assert.ok(query);
      const result = await exportCommand('csv', node);
      expectOk(result);
      assert.equal(result.manifest.query.start.epochMs, query.start);
      assert.equal(result.manifest.query.end.epochMs, query.end);
      assert.equal(result.manifest.query.searchString, 'space');
      assert.deepEqual(await recordsOf(result.uri), liveShape(sim.recordsInRange(query.start, query.end, 'space')));
      await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString(), (uri) => uri === result.uri, 'the CSV in an editor');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await vscode.commands.executeCommand('confluenceAudit.clearSearch', node);
    }
  });

  it('from a bucket in the tree: exactly the bucket', async () => {
    const node = await windowByLabel(api, 'Last 7 days');
    const bucket = (await childrenOf(api, node)).filter((c): c is BucketNode => c.kind === 'bucket')[3];
    const result = await exportCommand('zip', bucket);
    expectOk(result);
    assert.equal(result.manifest.query.start.epochMs, bucket.bucket.start);
    assert.equal(result.manifest.query.end.epochMs, bucket.bucket.end);
    assert.deepEqual(await recordsOf(result.uri), liveShape(sim.recordsInRange(bucket.bucket.start, bucket.bucket.end)));
  });

  it('cancelling leaves no file behind', async () => {
    const before = listing(folder);
    sim.faults.once({ kind: 'stallMidBody', ms: 60_000 });
    const abort = new AbortController();
    const running = exportCommand('csv', { siteId, start: 0, end: Date.now(), reveal: false, signal: abort.signal });
    await waitFor(() => listing(folder).filter((f) => f.endsWith('.part')).length, (n) => n === 1, 'the temporary file');
    abort.abort();
    const result = await running;
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.kind, 'cancelled');
    assert.deepEqual(listing(folder), before);
  });

  it('a truncated body leaves no file behind and says so', async () => {
    const before = listing(folder);
    sim.faults.once({ kind: 'truncate' });
    const result = await exportCommand('zip', { siteId, start: 0, end: Date.now(), reveal: false });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.kind === 'network' && /ended before it was complete/.test(result.message), JSON.stringify(result));
    assert.deepEqual(listing(folder), before);
  });

  it('a server refusal leaves no file behind and says what happened', async () => {
    const before = listing(folder);
    sim.faults.once({ kind: 'status', status: 400, body: '{"statusCode":400,"message":"startDate is out of range"}' });
    const result = await exportCommand('csv', { siteId, ...window, reveal: false });
    assert.ok(!result.ok && result.kind === 'badRequest' && /No file was written/.test(result.message), JSON.stringify(result));
    assert.deepEqual(listing(folder), before);
  });

  it('the manifest verifies, and verification fails after a one-byte change', async () => {
    const result = await exportCommand('csv', { siteId, ...pastWindow(10, 1), reveal: false });
    expectOk(result);
    const good = await vscode.commands.executeCommand<VerifyResult>('confluenceAudit.verifyExport', vscode.Uri.parse(result.uri));
    assert.ok(good.ok && good.intact, JSON.stringify(good));
    assert.equal(good.ok && good.actual.records, result.manifest.recordCount);

    const file = vscode.Uri.parse(result.uri).fsPath;
    const bytes = readFileSync(file);
    const at = bytes.indexOf(',false,', 2000);
    bytes[at + 1] = 'F'.charCodeAt(0);
    writeFileSync(file, bytes);
    const bad = await vscode.commands.executeCommand<VerifyResult>('confluenceAudit.verifyExport', result.uri);
    assert.ok(bad.ok && !bad.intact, JSON.stringify(bad));
    assert.match(bad.ok ? bad.differences.join(' ') : '', /SHA-256/);
  });

  it('"Export Shown Records" writes the filtered records as CSV and JSON Lines, each with a manifest', async () => {
    const node = await windowByLabel(api, 'Last 7 days');
    const bucket = (await childrenOf(api, node)).filter((c): c is BucketNode => c.kind === 'bucket')[2];
    const loaded = (await childrenOf(api, bucket)).filter((c): c is RecordNode => c.kind === 'record');
    assert.ok(loaded.length > 0);
    await vscode.commands.executeCommand('confluenceAudit.addFilter', 'categories', loaded[0].record.category);
    try {
      const shown = api.state.records.shownRecords(bucket);
      assert.ok(shown.length > 0 && shown.length <= loaded.length);
      const result = await vscode.commands.executeCommand<ExportResult>('confluenceAudit.exportShownRecords', { node: bucket, reveal: false });
      expectOk(result);
      const files = result.files ?? [];
      assert.deepEqual(files.map((f) => path.extname(vscode.Uri.parse(f.uri).fsPath)), ['.csv', '.jsonl']);
      const jsonl = readFileSync(vscode.Uri.parse(files[1].uri).fsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
      assert.deepEqual(jsonl, JSON.parse(JSON.stringify(shown)));
      for (const f of files) {
        assert.equal(f.manifest.recordCount, shown.length);
        assert.equal(f.manifest.query.source, 'shown');
        assert.deepEqual(f.manifest.query.filters?.categories, [loaded[0].record.category]);
        assert.ok(existsSync(vscode.Uri.parse(f.manifestUri).fsPath));
        const verdict = await vscode.commands.executeCommand<VerifyResult>('confluenceAudit.verifyExport', f.uri);
        assert.ok(verdict.ok && verdict.intact, JSON.stringify(verdict));
      }
    } finally {
      await vscode.commands.executeCommand('confluenceAudit.clearFilters');
    }
  });

  it('refuses an export folder setting that leaves the workspace, writing nothing', async () => {
    const config = vscode.workspace.getConfiguration('confluenceAudit.export');
    await config.update('folder', '../outside', vscode.ConfigurationTarget.Workspace);
    try {
      const before = listing(folder);
      const result = await exportCommand('csv', { siteId, ...window, reveal: false });
      assert.ok(!result.ok && result.kind === 'refused' && /confluenceAudit\.export\.folder/.test(result.message), JSON.stringify(result));
      assert.deepEqual(listing(folder), before);
      assert.equal(existsSync(path.join(path.dirname(path.dirname(folder)), 'outside')), false);
      await config.update('folder', 'evidence/case-1', vscode.ConfigurationTarget.Workspace);
      const moved = await exportCommand('csv', { siteId, ...pastWindow(12, 1), reveal: false });
      expectOk(moved);
      assert.equal(path.dirname(vscode.Uri.parse(moved.uri).fsPath), path.join(path.dirname(folder), 'evidence', 'case-1'));
    } finally {
      await config.update('folder', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(path.join(path.dirname(folder), 'evidence'), { recursive: true, force: true });
    }
  });
});
