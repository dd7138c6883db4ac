import * as assert from 'node:assert/strict';
import type { RecordFilter } from '../../../src/model/filters';
import { groupCountsByCategory, RecordList } from '../../../src/model/recordList';
import { sampleRecord } from './sampleRecord';

const page1 = [
  sampleRecord({ creationDate: 5, category: 'Permissions' }),
  sampleRecord({ creationDate: 4, category: 'Space' }),
];
const page2 = [
  sampleRecord({ creationDate: 3, category: 'Permissions' }),
  sampleRecord({ creationDate: 2, category: 'Apps' }),
];

describe('model/recordList', () => {
  it('appends pages in order and counts them', () => {
    const list = new RecordList();
    assert.equal(list.count, 0);
    list.append(page1);
    list.append(page2);
    assert.deepEqual(list.all.map((r) => r.creationDate), [5, 4, 3, 2]);
    assert.equal(list.count, 4);
    assert.equal(list.all[0], page1[0], 'records are kept, not copied');
  });

  it('returns all records for an empty filter, without copying', () => {
    const list = new RecordList();
    list.append(page1);
    assert.equal(list.filtered({}), list.all);
  });

  it('memoises the filtered view by filter identity and extends it on append', () => {
    const list = new RecordList();
    list.append(page1);
    const permissions: RecordFilter = { categories: ['Permissions'] };
    const first = list.filtered(permissions);
    assert.deepEqual(first.map((r) => r.creationDate), [5]);
    assert.equal(list.filtered(permissions), first, 'same filter object, same result');
    list.append(page2);
    assert.deepEqual(list.filtered(permissions).map((r) => r.creationDate), [5, 3]);
    assert.equal(list.filteredCount(permissions), 2);
    const apps: RecordFilter = { categories: ['Apps'] };
    assert.deepEqual(list.filtered(apps).map((r) => r.creationDate), [2]);
    assert.deepEqual(list.filtered({ categories: ['Permissions'] }).map((r) => r.creationDate), [5, 3], 'a new object is recomputed');
  });

  it('clears records, the memo and hasMore', () => {
    const list = new RecordList();
    const filter: RecordFilter = { categories: ['Permissions'] };
    list.append(page1);
    list.hasMore = true;
    assert.equal(list.filteredCount(filter), 1);
    list.clear();
    assert.equal(list.count, 0);
    assert.equal(list.hasMore, false);
    assert.equal(list.filteredCount(filter), 0);
    list.append(page2);
    assert.deepEqual(list.filtered(filter).map((r) => r.creationDate), [3]);
  });

  it('counts records per category, most frequent first', () => {
    assert.deepEqual(groupCountsByCategory([...page1, ...page2, sampleRecord({ category: 'Apps' })]), [
      { category: 'Apps', count: 2 },
      { category: 'Permissions', count: 2 },
      { category: 'Space', count: 1 },
    ]);
    assert.deepEqual(groupCountsByCategory([]), []);
  });
});
