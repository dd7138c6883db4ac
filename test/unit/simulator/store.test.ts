// The store's merge of seeded and inserted records, against a naive sort, and period arithmetic.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AuditRecord } from '../../../src/api/types';
import { SeededData } from '../../../simulator/data/generate';
import { AuditStore } from '../../../simulator/store';
import { periodStart, retentionProblem } from '../../../simulator/time';

const ANCHOR = Date.UTC(2025, 0, 31, 10, 0, 0);

function inserted(creationDate: number, tag: number): AuditRecord {
  return {
    author: { type: 'user', displayName: '' }, remoteAddress: '192.0.2.1', creationDate, summary: `inserted ${tag}`,
    description: '', category: '', sysAdmin: false, affectedObject: { name: '', objectType: '' }, changedValues: [], associatedObjects: [],
  };
}

describe('simulator: store', () => {
  it('pages the merge of seeded and inserted records exactly like a full stable sort', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.tuple(fc.integer({ min: -5, max: 130 }), fc.boolean()), { maxLength: 40 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        fc.tuple(fc.integer({ min: -1, max: 130 }), fc.integer({ min: -1, max: 130 })),
        (count, inserts, start, limit, [a, b]) => {
          const seeded = new SeededData({ records: count, seed: count + 1, anchor: ANCHOR, periodMs: 100 });
          const store = new AuditStore(seeded, false);
          // Dates sometimes equal to a seeded record's, to exercise the tie order.
          const dates = inserts.map(([offset, tie], i) => (tie && count > 0 ? (seeded.times[i % count] ?? 0) : ANCHOR - offset));
          dates.forEach((d, i) => store.insert([inserted(d, i)]));

          type Entry = { record: AuditRecord; rank: number };
          const all: Entry[] = [
            ...Array.from({ length: count }, (_, k) => ({ record: seeded.record(k), rank: 1e6 + k })),
            ...dates.map((d, i) => ({ record: inserted(d, i), rank: -i })),
          ];
          all.sort((x, y) => y.record.creationDate - x.record.creationDate || x.rank - y.rank);
          const lo = ANCHOR - Math.max(a, b);
          const hi = ANCHOR - Math.min(a, b);
          const expected = all.filter((e) => e.record.creationDate >= lo && e.record.creationDate <= hi).map((e) => e.record);

          const selection = store.select({ startDate: lo, endDate: hi });
          assert.equal(selection.size, expected.length);
          assert.deepEqual(selection.page(start, limit).map((r) => store.resolve(r)), expected.slice(start, start + limit));
          assert.deepEqual([...selection.iterate()].map((r) => store.resolve(r)), expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('purges records older than a cutoff, seeded and inserted alike', () => {
    const seeded = new SeededData({ records: 1000, seed: 4, anchor: ANCHOR, periodMs: 10_000 });
    const store = new AuditStore(seeded, false);
    store.insert([inserted(ANCHOR - 9_000, 1), inserted(ANCHOR - 1_000, 2)]);
    const cutoff = ANCHOR - 5_000;
    const before = store.records({ startDate: -Infinity, endDate: Infinity });
    const removed = store.purgeOlderThan(cutoff);
    const after = store.records({ startDate: -Infinity, endDate: Infinity });
    assert.deepEqual(after, before.filter((r) => r.creationDate >= cutoff));
    assert.equal(removed, before.length - after.length);
  });
});

describe('simulator: periods', () => {
  const now = Date.UTC(2025, 2, 31, 15, 30, 0); // 31 March 2025

  it('counts fixed units exactly and calendar units in UTC with the day clamped', () => {
    assert.equal(periodStart(now, 90, 'MINUTES'), now - 90 * 60_000);
    assert.equal(periodStart(now, 3, 'HALF_DAYS'), now - 36 * 3600_000);
    assert.equal(periodStart(now, 2, 'WEEKS'), now - 14 * 24 * 3600_000);
    assert.equal(periodStart(now, 5_000_000, 'NANOS'), now - 5);
    assert.equal(periodStart(now, 1, 'MONTHS'), Date.UTC(2025, 1, 28, 15, 30));
    assert.equal(periodStart(Date.UTC(2024, 2, 31), 1, 'MONTHS'), Date.UTC(2024, 1, 29));
    assert.equal(periodStart(now, 3, 'MONTHS'), Date.UTC(2024, 11, 31, 15, 30));
    assert.equal(periodStart(Date.UTC(2024, 1, 29), 1, 'YEARS'), Date.UTC(2023, 1, 28));
    assert.equal(periodStart(now, 1, 'CENTURIES'), Date.UTC(1925, 2, 31, 15, 30));
    assert.equal(periodStart(now, 1, 'FOREVER'), -Infinity);
    assert.equal(periodStart(now, 1, 'ERAS'), -Infinity);
  });

  it('allows retention from one unit up to one year', () => {
    assert.equal(retentionProblem(now, { number: 1, units: 'YEARS' }), undefined);
    assert.equal(retentionProblem(now, { number: 1, units: 'NANOS' }), undefined);
    assert.match(retentionProblem(now, { number: 367, units: 'DAYS' }) ?? '', /at most 1 year/);
    assert.match(retentionProblem(now, { number: 0, units: 'DAYS' }) ?? '', /positive whole number/);
    assert.match(retentionProblem(now, { number: 2, units: 'LIGHTYEARS' }) ?? '', /Unknown/);
  });
});
