// The tree state in plain Node: what it lists at the root and under sources and windows (the root rule,
// the source's own windows before the user's, notices instead of windows), stable node objects, the rows
// the view turns into items, and which node each refresh re-renders.
import * as assert from 'node:assert/strict';
import type { AuditNode, BucketNode, MessageNode, WindowNode } from '../../../src/tree/nodes';
import { windowsAtRoot } from '../../../src/tree/rootRule';
import { FakeSource, NOW, recordAt, treeOver } from './fakes';

function windowsOf(nodes: AuditNode[]): WindowNode[] {
  return nodes.filter((n): n is WindowNode => n.kind === 'window');
}

function bucketsOf(nodes: AuditNode[]): BucketNode[] {
  return nodes.filter((n): n is BucketNode => n.kind === 'bucket');
}

function opened(id: string): FakeSource {
  const source = new FakeSource(id);
  source.lifetime = 'opened';
  source.serverExport = undefined;
  return source;
}

describe('tree state: the root rule', () => {
  it('puts the windows at the root only for one configured source alone', () => {
    assert.equal(windowsAtRoot([]), false);
    assert.equal(windowsAtRoot([{ lifetime: 'configured' }]), true);
    assert.equal(windowsAtRoot([{ lifetime: 'opened' }]), false, 'an opened export keeps its row');
    assert.equal(windowsAtRoot([{ lifetime: 'configured' }, { lifetime: 'configured' }]), false);
    assert.equal(windowsAtRoot([{ lifetime: 'configured' }, { lifetime: 'opened' }]), false);
  });

  it('lists a lone site\'s windows at the root, and a row per source once a snapshot is open', async () => {
    const site = new FakeSource('site-1');
    const { state, list } = treeOver([site]);
    assert.deepEqual((await state.children()).map((n) => n.id), ['site:site-1/window:three-days']);
    list.push(opened('snapshot:abc'));
    assert.deepEqual((await state.children()).map((n) => n.id), ['site:site-1', 'site:snapshot:abc']);
    const under = await state.children((await state.children())[1]);
    assert.deepEqual(under.map((n) => n.id), ['site:snapshot:abc/window:three-days']);
  });

  it('reveals a window under its source\'s row only when the source has one', async () => {
    const { state, list } = treeOver([new FakeSource('site-1')]);
    const alone = state.windowNode('site-1', 'three-days');
    assert.ok(alone);
    assert.equal(state.parent(alone), undefined);
    assert.equal(state.windowNode('site-1', 'no-such-window'), undefined);
    list.push(new FakeSource('site-2'));
    const [row] = await state.children();
    const window = state.windowNode('site-1', 'three-days');
    assert.ok(window);
    assert.equal(state.parent(window), row, 'the parent is the very row object the view listed');
    const [bucket] = bucketsOf(await state.children(window));
    assert.equal(state.parent(bucket), window);
  });
});

describe('tree state: listing', () => {
  it('lists the source\'s own windows, then the user\'s, with their search strings', async () => {
    const { state, windows } = treeOver([new FakeSource('site-1')]);
    const custom = await windows.addCustom('site-1', { kind: 'relative', amount: 2, unit: 'hours' });
    await windows.setSearch('site-1', 'three-days', 'group');
    assert.deepEqual(windowsOf(await state.children()).map((w) => w.windowId), ['three-days', custom.id]);
    assert.equal(state.windowDefinition('site-1', 'three-days')?.searchString, 'group');
    assert.deepEqual(state.windowsOf('site-1').map((w) => w.id), ['three-days', custom.id]);
  });

  it('splits a window into buckets, newest first, and hands out the same node objects each time', async () => {
    const { state } = treeOver([new FakeSource('site-1')]);
    const [window] = await state.children();
    const buckets = bucketsOf(await state.children(window));
    assert.deepEqual(buckets.map((b) => new Date(b.bucket.start).toISOString().slice(0, 10)), ['2025-01-14', '2025-01-13', '2025-01-12']);
    const again = bucketsOf(await state.children(window));
    assert.ok(again.every((b, i) => b === buckets[i]));
  });

  it('shows an invalid window as a warning instead of buckets', async () => {
    const bad = { id: 'bad', spec: { kind: 'absolute' as const, start: NOW, end: NOW - 1, zone: 'utc' as const } };
    const { state } = treeOver([new FakeSource('site-1', [], [bad])]);
    const [window] = await state.children();
    const [warning] = (await state.children(window)) as MessageNode[];
    assert.equal(warning.severity, 'warning');
    assert.match(warning.text, /^This window is not valid: /);
  });

  it('shows a source\'s notices instead of its windows, with their next action', async () => {
    const site = new FakeSource('site-1');
    site.notices = [{ text: 'Token required for Fake.', severity: 'warning', action: { command: 'confluenceAudit.signIn', title: 'Sign In…', args: ['site-1'] } }];
    const { state } = treeOver([site]);
    const [notice] = (await state.children()) as MessageNode[];
    assert.equal(notice.id, 'site:site-1/state');
    assert.equal(notice.text, 'Token required for Fake.');
    assert.deepEqual(notice.action, { command: 'confluenceAudit.signIn', title: 'Sign In…', args: ['site-1'] });
  });

  it('never throws: a failure while listing becomes a message with Show Log, and is logged', async () => {
    const site = new FakeSource('site-1');
    site.open = () => Promise.reject(new Error('boom'));
    const { state, logged } = treeOver([site]);
    const [failure] = (await state.children()) as MessageNode[];
    assert.equal(failure.text, 'Something went wrong while listing this item.');
    assert.equal(failure.detail, 'boom');
    assert.equal(failure.action?.command, 'confluenceAudit.showLog');
    assert.deepEqual(logged, ['error: Tree failed to list children of root: boom']);
  });
});

describe('tree state: rows', () => {
  it('describes windows: label, icon, search, and the menus they offer', async () => {
    const site = new FakeSource('site-1');
    const snapshot = opened('snapshot:abc');
    const { state, windows } = treeOver([site, snapshot]);
    const custom = await windows.addCustom('snapshot:abc', { kind: 'relative', amount: 2, unit: 'hours' }, 'Two hours');
    await windows.setSearch('snapshot:abc', custom.id, 'group');
    const live = state.rows.windowRow({ kind: 'window', id: 'w1', siteId: 'site-1', windowId: 'three-days' });
    assert.equal(live.label, 'Three days');
    assert.equal(live.icon, 'calendar');
    assert.equal(live.contextValue, 'window live');
    assert.equal(live.description, undefined);
    const searched = state.rows.windowRow({ kind: 'window', id: 'w2', siteId: 'snapshot:abc', windowId: custom.id });
    assert.equal(searched.icon, 'history');
    assert.equal(searched.contextValue, 'window custom searched offline');
    assert.equal(searched.description, 'search: group');
    assert.equal(searched.accessibilityLabel, 'Two hours, searching for group');
    assert.match(searched.tooltip ?? '', /\nServer-side search: group$/);
  });

  it('describes buckets by what is loaded, and sources by their own row', async () => {
    const site = new FakeSource('site-1', [recordAt(Date.UTC(2025, 0, 14, 9)), recordAt(Date.UTC(2025, 0, 14, 10)), recordAt(Date.UTC(2025, 0, 14, 11))]);
    const { state } = treeOver([site]);
    const [window] = await state.children();
    const [newest] = bucketsOf(await state.children(window));
    assert.equal(state.rows.bucketRow(newest).description, undefined, 'nothing to count before the first page');
    assert.equal(state.rows.bucketRow(newest).contextValue, 'bucket live');
    assert.equal(state.rows.bucketRow(newest).tooltip, '2025-01-14T00:00:00.000Z → 2025-01-14T23:59:59.999Z');
    await state.children(newest);
    assert.equal(state.rows.bucketRow(newest).description, '2+ records');
    assert.equal(state.rows.bucketRow(newest).accessibilityLabel, `${newest.bucket.label}, 2+ records`);
    assert.deepEqual(state.rows.sourceRow({ kind: 'site', id: 'site:site-1', siteId: 'site-1' }), { label: 'site-1', icon: 'globe', contextValue: 'fake' });
    assert.equal(state.rows.sourceRow({ kind: 'site', id: 'site:gone', siteId: 'gone' }).contextValue, 'site unknown');
  });
});

describe('tree state: refreshes', () => {
  it('keeps a bucket\'s id when a refresh moves a relative window and cuts that bucket later (its expansion stays)', async () => {
    let now = NOW; // "Last 2 days" in day buckets: today until now, yesterday, and the day before cut at 12:00
    const twoDays = { id: 'two-days', spec: { kind: 'relative' as const, amount: 2, unit: 'days' as const } };
    const { state } = treeOver([new FakeSource('site-1', [], [twoDays])], { now: () => now });
    const [window] = await state.children();
    const before = bucketsOf(await state.children(window)).map((b) => ({ id: b.id, label: b.bucket.label, start: b.bucket.start }));
    now += 5 * 60_000;
    state.refresh();
    const after = bucketsOf(await state.children(window)).map((b) => ({ id: b.id, label: b.bucket.label, start: b.bucket.start }));
    assert.deepEqual(after.map((b) => b.label), before.map((b) => b.label));
    assert.notEqual(after.at(-1)?.start, before.at(-1)?.start, 'the oldest bucket now starts five minutes later');
    assert.deepEqual(after.map((b) => b.id), before.map((b) => b.id), 'yet it is the same bucket');
  });

  it('re-renders the node refreshed, the source\'s row or the whole tree as the root rule says', async () => {
    const { state, list } = treeOver([new FakeSource('site-1')]);
    const fired: Array<AuditNode | undefined> = [];
    state.onDidChange((node) => fired.push(node));
    const [window] = await state.children();
    state.refreshNode(window);
    state.refreshSource('site-1');
    assert.deepEqual(fired, [window, undefined]);
    list.push(new FakeSource('site-2'));
    const [row] = await state.children();
    state.refreshSource('site-1');
    assert.equal(fired[2], row);
  });

  it('reloads a source when its data changed, and only re-lists when the list of sources changed', async () => {
    const site = new FakeSource('site-1', [recordAt(Date.UTC(2025, 0, 14, 9))]);
    const { state, changes } = treeOver([site]);
    const [window] = await state.children();
    const [newest] = bucketsOf(await state.children(window));
    await state.children(newest);
    changes.fire({ reload: false });
    await state.children(newest);
    assert.equal(site.asked.length, 1, 'opening or closing another source keeps the pages loaded');
    changes.fire({ sourceId: 'site-1', reload: true });
    await state.children(bucketsOf(await state.children(window))[0]);
    assert.equal(site.asked.length, 2, 'a changed source is read again');
  });
});
