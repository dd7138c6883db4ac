// The sidebar browser inside a real VS Code extension host, against the local simulator
// (100,000 seeded records over 90 days), driven through the extension's real commands and tree provider.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseAuditRecord, recordKey } from '../../src/api';
import type { AuditRecord } from '../../src/api/types';
import type { ConfluenceAuditApi } from '../../src/extension';
import type { AuditNode, BucketNode, LoadMoreNode, MessageNode, RecordNode, WindowNode } from '../../src/tree/nodes';
import { startSimulator, type Simulator } from '../../simulator';
import { childrenOf, getApi, labelOf, listFiles, removeAllSites, setUserSetting, waitFor } from './helpers';

const DAY = 86_400_000;

function sortedKeys(records: readonly AuditRecord[]): string[] {
  return records.map((r) => recordKey(r)).sort();
}

async function windowByLabel(api: ConfluenceAuditApi, label: string): Promise<WindowNode> {
  for (const node of await childrenOf(api)) {
    if (node.kind === 'window' && (await labelOf(api, node)) === label) return node;
  }
  throw new Error(`No window labelled ${label}`);
}

/** Expands a bucket and follows every "Load more", as a user clicking would. */
async function allRecordsOf(api: ConfluenceAuditApi, bucket: BucketNode): Promise<{ records: AuditRecord[]; pages: number }> {
  let children = await childrenOf(api, bucket);
  let pages = 1;
  for (;;) {
    const more = children.find((c): c is LoadMoreNode => c.kind === 'loadMore');
    const failure = children.find((c): c is MessageNode => c.kind === 'message' && c.severity === 'error');
    assert.equal(failure, undefined, `bucket failed: ${failure?.text}`);
    if (!more) break;
    await vscode.commands.executeCommand('confluenceAudit.loadMore', more);
    children = await childrenOf(api, bucket);
    pages += 1;
  }
  return { records: children.filter((c): c is RecordNode => c.kind === 'record').map((c) => c.record), pages };
}

function messages(nodes: AuditNode[]): MessageNode[] {
  return nodes.filter((n): n is MessageNode => n.kind === 'message');
}

describe('Audit Log tree against the simulator', function () {
  this.timeout(180_000);
  let sim: Simulator;
  let api: ConfluenceAuditApi;

  before(async () => {
    sim = await startSimulator({ records: 100_000, periodDays: 90, seed: 42 });
    api = await getApi();
    await removeAllSites(api);
    await setUserSetting('confluenceAudit.timeZone', 'utc');
    await setUserSetting('confluenceAudit.pageSize', 300);
  });

  after(async () => {
    await removeAllSites(api);
    await sim.stop();
  });

  it('shows the welcome content (no items) while no site is configured', async () => {
    assert.deepEqual(await childrenOf(api), []);
  });

  it('refuses a site whose token is wrong, telling 401 apart, and saves nothing', async () => {
    const result = await vscode.commands.executeCommand<{ ok: boolean; kind?: string }>('confluenceAudit.addSite', {
      url: sim.url,
      authKind: 'basic',
      email: sim.admin.email,
      token: 'not-the-token',
    });
    assert.equal(result?.ok, false);
    assert.equal(result?.kind, 'unauthorized');
    assert.equal(api.sessions.sites().length, 0);
  });

  it('refuses a non-administrator account with the 403 reason', async () => {
    const result = await vscode.commands.executeCommand<{ ok: boolean; kind?: string }>('confluenceAudit.addSite', {
      url: sim.url,
      authKind: 'basic',
      email: sim.nonAdmin.email,
      token: sim.nonAdmin.apiToken,
    });
    assert.equal(result?.ok, false);
    assert.equal(result?.kind, 'forbidden');
  });

  it('adds a site after a successful connection test and lists the six preset windows', async () => {
    const result = await vscode.commands.executeCommand<{ ok: boolean }>('confluenceAudit.addSite', {
      url: sim.url,
      authKind: 'basic',
      email: sim.admin.email,
      token: sim.admin.apiToken,
      label: 'Simulator',
    });
    assert.equal(result?.ok, true);
    const windows = await waitFor(() => childrenOf(api), (c) => c.length >= 6, 'preset windows');
    const labels = await Promise.all(windows.map((w) => labelOf(api, w)));
    assert.deepEqual(labels.slice(0, 6), ['Last hour', 'Last 24 hours', 'Last 7 days', 'Last 30 days', 'Last 3 months', 'Last year']);
  });

  it('"Last 7 days" expands to 7 day buckets, newest first', async () => {
    const requestsBefore = sim.requests.length;
    const window = await windowByLabel(api, 'Last 7 days');
    const buckets = (await childrenOf(api, window)).filter((c): c is BucketNode => c.kind === 'bucket');
    assert.equal(sim.requests.length, requestsBefore, 'listing windows and buckets costs no request');
    assert.equal(buckets.length, 7);
    for (const bucket of buckets) assert.equal(bucket.bucket.granularity, 'day');
    for (let i = 1; i < buckets.length; i++) {
      assert.ok(buckets[i - 1].bucket.start > buckets[i].bucket.start, 'newest first');
      assert.equal(buckets[i].bucket.end + 1, buckets[i - 1].bucket.start, 'contiguous');
    }
    assert.ok(buckets[0].bucket.end >= Date.now() - 60_000, 'the newest bucket reaches now');
  });

  it('a full day bucket yields exactly the simulator records of that day through every "Load more"', async () => {
    const window = await windowByLabel(api, 'Last 7 days');
    const buckets = (await childrenOf(api, window)).filter((c): c is BucketNode => c.kind === 'bucket');
    const day = buckets[2]; // a whole past day, so no record can arrive in it during the test
    assert.equal(day.bucket.end - day.bucket.start + 1, DAY);
    const { records, pages } = await allRecordsOf(api, day);
    const expected = sim.recordsInRange(day.bucket.start, day.bucket.end).map((r) => parseAuditRecord(r));
    assert.ok(expected.length > 300, `a day holds several pages (${expected.length})`);
    assert.ok(pages > 1, 'paged with Load more');
    assert.deepEqual(sortedKeys(records), sortedKeys(expected));
    for (let i = 1; i < records.length; i++) assert.ok(records[i - 1].creationDate >= records[i].creationDate, 'newest first');
    const item = api.tree.getTreeItem(day);
    assert.equal(item.description, `${expected.length} records`);
  });

  it('record items are plain text with a sentence for screen readers and open in the detail panel', async () => {
    const window = await windowByLabel(api, 'Last 7 days');
    const [bucket] = (await childrenOf(api, window)).filter((c): c is BucketNode => c.kind === 'bucket').slice(3);
    const record = (await childrenOf(api, bucket)).find((c): c is RecordNode => c.kind === 'record');
    assert.ok(record);
    const item = api.tree.getTreeItem(record);
    assert.equal(item.tooltip, undefined, 'the tooltip is resolved on hover');
    api.tree.resolveTreeItem(item, record);
    assert.equal(typeof item.tooltip, 'string', 'tooltip is plain text, never markdown');
    assert.match(String(item.tooltip), new RegExp(record.record.remoteAddress.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.ok((item.accessibilityInformation?.label ?? '').length > 10);
    assert.equal(item.command?.command, 'confluenceAudit.openRecord');
    await vscode.commands.executeCommand('confluenceAudit.openRecord', record);
    const key = recordKey(record.record);
    await waitFor(() => api.webviews.testing.detailPanels().map((p) => (p.record ? recordKey(p.record) : '')), (keys) => keys.includes(key), 'detail panel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('refuses an inverted custom window and adds a valid one', async () => {
    const site = api.sessions.sites()[0];
    const now = Date.now();
    const refused = await vscode.commands.executeCommand('confluenceAudit.addTimeWindow', site.id, { kind: 'absolute', start: now - DAY, end: now - 2 * DAY, zone: 'utc' });
    assert.equal(refused, undefined);
    const id = await vscode.commands.executeCommand<string>('confluenceAudit.addTimeWindow', site.id, { kind: 'absolute', start: now - 3 * DAY, end: now - 2 * DAY, zone: 'utc' });
    assert.ok(id);
    const windows = await childrenOf(api);
    const custom = windows.find((w): w is WindowNode => w.kind === 'window' && w.windowId === id);
    assert.ok(custom);
    const buckets = (await childrenOf(api, custom)).filter((c): c is BucketNode => c.kind === 'bucket');
    assert.ok(buckets.length >= 24 && buckets.length <= 25, `hour buckets for one day (${buckets.length})`);
    await vscode.commands.executeCommand('confluenceAudit.removeTimeWindow', custom);
    assert.equal((await childrenOf(api)).some((w) => w.kind === 'window' && w.windowId === id), false);
  });

  it('a server-side search narrows a window and client-side filters show in the view description', async () => {
    const window = await windowByLabel(api, 'Last 30 days');
    await vscode.commands.executeCommand('confluenceAudit.setSearch', window, 'group');
    const bucket = (await childrenOf(api, window)).find((c): c is BucketNode => c.kind === 'bucket' && c.bucket.end < Date.now() - DAY);
    assert.ok(bucket);
    const { records } = await allRecordsOf(api, bucket);
    const expected = sim.recordsInRange(bucket.bucket.start, bucket.bucket.end, 'group');
    assert.ok(expected.length > 0);
    assert.deepEqual(sortedKeys(records), sortedKeys(expected.map((r) => parseAuditRecord(r))));

    const category = records[0].category;
    await vscode.commands.executeCommand('confluenceAudit.addFilter', 'categories', category);
    assert.match(api.view.description ?? '', new RegExp(category.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const shown = (await childrenOf(api, bucket)).filter((c): c is RecordNode => c.kind === 'record');
    assert.ok(shown.length > 0 && shown.every((r) => r.record.category === category));
    await vscode.commands.executeCommand('confluenceAudit.clearFilters');
    assert.equal(api.view.description, undefined);
    await vscode.commands.executeCommand('confluenceAudit.clearSearch', window);
  });

  it('a server error becomes a message with Retry, and Retry recovers the bucket', async () => {
    const window = await windowByLabel(api, 'Last 24 hours');
    await vscode.commands.executeCommand('confluenceAudit.refreshNode', window);
    const [bucket] = (await childrenOf(api, window)).filter((c): c is BucketNode => c.kind === 'bucket').slice(2);
    sim.faults.once({ kind: '500' });
    const failed = messages(await childrenOf(api, bucket));
    assert.equal(failed.length, 1);
    assert.equal(failed[0].action?.command, 'confluenceAudit.retry');
    await vscode.commands.executeCommand('confluenceAudit.retry', bucket);
    const recovered = await childrenOf(api, bucket);
    assert.equal(messages(recovered).filter((m) => m.severity === 'error').length, 0);
    assert.ok(recovered.some((c) => c.kind === 'record'));
  });

  it('a rejected token turns the site into "token rejected", keeps it, and signing in again recovers', async () => {
    const site = api.sessions.sites()[0];
    await api.sessions.tokens.store(site.id, 'revoked-token');
    await waitFor(() => api.sessions.state(site.id).kind, (k) => k === 'unknown', 'token change seen');
    const window = await windowByLabel(api, 'Last hour');
    const [bucket] = (await childrenOf(api, window)).filter((c): c is BucketNode => c.kind === 'bucket');
    await childrenOf(api, bucket);
    await waitFor(() => api.sessions.state(site.id).kind, (k) => k === 'tokenRejected', 'token rejected state');
    const root = messages(await childrenOf(api));
    assert.equal(root.length, 1);
    assert.match(root[0].text, /rejected/);
    assert.equal(root[0].action?.command, 'confluenceAudit.signIn');
    assert.equal(api.sessions.sites().length, 1, 'the site survives');

    const ok = await vscode.commands.executeCommand<boolean>('confluenceAudit.signIn', site.id, { token: sim.admin.apiToken });
    assert.equal(ok, true);
    await waitFor(async () => (await childrenOf(api)).filter((c) => c.kind === 'window').length, (n) => n >= 6, 'windows back');
  });

  it('a failed sign-in as a non-administrator leaves the working site as it was (issue 17, item 4)', async () => {
    const site = api.sessions.sites()[0];
    const before = api.sessions.state(site.id).kind;
    const ok = await vscode.commands.executeCommand<boolean>('confluenceAudit.signIn', site.id, { token: sim.nonAdmin.apiToken, email: sim.nonAdmin.email });
    assert.equal(ok, false);
    assert.equal(api.sessions.state(site.id).kind, before, 'the refused token says nothing about the stored one');
    assert.equal(messages(await childrenOf(api)).length, 0, 'no error row in place of the windows');
    assert.equal(api.sessions.sites().length, 1, 'the site survives');
    assert.equal(await api.sessions.tokens.get(site.id), sim.admin.apiToken, 'the working token was not replaced');
    assert.equal(await vscode.commands.executeCommand<boolean>('confluenceAudit.testConnection', site.id), true);
  });

  it('a missing token shows "token required" and keeps the site configuration', async () => {
    const site = api.sessions.sites()[0];
    await vscode.commands.executeCommand('confluenceAudit.signOut', site.id, true);
    const root = messages(await waitFor(() => childrenOf(api), (c) => c.some((n) => n.kind === 'message'), 'token required message'));
    assert.match(root[0].text, /Token required/);
    assert.deepEqual(api.sessions.sites().map((s) => s.id), [site.id]);
    assert.equal(await vscode.commands.executeCommand<boolean>('confluenceAudit.signIn', site.id, { token: sim.admin.apiToken }), true);
  });

  it('auto-refresh moves "Last hour" to now, marks records that arrived since and badges them until a refresh', async () => {
    const window = await windowByLabel(api, 'Last hour');
    const [newest] = (await childrenOf(api, window)).filter((c): c is BucketNode => c.kind === 'bucket');
    await childrenOf(api, newest);
    await new Promise((resolve) => setTimeout(resolve, 5));
    sim.insert([{ remoteAddress: '203.0.113.77', summary: 'Fresh audit event', category: 'Security', creationDate: Date.now() }]);
    api.state.autoRefresh();
    const [refreshed] = (await childrenOf(api, window)).filter((c): c is BucketNode => c.kind === 'bucket');
    const records = (await childrenOf(api, refreshed)).filter((c): c is RecordNode => c.kind === 'record');
    const fresh = records.filter((r) => r.isNew);
    assert.deepEqual(fresh.map((r) => r.record.summary), ['Fresh audit event']);
    assert.match(String(api.tree.getTreeItem(fresh[0]).description), /^● new/);
    api.autoRefresh.updateBadge();
    assert.equal(api.view.badge?.value, 1);
    await vscode.commands.executeCommand('confluenceAudit.refresh');
    assert.equal(api.view.badge, undefined);
  });

  it('shows one root per site when there are several', async () => {
    const second = await vscode.commands.executeCommand<{ ok: boolean }>('confluenceAudit.addSite', {
      url: sim.dataCenterUrl,
      authKind: 'bearer',
      token: sim.admin.pat,
      label: 'Simulator DC',
    });
    assert.equal(second?.ok, true);
    const roots = await waitFor(() => childrenOf(api), (c) => c.length === 2 && c.every((n) => n.kind === 'site'), 'two site roots');
    assert.deepEqual((await Promise.all(roots.map((r) => labelOf(api, r)))).sort(), ['Simulator', 'Simulator DC']);
    const dcWindows = await childrenOf(api, roots.find((r) => r.kind === 'site' && api.sessions.store.get(r.siteId)?.label === 'Simulator DC'));
    assert.equal(dcWindows.filter((w) => w.kind === 'window').length, 6);
  });

  it('keeps tokens out of settings, global state and logs', async () => {
    const secrets = [sim.admin.apiToken, sim.admin.pat, sim.nonAdmin.apiToken, 'revoked-token', 'not-the-token'];
    const settings = JSON.stringify(vscode.workspace.getConfiguration('confluenceAudit').inspect('sites'));
    for (const secret of secrets) assert.ok(!settings.includes(secret), 'settings hold no token');
    // globalStorage is <user data>/User/globalStorage/<extension>; the logs folder is per session.
    const userDir = path.resolve(api.storage.globalStorage, '..', '..');
    const logsDir = path.resolve(api.storage.logs, '..', '..');
    const files = [...listFiles(userDir), ...listFiles(logsDir)];
    assert.ok(files.some((f) => f.includes('Confluence Audit')), 'the output channel log file was searched');
    for (const file of files) {
      const content = readFileSync(file).toString('latin1');
      for (const secret of secrets) assert.ok(!content.includes(secret), `${file} holds no token`);
    }
  });
});
