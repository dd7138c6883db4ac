// Saved queries in the tree: the store (global state, read back as hostile input), their windows listed after
// every source's own, whose buckets, counts, exports and timeline show only the records that match the saved
// query and the view's filters, the positive qualifiers sent to a source that filters on its server, and the
// windows following the store when a saved query is removed or changed.
import * as assert from 'node:assert/strict';
import { makeSavedQuery, MAX_SAVED_QUERIES, type SavedQuery } from '../../../src/model/savedQuery';
import { parseQuery } from '../../../src/model/query';
import type { SourcedRecord } from '../../../src/model/sourceFields';
import type { AuditNode, BucketNode, MessageNode, WindowNode } from '../../../src/tree/nodes';
import { SavedQueryStore } from '../../../src/tree/savedQueries';
import { TimelineCount } from '../../../src/tree/timelineCount';
import { FakeSource, MemoryState, NOW, recordAt, treeOver } from './fakes';

const ON_14TH = (hour: number): number => Date.UTC(2025, 0, 14, hour);
/** Six records on the 14th: permissions and security, viewed or not, by alice or bob. */
function records(): SourcedRecord[] {
  return [
    recordAt(ON_14TH(1), { category: 'Permissions', summary: 'Permission added', author: { displayName: 'alice', type: 'user' } }),
    recordAt(ON_14TH(2), { category: 'Permissions', summary: 'Page viewed', author: { displayName: 'alice', type: 'user' } }),
    recordAt(ON_14TH(3), { category: 'Security', summary: 'Login', author: { displayName: 'bob', type: 'user' } }),
    recordAt(ON_14TH(4), { category: 'Permissions', summary: 'Permission removed', author: { displayName: 'bob', type: 'user' } }),
    recordAt(ON_14TH(5), { category: 'Security', summary: 'Page viewed', author: { displayName: 'alice', type: 'user' } }),
    recordAt(ON_14TH(6), { category: 'Permissions', summary: 'Group added', author: { displayName: 'alice', type: 'user' } }),
  ];
}

function saved(id: string, name: string, query: string, window = 'last 7 days'): SavedQuery {
  const made = makeSavedQuery(id, { name, query, window }, { zone: 'utc', now: NOW });
  assert.ok(!('error' in made), JSON.stringify(made));
  return made;
}

type Tree = ReturnType<typeof treeOver>;

/** The windows listed under a source's row (the tree has a row per source when there are two). */
async function windowsUnder(state: Tree['state'], sourceId: string): Promise<WindowNode[]> {
  const site = (await state.children()).find((n) => n.kind === 'site' && n.siteId === sourceId);
  assert.ok(site, `a row for ${sourceId}`);
  return (await state.children(site)).filter((n): n is WindowNode => n.kind === 'window');
}

/** The bucket of the 14th under a window, and what it lists once its pages are in. */
async function bucketOf14th(state: Tree['state'], window: WindowNode): Promise<{ bucket: BucketNode; children: AuditNode[] }> {
  const bucket = (await state.children(window)).find((n): n is BucketNode => n.kind === 'bucket' && n.bucket.start === Date.UTC(2025, 0, 14));
  assert.ok(bucket, 'a bucket for the 14th');
  let children = await state.children(bucket);
  // The fake pages two records at a time: load the rest.
  for (let more = children.find((n) => n.kind === 'loadMore'); more?.kind === 'loadMore'; more = children.find((n) => n.kind === 'loadMore')) {
    await state.loadMore(more);
    children = await state.children(bucket);
  }
  return { bucket, children };
}

function summaries(children: AuditNode[]): string[] {
  return children.flatMap((n) => (n.kind === 'record' ? [n.record.summary] : []));
}

describe('tree: saved queries', () => {
  describe('the store', () => {
    it('keeps them in global state: what is put is listed again by a store over the same state, and removed', async () => {
      const memory = new MemoryState();
      const store = new SavedQueryStore(memory, () => NOW);
      let changes = 0;
      store.onDidChange(() => changes++);
      const first = saved(store.newId(), 'Permission changes', 'category:Permissions -summary:viewed');
      await store.put(first);
      const second = saved(store.newId(), 'Logins since November', 'summary:login', 'since 2024-11-01T09:00Z');
      assert.notEqual(second.id, first.id);
      await store.put(second);
      const again = new SavedQueryStore(memory, () => NOW);
      assert.deepEqual(again.list(), [first, second]);
      assert.deepEqual(again.windows(), [
        { id: first.id, label: 'Permission changes', spec: { kind: 'relative', amount: 7, unit: 'days' }, query: 'category:Permissions -summary:viewed' },
        { id: second.id, label: 'Logins since November', spec: { kind: 'since', start: Date.UTC(2024, 10, 1, 9) }, query: 'summary:login' },
      ]);
      await store.put({ ...first, name: 'Renamed' });
      assert.deepEqual(again.list().map((s) => s.name), ['Renamed', 'Logins since November'], 'put with an id replaces in place');
      assert.equal(await store.remove(first.id), true);
      assert.equal(await store.remove(first.id), false);
      await store.remove(second.id);
      assert.equal(memory.values.size, 0, 'an empty list leaves nothing behind');
      assert.equal(changes, 5);
    });

    it('drops hostile stored values and refuses more than the limit', async () => {
      const memory = new MemoryState();
      const good = saved('saved-good-0', 'Good', 'author:alice');
      memory.values.set('confluenceAudit.savedQueries', [good, { ...good, id: 'saved-x', query: 'colour:red' }, { ...good, id: '../etc', name: 'Path' }, 'saved-y', null, { ...good, id: 'saved-z', name: 'X', window: { kind: 'absolute', start: 0, end: 1, zone: 'utc' } }]);
      const store = new SavedQueryStore(memory, () => NOW);
      assert.deepEqual(store.list(), [good]);
      memory.values.set('confluenceAudit.savedQueries', { 'saved-a': good });
      assert.deepEqual(store.list(), []);
      memory.values.set('confluenceAudit.savedQueries', Array.from({ length: MAX_SAVED_QUERIES }, (_, i) => ({ ...good, id: `saved-n-${i}`, name: `Query ${i}` })));
      await assert.rejects(store.put(saved(store.newId(), 'One more', 'author:bob')), /At most 50 queries/);
    });
  });

  it('lists each saved query after every source\'s windows; its buckets show only the records matching it and the view\'s filters', async () => {
    const site = new FakeSource('site-1', records());
    const snapshot = new FakeSource('snapshot-2', records());
    snapshot.capabilities = { search: false, serverFilters: [] };
    const { state, windows, savedQueries, filters } = treeOver([site, snapshot]);
    await windows.addCustom('site-1', { kind: 'relative', amount: 36, unit: 'hours' }, 'Custom');
    await savedQueries.put(saved('saved-a-0', 'Permission changes', 'category:Permissions -summary:viewed'));
    for (const source of [site, snapshot]) {
      const listed = await windowsUnder(state, source.id);
      const labels = listed.map((w) => state.rows.windowRow(w).label);
      assert.equal(labels[labels.length - 1], 'Permission changes', `last under ${source.id}: ${labels.join(', ')}`);
      const window = listed[listed.length - 1];
      const row = state.rows.windowRow(window);
      assert.equal(row.icon, 'bookmark');
      assert.equal(row.contextValue, 'window saved');
      assert.equal(row.description, 'Last 7 days');
      assert.match(row.tooltip ?? '', /^Saved query "Permission changes": category:Permissions -summary:viewed\nLast 7 days\nFrom: 2025-01-08T12:00:00.000Z/);
      assert.match(row.tooltip ?? '', /Saved query here: category:Permissions -summary:viewed\.$/);
      const { bucket, children } = await bucketOf14th(state, window);
      assert.deepEqual(summaries(children), ['Group added', 'Permission removed', 'Permission added']);
      assert.equal(state.rows.bucketRow(bucket).description, '3 of 6 shown');
      assert.equal(state.rows.bucketRow(bucket).contextValue, 'bucket offline', "no server export of a saved query's bucket");
      assert.deepEqual(state.records.shownRecords(window).map((r) => r.summary), ['Group added', 'Permission removed', 'Permission added']);
      assert.deepEqual(state.records.queryOf(window), { siteId: source.id, start: Date.UTC(2025, 0, 8, 12), end: NOW, searchString: undefined, savedQuery: 'category:Permissions -summary:viewed' });
      // The saved query does not leak into the source's other windows.
      const plain = listed.find((w) => w.windowId === 'three-days');
      assert.ok(plain);
      assert.equal(summaries((await bucketOf14th(state, plain)).children).length, 6);
    }
    // The view's filters hold as well: AND.
    filters.add('authors', 'bob');
    const window = (await windowsUnder(state, 'site-1')).at(-1);
    assert.ok(window);
    assert.deepEqual(summaries((await bucketOf14th(state, window)).children), ['Permission removed']);
    // A timeline of the window counts what it shows.
    const count = new TimelineCount(state, window);
    await count.start();
    assert.equal(count.chart().bars.reduce((sum, bar) => sum + bar.total, 0), 1);
    count.dispose();
    filters.set({ authors: ['carol'] });
    const { children } = await bucketOf14th(state, window);
    const [hidden] = children as MessageNode[];
    assert.equal(hidden.text, 'No loaded record matches this saved query and the filters (6 hidden).');
    assert.equal(hidden.action?.command, 'confluenceAudit.clearFilters');
  });

  it("sends a source that filters on its server the saved query's positive qualifiers (the view's own first, per kind)", async () => {
    const filtering = new FakeSource('site-1', records());
    filtering.capabilities = { search: false, serverFilters: ['categories', 'authors'] };
    const plain = new FakeSource('site-2', records());
    const { state, savedQueries, filters } = treeOver([filtering, plain]);
    await savedQueries.put(saved('saved-a-0', 'Alice on permissions', 'category:Permissions author:alice -summary:viewed'));
    const window = (await windowsUnder(state, 'site-1')).at(-1);
    assert.ok(window);
    assert.deepEqual(summaries((await bucketOf14th(state, window)).children), ['Group added', 'Permission added']);
    assert.deepEqual(filtering.asked.at(-1)?.filter, { categories: ['Permissions'], authors: ['alice'] });
    assert.match(state.rows.windowRow(window).tooltip ?? '', /Saved query on the server: category:Permissions author:alice · here: -summary:viewed\./);
    const other = (await windowsUnder(state, 'site-2')).at(-1);
    assert.ok(other);
    await bucketOf14th(state, other);
    assert.equal(plain.asked.at(-1)?.filter, undefined, 'a source without server filters is sent none');
    // The view's own author filter is sent instead of the saved query's (both hold for what is shown).
    const parsed = parseQuery('author:bob');
    assert.ok(parsed.ok);
    filters.setQuery(parsed.query);
    const { children } = await bucketOf14th(state, window);
    assert.deepEqual(filtering.asked.at(-1)?.filter, { categories: ['Permissions'], authors: ['bob'] });
    assert.match(state.rows.windowRow(window).tooltip ?? '', /Saved query on the server: category:Permissions · here: author:alice -summary:viewed\./);
    assert.deepEqual(summaries(children), []);
  });

  it('follows the store: a removed saved query goes with its loads, a changed one is loaded again', async () => {
    const site = new FakeSource('site-1', records());
    const { state, savedQueries } = treeOver([site, new FakeSource('site-2')]);
    await savedQueries.put(saved('saved-a-0', 'Security', 'category:Security'));
    let dropped = 0;
    state.onDidDropLoads(() => dropped++);
    let window = (await windowsUnder(state, 'site-1')).at(-1);
    assert.ok(window);
    assert.deepEqual(summaries((await bucketOf14th(state, window)).children), ['Page viewed', 'Login']);
    await savedQueries.put({ ...saved('saved-a-0', 'Security', 'category:Security -summary:viewed'), name: 'Security, not viewed' });
    assert.equal(dropped, 1, 'the changed window\'s loads are dropped');
    window = (await windowsUnder(state, 'site-1')).at(-1);
    assert.ok(window);
    assert.equal(state.rows.windowRow(window).label, 'Security, not viewed');
    assert.deepEqual(summaries((await bucketOf14th(state, window)).children), ['Login']);
    await savedQueries.remove('saved-a-0');
    assert.equal(dropped, 2);
    assert.deepEqual((await windowsUnder(state, 'site-1')).map((w) => w.windowId), ['three-days']);
    assert.deepEqual(state.records.shownRecords(window), []);
  });
});
