// Filters read back from workspace state after a window reload (issue 17, item 6): what was stored comes
// back, and whatever is malformed is dropped rather than breaking the view.
import * as assert from 'node:assert/strict';
import { parseStoredFilter } from '../../../src/model/storedFilter';

describe('model/storedFilter', () => {
  it('restores the filters and their labels as stored', () => {
    const stored = { filter: { authors: ['acc-1'], remoteAddresses: ['10.0.0.0/8'] }, labels: { authors: { 'acc-1': 'Alice' } }, query: '-summary:viewed "free text"' };
    assert.deepEqual(parseStoredFilter(JSON.parse(JSON.stringify(stored))), {
      ...stored,
      query: { terms: [{ field: 'summary', value: 'viewed', negated: true }, { value: 'free text', negated: false }] },
    });
  });

  it('drops malformed state, invalid values and labels of values that are not there', () => {
    for (const junk of [undefined, null, 42, 'authors', [], { filter: 'x' }]) assert.deepEqual(parseStoredFilter(junk), { filter: {}, labels: {}, query: { terms: [] } });
    const parsed = parseStoredFilter({
      filter: { authors: ['bob', 7, ''], remoteAddresses: ['not-an-ip', '203.0.113.9'], categories: 'Permissions', unknownKind: ['x'] },
      labels: { authors: { bob: 'Bob', ghost: 'Nobody' }, remoteAddresses: { '203.0.113.9': 9 } },
      query: 'ip:not-an-ip',
    });
    assert.deepEqual(parsed, { filter: { authors: ['bob'], remoteAddresses: ['203.0.113.9'] }, labels: { authors: { bob: 'Bob' } }, query: { terms: [] } });
  });
});
