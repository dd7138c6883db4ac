// The snapshot's column store: a dictionary while values repeat, one string per row once they do not,
// with the same values either way.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { detach, TextColumn } from '../../../src/offline/core/textColumn';

describe('offline: TextColumn', () => {
  it('keeps every row value through the switch from dictionary to direct storage', () => {
    const column = new TextColumn();
    const values: string[] = [];
    for (let i = 0; i < 3000; i++) values.push(i % 3 === 0 ? 'repeated' : `v${i % 50}`);
    for (let i = 0; i < 20_000; i++) values.push(`distinct value number ${i}`);
    const fresh = values.map((v) => column.push(v));
    column.seal();
    assert.deepEqual(values.map((_, row) => column.get(row)), values);
    assert.equal(fresh.filter(Boolean).length >= 20_000 + 51, true);
    assert.equal(fresh[3], false, 'a repeated value is not new');
    assert.throws(() => column.push('late'), /after seal/);
  });

  it('tests each distinct value once in dictionary mode', () => {
    const column = new TextColumn();
    for (let i = 0; i < 1000; i++) column.push(i % 2 === 0 ? 'Alpha' : 'Beta');
    column.seal();
    let tests = 0;
    const test = column.rowTest((v) => {
      tests++;
      return v.toLowerCase().includes('alp');
    });
    assert.equal(tests, 2);
    assert.deepEqual([0, 1, 2, 3].map(test), [true, false, true, false]);
  });

  it('detaches a value from the larger string it was sliced from, keeping its content', () => {
    const big = 'x'.repeat(100_000) + 'the value we keep' + 'y'.repeat(100_000);
    const slice = big.slice(100_000, 100_017);
    assert.equal(detach(slice), 'the value we keep');
    assert.equal(detach('short'), 'short');
  });

  it('property: gives back every value pushed, and calls a value new exactly the first time (cache slots shared by many values)', () => {
    // Values that differ in one place only, so that many share a slot of the cache of recent values; fewer
    // than 4096 distinct ones, so that the column stays a dictionary (which tells new values exactly).
    const value = fc.oneof(fc.integer({ min: 0, max: 2500 }).map((i) => `192.0.2.${i}`), fc.integer({ min: 0, max: 50 }).map((i) => `Space ${i}`), fc.constantFrom('', 'a', 'ab', 'user', 'é', '🙂'));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 12_000 }), (values) => {
        const column = new TextColumn();
        const seen = new Set<string>();
        const fresh = values.map((v) => column.push(v.length > 12 ? ` ${v}`.slice(1) : v));
        column.seal();
        assert.deepEqual(values.map((_, row) => column.get(row)), values);
        assert.deepEqual(fresh, values.map((v) => !seen.has(v) && seen.add(v) !== undefined));
      }),
      { numRuns: 60 },
    );
  });
});
