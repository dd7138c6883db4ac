// The tree state loading buckets from a source: pages and Load more, an error with Retry that keeps what
// was loaded, a wait for the rate limit answered at once and cancelled, the view's filters on loaded
// records, what the source is asked to do itself (search, server-side filters), and auto-refresh marks.
import * as assert from 'node:assert/strict';
import { parseQuery } from '../../../src/model/query';
import type { AuditNode, BucketNode, LoadMoreNode, MessageNode, RecordNode } from '../../../src/tree/nodes';
import { DAY, FakeSource, LAST_HOUR, NOW, recordAt, serverError, treeOver } from './fakes';

const ON_14TH = [Date.UTC(2025, 0, 14, 9), Date.UTC(2025, 0, 14, 10), Date.UTC(2025, 0, 14, 11)];

function kinds(nodes: AuditNode[]): string[] {
  return nodes.map((n) => n.kind);
}

async function newestBucket(state: ReturnType<typeof treeOver>['state']): Promise<BucketNode> {
  const [window] = await state.children();
  const [bucket] = (await state.children(window)).filter((n): n is BucketNode => n.kind === 'bucket');
  return bucket;
}

describe('tree state: loading buckets', () => {
  it('shows a page, then each Load more adds the next until the bucket is complete', async () => {
    const site = new FakeSource('site-1', ON_14TH.map((t) => recordAt(t)));
    const { state } = treeOver([site]);
    const bucket = await newestBucket(state);
    const first = await state.children(bucket);
    assert.deepEqual(kinds(first), ['record', 'record', 'loadMore']);
    assert.deepEqual((first.slice(0, 2) as RecordNode[]).map((r) => r.record.creationDate), [ON_14TH[2], ON_14TH[1]]);
    await state.loadMore(first[2] as LoadMoreNode);
    assert.deepEqual(kinds(await state.children(bucket)), ['record', 'record', 'record']);
    assert.equal(state.rows.bucketRow(bucket).description, '3 records');
    assert.equal(site.asked.length, 1, 'one cursor per bucket');
  });

  it('says so when a bucket holds no records', async () => {
    const { state } = treeOver([new FakeSource('site-1')]);
    const [empty] = (await state.children(await newestBucket(state))) as MessageNode[];
    assert.equal(empty.text, 'No records in this time range.');
  });

  it('turns a failed page into an error with Retry, and Retry keeps the records already loaded', async () => {
    const site = new FakeSource('site-1', ON_14TH.map((t) => recordAt(t)));
    const { state } = treeOver([site]);
    const bucket = await newestBucket(state);
    const [more] = (await state.children(bucket)).filter((n) => n.kind === 'loadMore');
    site.failures.push(serverError());
    await state.loadMore(more);
    const failed = await state.children(bucket);
    assert.deepEqual(kinds(failed), ['record', 'record', 'message']);
    const error = failed[2] as MessageNode;
    assert.equal(error.text, 'Confluence answered 500.');
    assert.deepEqual(error.action, { command: 'confluenceAudit.retry', title: 'Retry', args: [bucket] });
    await state.retry(bucket);
    assert.deepEqual(kinds(await state.children(bucket)), ['record', 'record', 'record']);
  });

  it('answers at once while a page waits for the rate limit, lists the wait, and Cancel ends it with Retry', async () => {
    const site = new FakeSource('site-1', ON_14TH.map((t) => recordAt(t)));
    site.rateLimitUntil = NOW + 30_000;
    const { state } = treeOver([site]);
    let waitEvents = 0;
    state.onDidChangeWaits(() => (waitEvents += 1));
    const bucket = await newestBucket(state);
    const [waiting] = (await state.children(bucket)) as MessageNode[];
    assert.equal(waiting.id, `${bucket.id}/waiting`);
    assert.equal(waiting.action?.command, 'confluenceAudit.cancelWait');
    assert.deepEqual(state.records.waits(), [{ label: `Three days › ${bucket.bucket.label}`, until: NOW + 30_000, kind: 'rateLimited' }]);
    assert.equal(waitEvents, 1);
    const rendered = new Promise<AuditNode | undefined>((resolve) => state.onDidChange(resolve));
    state.cancelWaits(bucket);
    assert.equal(await rendered, bucket, 'the bucket re-renders when the cancelled page ends');
    const [cancelled] = (await state.children(bucket)) as MessageNode[];
    assert.equal(cancelled.text, 'The request was cancelled.');
    assert.equal(cancelled.action?.command, 'confluenceAudit.retry');
    assert.deepEqual(state.records.waits(), []);
  });

  it('applies the view\'s filters to loaded records and says how many it hides', async () => {
    const site = new FakeSource('site-1', ON_14TH.map((t, i) => recordAt(t, { category: i === 0 ? 'Security' : 'Permissions' })));
    const { state, filters } = treeOver([site]);
    const bucket = await newestBucket(state);
    await state.children(bucket);
    const fired: Array<AuditNode | undefined> = [];
    state.onDidChange((node) => fired.push(node));
    filters.add('categories', 'Security');
    assert.deepEqual(fired, [undefined], 'a filter change re-renders the whole tree');
    const hidden = await state.children(bucket);
    assert.deepEqual(kinds(hidden), ['message', 'loadMore']);
    assert.equal((hidden[0] as MessageNode).text, 'No loaded record matches the filters (2 hidden).');
    assert.equal(state.rows.bucketRow(bucket).description, '0 of 2+ shown');
    assert.equal(site.asked.length, 1, 'client-side filters load nothing again');
  });

  it('asks a source only for what it does itself: the search when it searches, its server-side filters', async () => {
    const searching = new FakeSource('site-1', ON_14TH.map((t) => recordAt(t)));
    const filtering = new FakeSource('site-2', ON_14TH.map((t) => recordAt(t)));
    filtering.capabilities = { search: false, serverFilters: ['categories'] };
    const { state, windows, filters } = treeOver([searching, filtering]);
    await windows.setSearch('site-1', 'three-days', 'event');
    await windows.setSearch('site-2', 'three-days', 'event');
    filters.add('categories', 'Permissions');
    filters.add('authors', 'alice');
    for (const row of await state.children()) {
      const [window] = await state.children(row);
      const [bucket] = (await state.children(window)).filter((n) => n.kind === 'bucket');
      await state.children(bucket);
    }
    assert.equal(searching.asked[0].searchString, 'event');
    assert.equal(searching.asked[0].filter, undefined);
    assert.equal(filtering.asked[0].searchString, undefined);
    assert.deepEqual(filtering.asked[0].filter, { categories: ['Permissions'] });
    filters.add('categories', 'Security');
    const [, row] = await state.children();
    const [window] = await state.children(row);
    await state.children((await state.children(window)).filter((n) => n.kind === 'bucket')[0]);
    assert.deepEqual(filtering.asked.at(-1)?.filter, { categories: ['Permissions', 'Security'] }, 'a source that filters loads again');
    assert.equal(searching.asked.length, 1);
  });
});

describe('tree state: the query bar', () => {
  it("sends a source's server the query's positive qualifiers of its kinds, keeps the rest here, and the window says which ran where", async () => {
    const filtering = new FakeSource('site-1', ON_14TH.map((t, i) => recordAt(t, { category: i % 2 ? 'Permissions' : 'Security', summary: i % 3 ? 'Login' : 'Page viewed' })));
    filtering.capabilities = { search: false, serverFilters: ['categories'] };
    const { state, filters } = treeOver([filtering]);
    const parsed = parseQuery('category:Permissions -summary:viewed');
    assert.ok(parsed.ok);
    filters.setQuery(parsed.query);
    const [window] = await state.children();
    const [bucket] = (await state.children(window)).filter((n) => n.kind === 'bucket');
    const records = (await state.children(bucket)).flatMap((n) => (n.kind === 'record' ? [n.record] : []));
    assert.deepEqual(filtering.asked[0].filter, { categories: ['Permissions'] });
    assert.ok(records.length > 0 && records.every((r) => r.category === 'Permissions' && !r.summary.includes('viewed')), 'the whole query holds for what is shown');
    assert.ok(window.kind === 'window');
    assert.match(state.rows.windowRow(window).tooltip ?? '', /Query on the server: category:Permissions · here: -summary:viewed/);
  });
});

describe('tree state: auto-refresh', () => {
  it('moves relative windows to now, marks the records that arrived since, and a refresh clears the marks', async () => {
    let now = NOW;
    const site = new FakeSource('site-1', [recordAt(NOW - 10 * 60_000)], [LAST_HOUR]);
    const { state } = treeOver([site], { now: () => now });
    const [window] = await state.children();
    const bucket = (await state.children(window)).filter((n): n is BucketNode => n.kind === 'bucket')[0];
    assert.deepEqual(kinds(await state.children(bucket)), ['record']);
    site.records.push(recordAt(NOW + 5 * 60_000));
    now = NOW + 10 * 60_000;
    const fired: Array<AuditNode | undefined> = [];
    state.onDidChange((node) => fired.push(node));
    state.autoRefresh();
    assert.deepEqual(fired, [window]);
    const [moved] = (await state.children(window)).filter((n): n is BucketNode => n.kind === 'bucket');
    const records = (await state.children(moved)).filter((n): n is RecordNode => n.kind === 'record');
    assert.deepEqual(records.map((r) => r.isNew), [true, false]);
    assert.equal(state.records.countNew(), 1);
    state.refresh();
    assert.equal(state.records.countNew(), 0);
  });

  it('leaves absolute windows as they are', async () => {
    const site = new FakeSource('site-1', [recordAt(NOW - DAY)]);
    const { state } = treeOver([site]);
    await state.children(await newestBucket(state));
    const fired: Array<AuditNode | undefined> = [];
    state.onDidChange((node) => fired.push(node));
    state.autoRefresh();
    assert.deepEqual(fired, []);
    assert.equal(site.asked.length, 1);
  });
});
