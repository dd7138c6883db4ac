// Offline review inside a real VS Code extension host: an export opened as a snapshot is browsed like a
// site and shows the same records as the live tree; a malformed or hostile file is refused whole.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import * as vscode from 'vscode';
import { parseAuditRecord, recordKey } from '../../src/api';
import type { AuditRecord } from '../../src/api/types';
import type { ConfluenceAuditApi } from '../../src/extension';
import type { ExportResult } from '../../src/export';
import type { OpenResult } from '../../src/offline';
import type { AuditNode, BucketNode, LoadMoreNode, RecordNode, SiteNode, WindowNode } from '../../src/tree/nodes';
import { CSV_HEADER, csvRow, startSimulator, type Simulator } from '../../simulator';
import { addSimulatorSite, asOurCsvKeepsIt, childrenOf, freshExportFolder, getApi, labelOf, removeAllSites, setUserSetting, waitFor } from './helpers';

const DAY = 86_400_000;

async function withSite(sim: Simulator): Promise<{ api: ConfluenceAuditApi; siteId: string }> {
  const api = await getApi();
  const site = await addSimulatorSite(api, sim);
  return { api, siteId: site.id };
}

function expectOk(result: ExportResult | undefined): asserts result is ExportResult & { ok: true } {
  assert.ok(result, 'the command returned a result');
  assert.ok(result.ok, `export failed: ${result.ok ? '' : `${result.kind}: ${result.message}`}`);
}

/** What the live client makes of the simulator's records (the shape the tree holds). */
function liveShape(records: readonly AuditRecord[]): AuditRecord[] {
  return records.map((r) => parseAuditRecord(JSON.parse(JSON.stringify(r))));
}

/** A window of whole past days, so no record can arrive in it while a test runs. */
function pastWindow(daysAgo: number, days: number): { start: number; end: number } {
  const today = Math.floor(Date.now() / DAY) * DAY;
  return { start: today - daysAgo * DAY, end: today - (daysAgo - days) * DAY - 1 };
}

/** Every record under a window, bucket by bucket, following every "Load more". */
async function recordsUnder(api: ConfluenceAuditApi, window: WindowNode): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (const bucket of (await childrenOf(api, window)).filter((c): c is BucketNode => c.kind === 'bucket')) {
    let children = await childrenOf(api, bucket);
    for (;;) {
      const failure = children.find((c) => c.kind === 'message' && c.severity === 'error');
      assert.equal(failure, undefined, 'a bucket failed to load');
      const more = children.find((c): c is LoadMoreNode => c.kind === 'loadMore');
      if (!more) break;
      await vscode.commands.executeCommand('confluenceAudit.loadMore', more);
      children = await childrenOf(api, bucket);
    }
    records.push(...children.filter((c): c is RecordNode => c.kind === 'record').map((c) => c.record));
  }
  return records;
}

function rootNode(nodes: AuditNode[], siteId: string): SiteNode {
  const node = nodes.find((n): n is SiteNode => n.kind === 'site' && n.siteId === siteId);
  assert.ok(node, `no root item for ${siteId}`);
  return node;
}

async function closeAllSnapshots(api: ConfluenceAuditApi): Promise<void> {
  for (const snapshot of api.snapshots.list()) await vscode.commands.executeCommand('confluenceAudit.closeSnapshot', snapshot.id);
}

describe('Offline review of an export', function () {
  this.timeout(180_000);
  let sim: Simulator;
  let api: ConfluenceAuditApi;
  let siteId: string;
  let folder: string;
  const window = pastWindow(5, 2);

  before(async () => {
    sim = await startSimulator({ records: 30_000, periodDays: 30, seed: 31 });
    ({ api, siteId } = await withSite(sim));
    await setUserSetting('confluenceAudit.pageSize', 500);
    folder = freshExportFolder();
  });

  after(async () => {
    await closeAllSnapshots(api);
    await setUserSetting('confluenceAudit.pageSize', undefined);
    await removeAllSites(api);
    await sim.stop();
    freshExportFolder();
  });

  for (const format of ['csv', 'zip'] as const) {
    it(`a ${format.toUpperCase()} export opened as a snapshot shows the same records as the live tree`, async () => {
      const exported = await vscode.commands.executeCommand<ExportResult>(format === 'csv' ? 'confluenceAudit.exportCsv' : 'confluenceAudit.exportZip', { siteId, ...window, reveal: false });
      expectOk(exported);
      const opened = await vscode.commands.executeCommand<OpenResult>('confluenceAudit.openExport', vscode.Uri.parse(exported.uri));
      assert.ok(opened.ok, JSON.stringify(opened));
      assert.equal(opened.recordCount, exported.manifest.recordCount);
      assert.equal(opened.matchesManifest, true);

      // The snapshot is a root item next to the site, labelled with the site and file, with its export time.
      const roots = await waitFor(() => childrenOf(api), (nodes) => nodes.some((n) => n.kind === 'site' && n.siteId === opened.snapshotId), 'the snapshot root');
      const snapshotRoot = rootNode(roots, opened.snapshotId);
      const item = api.tree.getTreeItem(snapshotRoot);
      assert.equal(item.contextValue, 'snapshot');
      assert.match(await labelOf(api, snapshotRoot), /^Simulator · confluence-audit_.*\(snapshot\)$/);
      assert.match(String(item.description), /^exported /);

      const [whole] = (await childrenOf(api, snapshotRoot)).filter((c): c is WindowNode => c.kind === 'window');
      assert.equal(await labelOf(api, whole), 'Whole export');
      const offline = await recordsUnder(api, whole);

      // The live tree, for the same window: a custom window on the site.
      const windowId = await vscode.commands.executeCommand<string>('confluenceAudit.addTimeWindow', siteId, { kind: 'absolute', start: window.start, end: window.end, zone: 'utc' });
      try {
        const siteRoot = rootNode(await childrenOf(api), siteId);
        const liveWindow = (await childrenOf(api, siteRoot)).find((c): c is WindowNode => c.kind === 'window' && c.windowId === windowId);
        assert.ok(liveWindow);
        const live = await recordsUnder(api, liveWindow);
        assert.ok(live.length > 500, `the window holds records (${live.length})`);
        assert.equal(offline.length, live.length);
        const kept = live.map(asOurCsvKeepsIt);
        assert.deepEqual(offline.map(recordKey), kept.map(recordKey));
        assert.deepEqual(offline, kept);
      } finally {
        const siteRoot = rootNode(await childrenOf(api), siteId);
        const custom = (await childrenOf(api, siteRoot)).find((c): c is WindowNode => c.kind === 'window' && c.windowId === windowId);
        if (custom) await vscode.commands.executeCommand('confluenceAudit.removeTimeWindow', custom);
      }

      assert.equal(await vscode.commands.executeCommand<boolean>('confluenceAudit.closeSnapshot', snapshotRoot), true);
      assert.equal(api.snapshots.get(opened.snapshotId), undefined);
    });
  }

  it('a snapshot is searched like the server searches', async () => {
    const exported = await vscode.commands.executeCommand<ExportResult>('confluenceAudit.exportCsv', { siteId, ...window, reveal: false });
    expectOk(exported);
    const opened = await vscode.commands.executeCommand<OpenResult>('confluenceAudit.openExport', exported.uri);
    assert.ok(opened.ok);
    try {
      const snapshotRoot = rootNode(await childrenOf(api), opened.snapshotId);
      const [whole] = (await childrenOf(api, snapshotRoot)).filter((c): c is WindowNode => c.kind === 'window');
      await vscode.commands.executeCommand('confluenceAudit.setSearch', whole, 'GROUP');
      const found = await recordsUnder(api, whole);
      const expected = sim.recordsInRange(window.start, window.end, 'GROUP');
      assert.ok(expected.length > 0);
      assert.deepEqual(found.map(recordKey).sort(), liveShape(expected).map(asOurCsvKeepsIt).map(recordKey).sort());
      await vscode.commands.executeCommand('confluenceAudit.clearSearch', whole);
    } finally {
      await closeAllSnapshots(api);
    }
  });

  it('the JSON Lines twin of "Export Shown Records" opens as a snapshot of exactly the shown records', async () => {
    const week = (await childrenOf(api)).find((n): n is WindowNode => n.kind === 'window' && n.windowId === 'last-7-days');
    assert.ok(week, 'the "Last 7 days" window at the root');
    const bucket = (await childrenOf(api, week)).filter((c): c is BucketNode => c.kind === 'bucket')[1];
    await childrenOf(api, bucket);
    const shown = api.state.shownRecords(bucket);
    assert.ok(shown.length > 0);
    const exported = await vscode.commands.executeCommand<ExportResult>('confluenceAudit.exportShownRecords', { node: bucket, reveal: false });
    expectOk(exported);
    const jsonl = exported.files?.[1]?.uri;
    assert.ok(jsonl?.endsWith('.jsonl'));
    const opened = await vscode.commands.executeCommand<OpenResult>('confluenceAudit.openExport', jsonl);
    try {
      assert.ok(opened.ok && opened.matchesManifest === true, JSON.stringify(opened));
      const snapshotRoot = rootNode(await childrenOf(api), opened.snapshotId);
      const [whole] = (await childrenOf(api, snapshotRoot)).filter((c): c is WindowNode => c.kind === 'window');
      assert.deepEqual(await recordsUnder(api, whole), shown);
    } finally {
      await closeAllSnapshots(api);
    }
  });

  it('refuses a malformed file with the line of the problem, adding nothing', async () => {
    const records = sim.recordsInRange(window.start, window.end).slice(0, 5);
    const rows = records.map(csvRow);
    rows[3] = rows[3].replace(/,(true|false),/, ',perhaps,');
    const file = path.join(folder, 'malformed.csv');
    writeFileSync(file, CSV_HEADER + rows.join(''));
    const lineOfRow3 = 2 + rows.slice(0, 3).reduce((n, r) => n + (r.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    const before = api.snapshots.list().length;
    const result = await vscode.commands.executeCommand<OpenResult>('confluenceAudit.openExport', { file });
    assert.ok(!result.ok && result.kind === 'malformed', JSON.stringify(result));
    assert.equal(result.line, lineOfRow3);
    assert.match(result.message, new RegExp(`Line ${lineOfRow3}: "(System admin|Super admin|Author is guest|Author is external collaborator|Author external collaborator)" must be true or false`));
    assert.equal(api.snapshots.list().length, before);
  });

  it('refuses a ZIP whose entry name climbs out of its folder, adding nothing', async () => {
    const file = path.join(folder, 'traversal.zip');
    writeFileSync(file, zipSync({ '../../evil.csv': Buffer.from(CSV_HEADER) }));
    const before = api.snapshots.list().length;
    const result = await vscode.commands.executeCommand<OpenResult>('confluenceAudit.openExport', { file });
    assert.ok(!result.ok && result.kind === 'malformed' && /climbs out/.test(result.message), JSON.stringify(result));
    assert.equal(api.snapshots.list().length, before);
  });

  it('an export changed after the fact opens marked as not matching its manifest', async () => {
    const exported = await vscode.commands.executeCommand<ExportResult>('confluenceAudit.exportCsv', { siteId, ...pastWindow(9, 1), reveal: false });
    expectOk(exported);
    const file = vscode.Uri.parse(exported.uri).fsPath;
    writeFileSync(file, readFileSync(file, 'utf8').replace(',false,', ',true,'));
    const opened = await vscode.commands.executeCommand<OpenResult>('confluenceAudit.openExport', exported.uri);
    try {
      assert.ok(opened.ok && opened.matchesManifest === false, JSON.stringify(opened));
      assert.match(api.snapshots.get(opened.snapshotId)?.label ?? '', /modified since export/);
    } finally {
      await closeAllSnapshots(api);
    }
  });
});
