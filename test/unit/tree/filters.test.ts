// The view's filters without VS Code: kept in workspace state across reloads, described for the view, and
// announced when they change.
import * as assert from 'node:assert/strict';
import { FilterState } from '../../../src/tree/filters';
import { MemoryState, recordAt } from './fakes';

describe('tree filters', () => {
  it('keeps the filters and their labels in the workspace state, and a new window reads them back', () => {
    const state = new MemoryState();
    const filters = new FilterState(state);
    let changes = 0;
    filters.onDidChange(() => (changes += 1));
    filters.add('authors', '557058:abc', 'Alice');
    filters.add('categories', 'Security');
    assert.equal(changes, 2);
    const reloaded = new FilterState(state);
    assert.deepEqual(reloaded.filter, { authors: ['557058:abc'], categories: ['Security'] });
    assert.equal(reloaded.describe(), filters.describe());
    assert.match(reloaded.describe(), /Alice/);
    assert.equal(reloaded.matches(recordAt(0, { category: 'Security', author: { type: 'user', displayName: 'x', accountId: '557058:abc' } })), true);
    assert.equal(reloaded.matches(recordAt(0, { category: 'Permissions' })), false);
  });

  it('forgets the stored filters when cleared', () => {
    const state = new MemoryState();
    const filters = new FilterState(state);
    filters.add('categories', 'Security');
    filters.clear();
    assert.equal(filters.isEmpty, true);
    assert.equal(filters.describe(), '');
    assert.equal(state.values.size, 0);
  });
});
