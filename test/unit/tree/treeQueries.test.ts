// What exports and filter commands read from the tree state: a node's range and search, the records shown
// under it, the windows the export picker offers, and filter suggestions (seen values, then facets).
import * as assert from 'node:assert/strict';
import type { AuditNode, BucketNode, WindowNode } from '../../../src/tree/nodes';
import { FakeSource, THREE_DAYS, recordAt, treeOver } from './fakes';

const T = (day: number, hour: number): number => Date.UTC(2025, 0, day, hour);

function buckets(nodes: AuditNode[]): BucketNode[] {
  return nodes.filter((n): n is BucketNode => n.kind === 'bucket');
}

/** A site with records on the 13th and 14th, both buckets expanded. */
async function loaded() {
  const records = [
    recordAt(T(14, 9), { category: 'Security', author: { type: 'user', displayName: 'bob' } }),
    recordAt(T(14, 10), { category: 'Permissions' }),
    recordAt(T(13, 8), { category: 'Permissions' }),
  ];
  const site = new FakeSource('site-1', records);
  const tree = treeOver([site]);
  const [window] = (await tree.state.children()) as WindowNode[];
  const [newest, middle] = buckets(await tree.state.children(window));
  await tree.state.children(newest);
  await tree.state.children(middle);
  return { ...tree, site, window, newest, middle };
}

describe('tree state: what exports read', () => {
  it('gives the range and search a window or bucket stands for', async () => {
    const { state, windows, window, newest } = await loaded();
    assert.deepEqual(state.queryOf(window), { siteId: 'site-1', start: T(12, 0), end: T(15, 0) - 1, searchString: undefined });
    assert.deepEqual(state.queryOf(newest), { siteId: 'site-1', start: T(14, 0), end: T(15, 0) - 1, searchString: undefined });
    await windows.setSearch('site-1', 'three-days', 'space');
    assert.equal(state.queryOf(window)?.searchString, 'space');
    assert.equal(state.queryOf({ ...window, windowId: 'gone' }), undefined);
  });

  it('gives the records shown under a window or bucket: loaded, matching the filters, newest first', async () => {
    const { state, filters, window, newest } = await loaded();
    assert.deepEqual(state.shownRecords(window).map((r) => r.creationDate), [T(14, 10), T(14, 9), T(13, 8)]);
    assert.deepEqual(state.shownRecords(newest).map((r) => r.creationDate), [T(14, 10), T(14, 9)]);
    filters.add('categories', 'Permissions');
    assert.deepEqual(state.shownRecords(window).map((r) => r.creationDate), [T(14, 10), T(13, 8)]);
  });

  it('offers the windows that show records, in tree order, without listing the view', async () => {
    const { state, list, window } = await loaded();
    const idle = new FakeSource('site-2', [recordAt(T(14, 9))]);
    list.push(idle);
    const choices = state.windowChoices();
    assert.equal(choices.length, 1, 'a window with nothing loaded is not offered');
    assert.equal(choices[0].node, window, 'the same node object the tree listed');
    assert.equal(choices[0].label, THREE_DAYS.label);
    assert.equal(choices[0].shown, 3);
    assert.equal(idle.asked.length, 0, 'offering choices loads nothing');
  });
});

describe('tree state: filter suggestions', () => {
  it('suggests the values seen in loaded records, most frequent first', async () => {
    const { state } = await loaded();
    assert.deepEqual(await state.suggestions('categories'), ['Permissions', 'Security']);
    assert.deepEqual(await state.suggestions('authors'), ['alice', 'bob']);
  });

  it('adds the values a source lists itself after those seen, and a failing source only loses its own', async () => {
    const { state, list, logged } = await loaded();
    const listing = new FakeSource('site-2');
    listing.facets = async (kind) => (kind === 'categories' ? ['Security', 'Users and groups'] : []);
    const failing = new FakeSource('site-3');
    failing.facets = () => Promise.reject(new Error('offline'));
    list.push(failing, listing);
    assert.deepEqual(await state.suggestions('categories'), ['Permissions', 'Security', 'Users and groups']);
    assert.deepEqual(logged, ['warn: Filter suggestions from site-3 failed: offline']);
  });
});
