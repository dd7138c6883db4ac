import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bucketsFor } from '../../../src/model/buckets';
import { formatIso, toWallMs } from '../../../src/model/timeZone';
import { PRESETS, resolveWindow, type PresetId, type TimeWindowSpec } from '../../../src/model/timeWindow';
import { describeWindow, windowTooltip } from '../../../src/model/windowText';
import { isTimeWindowSpec, MAX_RELATIVE_AMOUNT, validateWindowSpec } from '../../../src/model/windowValidation';
import { startOfWallDay } from '../../../src/model/wallCalendar';
import { withProcessTz } from './processTz';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 25, 13, 27, 34, 123); // Wed 25 Nov 2026, 14:27 in Berlin
const ZONES = ['utc', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];

function preset(id: PresetId): TimeWindowSpec {
  return { kind: 'preset', id };
}

describe('model/timeWindow', () => {
  it('offers the six presets with their labels', () => {
    assert.deepEqual(
      PRESETS.map((p) => [p.id, p.label]),
      [
        ['last-hour', 'Last hour'],
        ['last-24-hours', 'Last 24 hours'],
        ['last-7-days', 'Last 7 days'],
        ['last-30-days', 'Last 30 days'],
        ['last-3-months', 'Last 3 months'],
        ['last-year', 'Last year'],
      ],
    );
  });

  describe('resolveWindow', () => {
    it('keeps the hour and 24 hours rolling', () => {
      assert.deepEqual(resolveWindow(preset('last-hour'), NOW, 'Europe/Berlin'), { start: NOW - HOUR, end: NOW });
      assert.deepEqual(resolveWindow(preset('last-24-hours'), NOW, 'Europe/Berlin'), { start: NOW - DAY, end: NOW });
    });

    it('counts day presets in calendar days, today included', () => {
      assert.equal(formatIso(resolveWindow(preset('last-7-days'), NOW, 'Europe/Berlin').start, 'Europe/Berlin'), '2026-11-19T00:00:00.000+01:00');
      assert.equal(formatIso(resolveWindow(preset('last-7-days'), NOW, 'utc').start, 'utc'), '2026-11-19T00:00:00.000Z');
      assert.equal(formatIso(resolveWindow(preset('last-30-days'), NOW, 'America/New_York').start, 'America/New_York'), '2026-10-27T00:00:00.000-04:00');
      assert.equal(formatIso(resolveWindow(preset('last-3-months'), NOW, 'Europe/Berlin').start, 'Europe/Berlin'), '2026-08-26T00:00:00.000+02:00');
      assert.equal(formatIso(resolveWindow(preset('last-year'), NOW, 'utc').start, 'utc'), '2025-11-26T00:00:00.000Z');
      assert.equal(resolveWindow(preset('last-year'), NOW, 'utc').end, NOW);
    });

    it('clamps month arithmetic at the end of a month', () => {
      const may31 = Date.UTC(2026, 4, 31, 12);
      // 31 May − 3 months = 28 February (clamped), and the window starts the day after.
      assert.equal(formatIso(resolveWindow(preset('last-3-months'), may31, 'utc').start, 'utc'), '2026-03-01T00:00:00.000Z');
      const mar31 = Date.UTC(2026, 2, 31, 10, 15);
      assert.equal(formatIso(resolveWindow({ kind: 'relative', amount: 1, unit: 'months' }, mar31, 'utc').start, 'utc'), '2026-02-28T10:15:00.000Z');
      assert.equal(formatIso(resolveWindow({ kind: 'relative', amount: 1, unit: 'years' }, Date.UTC(2028, 1, 29, 8), 'utc').start, 'utc'), '2027-02-28T08:00:00.000Z');
    });

    it("uses the process's zone for 'local'", () => {
      withProcessTz('America/New_York', () => {
        assert.equal(resolveWindow(preset('last-7-days'), NOW, 'local').start, resolveWindow(preset('last-7-days'), NOW, 'America/New_York').start);
      });
    });

    it('splits "Last 7 days" into 7 day buckets and "Last 30 days" into 30 at any time in any zone', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...ZONES), (now, zone) => {
          // As the tree asks for them: a preset window ends now.
          const week = bucketsFor(resolveWindow(preset('last-7-days'), now, zone), 'auto', zone, { endsNow: true });
          assert.equal(week.length, 7);
          assert.ok(week.every((b) => b.granularity === 'day'));
          assert.equal(week[0].end, now, 'newest first, ending now');
          assert.equal(toWallMs(week[6].start, zone), startOfWallDay(toWallMs(now, zone)) - 6 * DAY);
          assert.equal(bucketsFor(resolveWindow(preset('last-30-days'), now, zone), 'auto', zone, { endsNow: true }).length, 30);
        }),
        { numRuns: 200 },
      );
    });

    it('keeps today\'s bucket in "Last 7 days" at exactly midnight (found by the property above, seed 327480919)', () => {
      const midnight = Date.UTC(2001, 0, 1);
      const week = bucketsFor(resolveWindow(preset('last-7-days'), midnight, 'utc'), 'auto', 'utc', { endsNow: true });
      assert.equal(week.length, 7);
      assert.deepEqual(week[0], { start: midnight, end: midnight, label: '2001-01-01 (Mon)', granularity: 'day' });
    });

    it('starts "Last 7 days" at local midnight across a DST change', () => {
      const afterSpringForward = Date.UTC(2026, 2, 31, 10); // Tue 31 March, CEST since Sunday
      const range = resolveWindow(preset('last-7-days'), afterSpringForward, 'Europe/Berlin');
      assert.equal(formatIso(range.start, 'Europe/Berlin'), '2026-03-25T00:00:00.000+01:00');
      const days = bucketsFor(range, 'auto', 'Europe/Berlin');
      assert.deepEqual(days.map((d) => d.label), [
        '2026-03-31 (Tue)', '2026-03-30 (Mon)', '2026-03-29 (Sun)', '2026-03-28 (Sat)', '2026-03-27 (Fri)', '2026-03-26 (Thu)', '2026-03-25 (Wed)',
      ]);
      assert.equal(days[2].end - days[2].start + 1, 23 * HOUR);
    });

    it('measures minutes and hours exactly and keeps wall time for days across DST', () => {
      assert.deepEqual(resolveWindow({ kind: 'relative', amount: 90, unit: 'minutes' }, NOW, 'Europe/Berlin'), { start: NOW - 90 * 60_000, end: NOW });
      assert.deepEqual(resolveWindow({ kind: 'relative', amount: 36, unit: 'hours' }, NOW, 'Europe/Berlin'), { start: NOW - 36 * HOUR, end: NOW });
      const monday = Date.UTC(2026, 2, 30, 10); // 12:00 CEST
      const start = resolveWindow({ kind: 'relative', amount: 2, unit: 'weeks' }, monday, 'Europe/Berlin').start;
      assert.equal(formatIso(start, 'Europe/Berlin'), '2026-03-16T12:00:00.000+01:00');
      assert.equal(monday - start, 14 * DAY - HOUR);
    });

    it('passes absolute ranges through', () => {
      assert.deepEqual(resolveWindow({ kind: 'absolute', start: 5, end: 10, zone: 'utc' }, NOW, 'Europe/Berlin'), { start: 5, end: 10 });
    });
  });

  describe('describeWindow and windowTooltip', () => {
    it('labels windows', () => {
      assert.equal(describeWindow(preset('last-7-days'), 'utc'), 'Last 7 days');
      assert.equal(describeWindow({ kind: 'relative', amount: 90, unit: 'minutes' }, 'utc'), 'Last 90 minutes');
      assert.equal(describeWindow({ kind: 'relative', amount: 1, unit: 'hours' }, 'utc'), 'Last hour');
      const abs: TimeWindowSpec = { kind: 'absolute', start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 10, 2), zone: 'utc' };
      assert.equal(describeWindow(abs, 'utc'), '2026-11-01 00:00 → 2026-11-02 00:00 (UTC)');
      assert.equal(describeWindow(abs, 'Europe/Berlin'), '2026-11-01 01:00 → 2026-11-02 01:00 (Europe/Berlin)');
      const precise: TimeWindowSpec = { kind: 'absolute', start: Date.UTC(2026, 10, 1, 0, 0, 5), end: Date.UTC(2026, 10, 1, 0, 0, 5, 250), zone: 'utc' };
      assert.equal(describeWindow(precise, 'utc'), '2026-11-01 00:00:05 → 2026-11-01 00:00:05.250 (UTC)');
    });

    it('explains the bounds and the rule in the tooltip', () => {
      const spec = preset('last-7-days');
      const tip = windowTooltip(spec, resolveWindow(spec, NOW, 'Europe/Berlin'), 'Europe/Berlin');
      assert.deepEqual(tip.split('\n'), [
        'Last 7 days',
        'From: 2026-11-19T00:00:00.000+01:00',
        'To:   2026-11-25T14:27:34.123+01:00 (now)',
        '7 calendar days in Europe/Berlin, today included: from midnight 6 days ago up to now, so today is partial.',
        'Both ends are included.',
      ]);
      const rolling = windowTooltip(preset('last-24-hours'), resolveWindow(preset('last-24-hours'), NOW, 'utc'), 'utc');
      assert.match(rolling, /Rolling: the last 24 hours up to now/);
      const abs: TimeWindowSpec = { kind: 'absolute', start: 0, end: 1, zone: 'utc' };
      assert.match(windowTooltip(abs, resolveWindow(abs, NOW, 'utc'), 'utc'), /^To: {3}1970-01-01T00:00:00\.001Z$/m);
    });
  });

  describe('validateWindowSpec', () => {
    const abs = (start: number, end: number, zone = 'utc'): TimeWindowSpec => ({ kind: 'absolute', start, end, zone });
    const reason = (spec: TimeWindowSpec): string | undefined => {
      const result = validateWindowSpec(spec, NOW);
      return result.ok ? undefined : result.reason;
    };

    it('accepts sound specs', () => {
      for (const p of PRESETS) assert.equal(reason(preset(p.id)), undefined);
      assert.equal(reason({ kind: 'relative', amount: 90, unit: 'minutes' }), undefined);
      assert.equal(reason({ kind: 'relative', amount: 10, unit: 'years' }), undefined);
      assert.equal(reason(abs(Date.UTC(2000, 0, 1), NOW + DAY)), undefined);
      assert.equal(reason(abs(Date.UTC(1999, 11, 31, 23), NOW, 'Europe/Berlin')), undefined, 'midnight 2000-01-01 in Berlin');
    });

    it('rejects broken specs with a reason', () => {
      assert.match(reason(abs(NOW, NOW)) ?? '', /same moment/);
      assert.match(reason(abs(NOW, NOW - 1)) ?? '', /before the start/);
      assert.match(reason(abs(Number.NaN, NOW)) ?? '', /start is not a valid/);
      assert.match(reason(abs(NOW - DAY, Number.POSITIVE_INFINITY)) ?? '', /end is not a valid/);
      assert.match(reason(abs(Date.UTC(1999, 11, 31, 23, 59), NOW)) ?? '', /on or after 2000-01-01/);
      assert.match(reason(abs(NOW - DAY, NOW + DAY + 1)) ?? '', /one day in the future/);
      assert.match(reason(abs(NOW - DAY, NOW, 'Mars/Base')) ?? '', /Unknown time zone/);
      assert.match(reason({ kind: 'relative', amount: 0, unit: 'days' }) ?? '', /at least 1/);
      assert.match(reason({ kind: 'relative', amount: -3, unit: 'days' }) ?? '', /at least 1/);
      assert.match(reason({ kind: 'relative', amount: 1.5, unit: 'hours' }) ?? '', /whole number/);
      assert.match(reason({ kind: 'relative', amount: Number.NaN, unit: 'hours' }) ?? '', /Enter a number/);
      assert.match(reason({ kind: 'relative', amount: 3653, unit: 'days' }) ?? '', /at most 10 years \(3,652 days\)/);
      assert.match(reason({ kind: 'relative', amount: 11, unit: 'years' }) ?? '', /at most 10 years\.$/);
      assert.match(reason({ kind: 'relative', amount: 1, unit: 'fortnights' as 'days' }) ?? '', /not a unit/);
      assert.match(reason({ kind: 'preset', id: 'last-decade' as PresetId }) ?? '', /Unknown preset/);
    });

    it('accepts a relative amount exactly when it is a whole number from 1 to the 10-year limit', () => {
      const units = Object.keys(MAX_RELATIVE_AMOUNT) as Array<keyof typeof MAX_RELATIVE_AMOUNT>;
      fc.assert(
        fc.property(fc.constantFrom(...units), fc.oneof(fc.integer({ min: -10, max: 6_000_000 }), fc.double()), (unit, amount) => {
          const expected = Number.isInteger(amount) && amount >= 1 && amount <= MAX_RELATIVE_AMOUNT[unit];
          return validateWindowSpec({ kind: 'relative', amount, unit }, NOW).ok === expected;
        }),
        { numRuns: 1000 },
      );
    });

    it('never lets an inverted or empty absolute range through', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2000, 0, 2), max: NOW }), fc.integer({ min: Date.UTC(2000, 0, 2), max: NOW }), (start, end) => {
          return validateWindowSpec(abs(start, end), NOW).ok === end > start;
        }),
      );
    });
  });

  it('recognises stored specs by shape', () => {
    assert.ok(isTimeWindowSpec({ kind: 'preset', id: 'last-hour' }));
    assert.ok(isTimeWindowSpec({ kind: 'relative', amount: 2, unit: 'weeks' }));
    assert.ok(isTimeWindowSpec({ kind: 'absolute', start: 1, end: 2, zone: 'utc' }));
    for (const bad of [null, 'last-hour', { kind: 'preset', id: 'nope' }, { kind: 'relative', amount: '2', unit: 'weeks' }, { kind: 'absolute', start: 1, end: 2 }, { kind: 'other' }]) {
      assert.ok(!isTimeWindowSpec(bad), JSON.stringify(bad));
    }
  });
});
