import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { autoGranularity, bucketsFor, bucketTooltip, type Bucket, type FixedGranularity, type Granularity } from '../../../src/model/buckets';
import { toWallMs, type ZoneSetting } from '../../../src/model/timeZone';
import { wallFields } from '../../../src/model/wallCalendar';
import { withProcessTz } from './processTz';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIN_T = Date.UTC(2000, 0, 1);
const MAX_T = Date.UTC(2040, 0, 1);

/** Every ms of the range in exactly one bucket: contiguous, non-overlapping, newest first, non-empty. */
function assertCoversExactly(buckets: Bucket[], range: { start: number; end: number }): void {
  assert.ok(buckets.length > 0);
  assert.equal(buckets[0].end, range.end, 'newest bucket ends at the range end');
  assert.equal(buckets[buckets.length - 1].start, range.start, 'oldest bucket starts at the range start');
  for (let i = 0; i < buckets.length; i++) {
    assert.ok(buckets[i].start <= buckets[i].end, `bucket ${i} is not empty`);
    if (i > 0) assert.equal(buckets[i].end + 1, buckets[i - 1].start, `bucket ${i} ends right before the newer one starts`);
  }
}

/** Internal boundaries sit on the zone's calendar: hour, midnight, Monday midnight, the 1st at midnight. */
function assertAligned(buckets: Bucket[], g: FixedGranularity, zone: ZoneSetting): void {
  for (const b of buckets.slice(0, -1)) {
    const f = wallFields(toWallMs(b.start, zone));
    assert.equal(f.minute + f.second + f.millisecond, 0, `${b.label} starts on a whole hour`);
    if (g !== 'hour') assert.equal(f.hour, 0, `${b.label} starts at midnight`);
    if (g === 'week') assert.equal(f.weekday, 1, `${b.label} starts on Monday`);
    if (g === 'month') assert.equal(f.day, 1, `${b.label} starts on the 1st`);
  }
}

const SPAN_LIMIT: Record<FixedGranularity, number> = { hour: 12 * DAY, day: 400 * DAY, week: 3 * 365 * DAY, month: 10 * 365 * DAY };

describe('model/buckets', () => {
  describe('bucketsFor covers ranges exactly', () => {
    for (const zone of ['utc', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      for (const g of ['hour', 'day', 'week', 'month'] as const) {
        it(`${g} buckets in ${zone}`, () => {
          fc.assert(
            fc.property(fc.integer({ min: MIN_T, max: MAX_T }), fc.integer({ min: 0, max: SPAN_LIMIT[g] }), (start, span) => {
              const range = { start, end: start + span };
              const buckets = bucketsFor(range, g, zone);
              assertCoversExactly(buckets, range);
              assert.ok(buckets.every((b) => b.granularity === g));
              // Lord Howe's half-hour DST shift moves some hour starts to :30; coverage still holds there.
              if (zone !== 'Australia/Lord_Howe') assertAligned(buckets, g, zone);
            }),
            { numRuns: g === 'hour' ? 60 : 150 },
          );
        });
      }
    }

    it('covers ranges that straddle DST changes, with auto granularity', () => {
      const changes = [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)];
      fc.assert(
        fc.property(
          fc.constantFrom(...changes),
          fc.integer({ min: 0, max: 40 * DAY }),
          fc.integer({ min: 0, max: 40 * DAY }),
          fc.constantFrom('Europe/Berlin', 'America/New_York'),
          (change, before, after, zone) => {
            const range = { start: change - before, end: change + after };
            assertCoversExactly(bucketsFor(range, 'auto', zone), range);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('covers and aligns every granularity right around DST changes', () => {
      const changes = [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)];
      fc.assert(
        fc.property(
          fc.constantFrom(...changes),
          fc.integer({ min: 0, max: 3 * DAY }),
          fc.integer({ min: 0, max: 3 * DAY }),
          fc.constantFrom('Europe/Berlin', 'America/New_York'),
          fc.constantFrom('hour', 'day', 'week', 'month') as fc.Arbitrary<FixedGranularity>,
          (change, before, after, zone, g) => {
            const range = { start: change - before, end: change + after };
            const buckets = bucketsFor(range, g, zone);
            assertCoversExactly(buckets, range);
            assertAligned(buckets, g, zone);
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  it('makes 23- and 25-hour days single buckets', () => {
    const berlin = bucketsFor({ start: Date.UTC(2026, 2, 28, 23), end: Date.UTC(2026, 2, 29, 22) - 1 }, 'day', 'Europe/Berlin');
    assert.deepEqual(berlin.map((b) => [b.label, (b.end - b.start + 1) / HOUR]), [['2026-03-29 (Sun)', 23]]);
    const ny = bucketsFor({ start: Date.UTC(2026, 10, 1, 4), end: Date.UTC(2026, 10, 2, 5) - 1 }, 'day', 'America/New_York');
    assert.deepEqual(ny.map((b) => [b.label, (b.end - b.start + 1) / HOUR]), [['2026-11-01 (Sun)', 25]]);
  });

  it('splits the repeated hour when clocks go back and skips the missing one when they go forward', () => {
    const fallBack = bucketsFor({ start: Date.UTC(2026, 9, 24, 23), end: Date.UTC(2026, 9, 25, 2) - 1 }, 'hour', 'Europe/Berlin');
    assert.deepEqual(fallBack.map((b) => b.label).reverse(), ['2026-10-25 01:00', '2026-10-25 02:00 (UTC+02:00)', '2026-10-25 02:00 (UTC+01:00)']);
    const springForward = bucketsFor({ start: Date.UTC(2026, 2, 29, 0), end: Date.UTC(2026, 2, 29, 2) - 1 }, 'hour', 'Europe/Berlin');
    assert.deepEqual(springForward.map((b) => b.label).reverse(), ['2026-03-29 01:00', '2026-03-29 03:00']);
  });

  it('labels buckets by granularity and clips them to the range', () => {
    const range = { start: Date.UTC(2026, 10, 25, 14, 3), end: Date.UTC(2026, 10, 25, 15, 30) };
    const hours = bucketsFor(range, 'hour', 'utc');
    assert.deepEqual(hours, [
      { start: Date.UTC(2026, 10, 25, 15), end: range.end, label: '2026-11-25 15:00', granularity: 'hour' },
      { start: range.start, end: Date.UTC(2026, 10, 25, 15) - 1, label: '2026-11-25 14:00', granularity: 'hour' },
    ]);
    assert.deepEqual(bucketsFor(range, 'day', 'utc').map((b) => b.label), ['2026-11-25 (Wed)']);
    assert.deepEqual(bucketsFor(range, 'week', 'utc').map((b) => b.label), ['Week of 2026-11-23']);
    assert.deepEqual(bucketsFor(range, 'month', 'utc').map((b) => b.label), ['2026-11']);
    const weeks = bucketsFor({ start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 11, 1) }, 'week', 'utc');
    assert.deepEqual(weeks.map((b) => b.label), ['Week of 2026-11-30', 'Week of 2026-11-23', 'Week of 2026-11-16', 'Week of 2026-11-09', 'Week of 2026-11-02', 'Week of 2026-10-26']);
  });

  it("uses the process's zone for 'local'", () => {
    const range = { start: Date.UTC(2026, 10, 24, 12), end: Date.UTC(2026, 10, 26, 12) };
    withProcessTz('America/New_York', () => {
      assert.deepEqual(bucketsFor(range, 'day', 'local'), bucketsFor(range, 'day', 'America/New_York'));
      assert.equal(bucketsFor(range, 'day', 'local')[0].label, '2026-11-26 (Thu)');
    });
  });

  it('chooses hours, days, weeks or months by span', () => {
    const span = (ms: number) => autoGranularity({ start: 0, end: ms });
    assert.equal(span(HOUR), 'hour');
    assert.equal(span(2 * DAY), 'hour');
    assert.equal(span(2 * DAY + 1), 'day');
    assert.equal(span(62 * DAY), 'day');
    assert.equal(span(62 * DAY + 1), 'week');
    assert.equal(span(183 * DAY), 'week');
    assert.equal(span(183 * DAY + 1), 'month');
    const auto: Granularity = 'auto';
    assert.equal(bucketsFor({ start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 11, 31) }, auto, 'utc').length, 12);
  });

  it('gives nothing for an empty or invalid range and one bucket for a single millisecond', () => {
    assert.deepEqual(bucketsFor({ start: 10, end: 9 }, 'day', 'utc'), []);
    assert.deepEqual(bucketsFor({ start: Number.NaN, end: 9 }, 'day', 'utc'), []);
    assert.deepEqual(bucketsFor({ start: 0, end: Number.POSITIVE_INFINITY }, 'day', 'utc'), []);
    assert.deepEqual(bucketsFor({ start: 5, end: 5 }, 'month', 'utc'), [{ start: 5, end: 5, label: '1970-01', granularity: 'month' }]);
  });

  it('never adds a bucket past an absolute window that ends on a whole hour (issue 17, item 7)', () => {
    // 07:00 → 09:00 with both ends included: two hour buckets, 09:00:00.000 itself inside the 08:00 one,
    // not a third "09:00" bucket whose label claims an hour the window does not cover.
    const range = { start: Date.UTC(2026, 10, 25, 7), end: Date.UTC(2026, 10, 25, 9) };
    const buckets = bucketsFor(range, 'hour', 'utc');
    assert.deepEqual(buckets.map((b) => b.label), ['2026-11-25 08:00', '2026-11-25 07:00']);
    assert.equal(buckets[0].end, range.end);
    assertCoversExactly(buckets, range);
    // The same for days, weeks and months: a window ending at midnight ends in the day before.
    const days = bucketsFor({ start: Date.UTC(2026, 10, 23), end: Date.UTC(2026, 10, 25) }, 'day', 'utc');
    assert.deepEqual(days.map((b) => b.label), ['2026-11-24 (Tue)', '2026-11-23 (Mon)']);
  });

  it('describes a bucket in its tooltip', () => {
    const [bucket] = bucketsFor({ start: Date.UTC(2026, 10, 25), end: Date.UTC(2026, 10, 25, 12) }, 'day', 'utc');
    assert.equal(bucketTooltip(bucket, 'utc'), '2026-11-25 (Wed)\nFrom: 2026-11-25T00:00:00.000Z\nTo:   2026-11-25T12:00:00.000Z\nTimes in UTC; both ends are included.');
  });
});
