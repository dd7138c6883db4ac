// The timeline as data: tallies by category, stacking (newest bucket on the right, the busiest categories
// stacked, the rest as "other"), and a range of bars as the absolute window it covers.
import * as assert from 'node:assert/strict';
import { bucketsFor } from '../../../src/model/buckets';
import { countByCategory, rangeWindowSpec, stackTimeline, type CountedBucket } from '../../../src/model/timeline';

const DAY = 86_400_000;
const RANGE = { start: Date.UTC(2025, 0, 12), end: Date.UTC(2025, 0, 15) - 1 };
/** Newest first, as the tree lists them: the 14th, 13th, 12th. */
const BUCKETS = bucketsFor(RANGE, 'day', 'utc');

function counted(counts: Array<Record<string, number>>): CountedBucket[] {
  return BUCKETS.map((bucket, i) => ({ bucket, state: 'counted', byCategory: new Map(Object.entries(counts[i])) }));
}

describe('model/timeline', () => {
  it('tallies records by category, only those that match', () => {
    const records = [{ category: 'Security' }, { category: 'Permissions' }, { category: 'Security' }, { category: '' }];
    assert.deepEqual([...countByCategory(records)], [['Security', 2], ['Permissions', 1], ['', 1]]);
    assert.deepEqual([...countByCategory(records, (r) => r.category !== 'Security')], [['Permissions', 1], ['', 1]]);
  });

  it('puts the oldest bucket first (the newest on the right) with counts aligned to the categories', () => {
    const chart = stackTimeline(counted([{ Security: 5, Users: 1 }, { Users: 2 }, { Security: 1, Spaces: 4 }]));
    assert.deepEqual(chart.categories, ['Security', 'Spaces', 'Users']);
    assert.deepEqual(chart.bars.map((b) => b.start), [Date.UTC(2025, 0, 12), Date.UTC(2025, 0, 13), Date.UTC(2025, 0, 14)]);
    assert.deepEqual(chart.bars.map((b) => b.counts), [[1, 4, 0], [0, 0, 2], [5, 0, 1]]);
    assert.deepEqual(chart.bars.map((b) => b.total), [5, 2, 6]);
    assert.deepEqual(chart.bars.map((b) => b.other), [0, 0, 0]);
    assert.equal(chart.bars[2].end, RANGE.end);
  });

  it('stacks the busiest categories over the whole window and sums the rest as other; ties by name', () => {
    const chart = stackTimeline(counted([{ a: 1, b: 1, c: 3 }, { d: 7 }, { a: 2, e: 1 }]), 2);
    assert.deepEqual(chart.categories, ['d', 'a']);
    assert.deepEqual(chart.bars.map((b) => [b.counts, b.other, b.total]), [[[0, 2], 1, 3], [[7, 0], 0, 7], [[0, 1], 4, 5]]);
    const tie = stackTimeline(counted([{ z: 1 }, { y: 1 }, { x: 1 }]), 2);
    assert.deepEqual(tie.categories, ['x', 'y']);
  });

  it('keeps hostile category names as data and an empty window as no bars', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const chart = stackTimeline(counted([{ [hostile]: 2 }, { '': 1 }, {}]));
    assert.deepEqual(chart.categories, [hostile, '']);
    assert.deepEqual(stackTimeline([]), { categories: [], bars: [] });
  });

  it('keeps each bar state, so a bar not counted yet is not read as empty', () => {
    const buckets = counted([{ a: 1 }, {}, {}]);
    buckets[1] = { ...buckets[1], state: 'pending' };
    buckets[2] = { ...buckets[2], state: 'failed' };
    assert.deepEqual(stackTimeline(buckets).bars.map((b) => b.state), ['failed', 'pending', 'counted']);
  });

  it('turns a range of bars, dragged either way, into the absolute window from the older start to the newer end', () => {
    const { bars } = stackTimeline(counted([{}, {}, {}]));
    const spec = { kind: 'absolute', start: Date.UTC(2025, 0, 13), end: Date.UTC(2025, 0, 15) - 1, zone: 'Europe/Berlin' };
    assert.deepEqual(rangeWindowSpec(bars, 1, 2, 'Europe/Berlin'), spec);
    assert.deepEqual(rangeWindowSpec(bars, 2, 1, 'Europe/Berlin'), spec);
    assert.deepEqual(rangeWindowSpec(bars, 0, 0, 'utc'), { kind: 'absolute', start: RANGE.start, end: RANGE.start + DAY - 1, zone: 'utc' });
  });

  it('refuses a range outside the chart', () => {
    const { bars } = stackTimeline(counted([{}, {}, {}]));
    for (const [a, b] of [[-1, 1], [0, 3], [0.5, 1], [Number.NaN, 0]]) assert.equal(rangeWindowSpec(bars, a, b, 'utc'), undefined, `${a}..${b}`);
  });
});
