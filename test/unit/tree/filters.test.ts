// The view's filters without VS Code: kept in workspace state across reloads, described for the view, and
// announced when they change.
import * as assert from 'node:assert/strict';
import { parseQuery, type Query } from '../../../src/model/query';
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

  it('applies the query with the filters, keeps it across reloads as text, and clears both', () => {
    const state = new MemoryState();
    const filters = new FilterState(state);
    filters.add('categories', 'Security');
    filters.setQuery(query('author:alice -summary:viewed'));
    assert.equal(filters.describe(), 'category: Security · query: author:alice -summary:viewed');
    const alice = { type: 'user' as const, displayName: 'alice' };
    assert.equal(filters.matches(recordAt(0, { category: 'Security', author: alice, summary: 'Login' })), true);
    assert.equal(filters.matches(recordAt(0, { category: 'Security', author: alice, summary: 'Page viewed' })), false, 'the negation holds');
    assert.equal(filters.matches(recordAt(0, { category: 'Permissions', author: alice, summary: 'Login' })), false, 'the filter still holds');
    const reloaded = new FilterState(state);
    assert.deepEqual(reloaded.query, filters.query);
    assert.equal(reloaded.describe(), filters.describe());
    filters.clear();
    assert.equal(filters.isEmpty, true);
    assert.equal(state.values.size, 0);
  });

  it('sends a source the filter of a kind, or else the positive qualifiers of the query', () => {
    const filters = new FilterState();
    filters.setQuery(query('author:alice author:bob -author:carol category:Pages summary:x'));
    assert.deepEqual(filters.serverFilter, { authors: ['alice', 'bob'], categories: ['Pages'] });
    filters.add('authors', 'dave');
    assert.deepEqual(filters.serverFilter, { authors: ['dave'], categories: ['Pages'] }, 'both must hold: either one asks for more, never less');
  });

  it('drops a stored query that no longer parses, keeping the filters', () => {
    const state = new MemoryState();
    void state.update('confluenceAudit.filters', { filter: { categories: ['Security'] }, labels: {}, query: 'colour:red' });
    const filters = new FilterState(state);
    assert.deepEqual(filters.query, { terms: [] });
    assert.deepEqual(filters.filter, { categories: ['Security'] });
  });
});

function query(text: string): Query {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.query;
}
