// The record detail webview inside a real VS Code extension host, against the local simulator. The
// assertions read what the host sent to the REAL webview: a response to detail.ready only exists once the
// page's script has loaded under its CSP and asked for its record.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { recordKey } from '../../src/api';
import type { AuditRecord } from '../../src/api/types';
import type { ConfluenceAuditApi } from '../../src/extension';
import { formatIso } from '../../src/model/timeZone';
import type { SiteConfig } from '../../src/sites/siteConfig';
import type { DetailPanelProbe, WebviewsApi } from '../../src/webview';
import { HUGE_VALUE, startSimulator, type Simulator } from '../../simulator';
import { addSimulatorSite, childrenOf, getApi, removeAllSites, waitFor } from './helpers';
import { closeAllEditors, okValue, recordNode, shownIn, testRequestId, webviewsOf } from './webviewHelpers';

const DAY = 86_400_000;

function isUserWithAccount(r: AuditRecord): boolean {
  return typeof r.author?.accountId === 'string' && r.author.accountId !== '' && r.remoteAddress !== '' && r.affectedObject?.name !== '';
}

describe('Record detail webview', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: ConfluenceAuditApi;
  let webviews: WebviewsApi;
  let site: SiteConfig;
  let records: AuditRecord[];

  async function openedPanel(count = 1): Promise<DetailPanelProbe> {
    const panels = await waitFor(() => webviews.testing.detailPanels(), (p) => p.length === count, `${count} detail panel(s)`);
    return panels[panels.length - 1];
  }

  async function shown(panel: DetailPanelProbe, record: AuditRecord) {
    return waitFor(() => shownIn(panel.posted), (s) => s?.identity.key === recordKey(record), 'the webview shows the record');
  }

  before(async () => {
    sim = await startSimulator({ records: 3000, periodDays: 30, seed: 4 });
    api = await getApi();
    webviews = webviewsOf(api);
    site = await addSimulatorSite(api, sim);
    // One record with hostile markup and a long multi-line value, so every run meets them.
    sim.insert([
      {
        remoteAddress: '198.51.100.9',
        summary: '<img src=x onerror=alert(1)>',
        description: '</script><script>alert(1)</script>',
        category: 'Pages',
        affectedObject: { name: '[x](command:workbench.action.terminal.new)', objectType: 'Page' },
        changedValues: [{ name: 'Body', oldValue: 'line 1\nline 2', newValue: HUGE_VALUE }],
      },
    ]);
    // The records exactly as the extension's client parses them (what the tree holds).
    const access = await api.sessions.client(site);
    assert.ok(access.ok);
    records = [];
    for await (const r of access.client.records({ kind: 'range', startDate: 0, endDate: Date.now() + DAY })) records.push(r);
    assert.equal(records.length, 3001);
  });

  after(async () => {
    await closeAllEditors();
    await removeAllSites(api);
    await sim.stop();
  });

  it('opening a record from the tree shows every field in the webview', async () => {
    const record = records.find((r) => isUserWithAccount(r) && r.changedValues.length > 0 && r.associatedObjects.length > 0);
    assert.ok(record, 'a record with an account, changed values and associated objects');
    await vscode.commands.executeCommand('confluenceAudit.openRecord', recordNode(site, record));
    const panel = await openedPanel();
    const { view, pinned, identity } = (await shown(panel, record)) ?? assert.fail('nothing shown');
    assert.equal(pinned, false);
    assert.deepEqual(identity, { siteId: site.id, creationDate: record.creationDate, key: recordKey(record) });
    assert.equal(view.siteLabel, 'Simulator');
    assert.equal(view.time.utc, formatIso(record.creationDate, 'utc'));
    assert.equal(view.time.zoned, formatIso(record.creationDate, 'utc'));
    assert.equal(view.summary, record.summary);
    assert.equal(view.category, record.category);
    assert.equal(view.description, record.description);
    assert.equal(view.author.displayName, record.author.displayName);
    assert.equal(view.author.accountId, record.author.accountId);
    assert.equal(view.remoteAddress, record.remoteAddress);
    assert.equal(view.sysAdmin, record.sysAdmin);
    assert.deepEqual(view.affectedObject, record.affectedObject);
    assert.deepEqual(view.associatedObjects, record.associatedObjects);
    assert.equal(view.changedValues.length, record.changedValues.length);
    record.changedValues.forEach((cv, i) => assert.equal(view.changedValues[i].name, cv.name));
    assert.equal(panel.panel.webview.options.enableCommandUris, false);
    assert.equal(panel.rejected, 0, 'the real webview sent only valid messages');
  });

  it('shows a hidden value as hidden and opens a long value in the diff editor', async () => {
    const hidden = records.find((r) => r.changedValues.some((cv) => typeof cv.hiddenNewValue === 'string' && cv.hiddenNewValue !== ''));
    assert.ok(hidden, 'a record with a hidden value');
    await vscode.commands.executeCommand('confluenceAudit.openRecord', recordNode(site, hidden));
    const panel = await openedPanel();
    const shownHidden = (await shown(panel, hidden)) ?? assert.fail('nothing shown');
    const index = hidden.changedValues.findIndex((cv) => typeof cv.hiddenNewValue === 'string' && cv.hiddenNewValue !== '');
    assert.deepEqual(shownHidden.view.changedValues[index].newValue, { kind: 'hidden' });

    const long = records.find((r) => r.summary === '<img src=x onerror=alert(1)>');
    assert.ok(long, 'the inserted record with a long changed value');
    await vscode.commands.executeCommand('confluenceAudit.openRecord', recordNode(site, long));
    const view = (await shown(panel, long))?.view ?? assert.fail('nothing shown');
    assert.equal(view.summary, '<img src=x onerror=alert(1)>', 'hostile text passed on verbatim, for the webview to insert as text');
    const compareIndex = view.changedValues.findIndex((cv) => cv.comparable);
    assert.equal(compareIndex, 0);
    okValue(await panel.receive({ type: 'detail.compare', requestId: testRequestId(), index: compareIndex }), 'detail.compare');
    const diff = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === 'confluence-audit-compare'),
      (t) => t !== undefined,
      'a diff editor on the compare documents',
    );
    const input = diff?.input as vscode.TabInputTextDiff;
    const newText = (await vscode.workspace.openTextDocument(input.modified)).getText();
    assert.equal(newText, HUGE_VALUE);
    assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), 'line 1\nline 2');
  });

  it('reuses the panel for the next record, unless it is pinned', async () => {
    const [a, b, c] = records.filter(isUserWithAccount);
    await vscode.commands.executeCommand('confluenceAudit.openRecord', recordNode(site, a));
    const panel = await openedPanel();
    await shown(panel, a);
    await vscode.commands.executeCommand('confluenceAudit.openRecord', recordNode(site, b));
    assert.equal(webviews.testing.detailPanels().length, 1, 'same panel');
    await shown(panel, b);

    assert.deepEqual(okValue(await panel.receive({ type: 'detail.setPinned', requestId: testRequestId(), pinned: true }), 'detail.setPinned'), { pinned: true });
    assert.equal(panel.pinned, true);
    await vscode.commands.executeCommand('confluenceAudit.openRecord', recordNode(site, c));
    const second = await openedPanel(2);
    await shown(second, c);
    assert.equal(recordKey(panel.record ?? assert.fail()), recordKey(b), 'the pinned panel keeps its record');
    await closeAllEditors();
    await waitFor(() => webviews.testing.detailPanels().length, (n) => n === 0, 'panels closed');
  });

  it('pivots feed the tree: filter by author, and a window 15 minutes around the record', async () => {
    const record = records.find(isUserWithAccount) ?? assert.fail();
    await vscode.commands.executeCommand('confluenceAudit.openRecord', recordNode(site, record));
    const panel = await openedPanel();
    await shown(panel, record);
    await vscode.commands.executeCommand('confluenceAudit.clearFilters');

    okValue(await panel.receive({ type: 'detail.pivot', requestId: testRequestId(), pivot: 'author' }), 'detail.pivot');
    assert.deepEqual(api.filters.filter.authors, [record.author.accountId]);
    okValue(await panel.receive({ type: 'detail.pivot', requestId: testRequestId(), pivot: 'remoteAddress' }), 'detail.pivot');
    assert.deepEqual(api.filters.filter.remoteAddresses, [record.remoteAddress]);
    await vscode.commands.executeCommand('confluenceAudit.clearFilters');

    const windowsBefore = (await childrenOf(api)).filter((n) => n.kind === 'window').length;
    okValue(await panel.receive({ type: 'detail.pivot', requestId: testRequestId(), pivot: 'around' }), 'detail.pivot');
    await waitFor(async () => (await childrenOf(api)).filter((n) => n.kind === 'window').length, (n) => n === windowsBefore + 1, 'a new time window');
  });

  it('copies the record as JSON', async () => {
    const panel = await openedPanel();
    okValue(await panel.receive({ type: 'detail.copyJson', requestId: testRequestId() }), 'detail.copyJson');
    assert.equal(await vscode.env.clipboard.readText(), JSON.stringify(panel.record, null, 2));
  });

  it('rejects forged messages and executes nothing', async () => {
    const panel = await openedPanel();
    const rejectedBefore = panel.rejected;
    const filtersBefore = JSON.stringify(api.filters.filter);
    const forged: unknown[] = [
      { type: 'executeCommand', requestId: 1, command: 'workbench.action.closeAllEditors' },
      { type: 'workbench.action.closeAllEditors', requestId: 2 },
      { type: 'detail.pivot', requestId: 3, pivot: 'author', value: 'attacker' },
      { type: 'detail.compare', requestId: 4, index: -1 },
      { type: 'detail.copyJson', requestId: 'x' },
      { type: 'retention.save', requestId: 5, period: { number: 1, units: 'DAYS' }, loaded: { number: 1, units: 'YEARS' } },
      JSON.parse('{"type":"detail.openJson","requestId":6,"__proto__":{"polluted":true}}'),
    ];
    for (const raw of forged) assert.equal(await panel.receive(raw), undefined);
    assert.equal(panel.rejected, rejectedBefore + forged.length);
    assert.equal(JSON.stringify(api.filters.filter), filtersBefore);
    assert.equal(webviews.testing.detailPanels().length, 1, 'no editor was closed');
    assert.equal(sim.getRetention().units, 'YEARS');
  });

  it('restores a panel after a reload by refetching its record, and refuses a forged state', async () => {
    await closeAllEditors();
    await waitFor(() => webviews.testing.detailPanels().length, (n) => n === 0, 'panels closed');
    const record = records[42];
    await webviews.testing.restore('detail', { identity: { siteId: site.id, creationDate: record.creationDate, key: recordKey(record) }, pinned: true });
    const panel = await openedPanel();
    const restored = (await shown(panel, record)) ?? assert.fail();
    assert.equal(restored.pinned, true);
    assert.equal(restored.view.summary, record.summary);

    await webviews.testing.restore('detail', { identity: { siteId: site.id, creationDate: 'now', key: '../x' }, pinned: false });
    assert.equal(webviews.testing.detailPanels().length, 1, 'the forged state was closed, not restored');
    await closeAllEditors();
  });
});
