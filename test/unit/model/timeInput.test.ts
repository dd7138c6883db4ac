import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isInputError, parseDateTimeInput, parseRelativeInput } from '../../../src/model/timeInput';
import { formatIso, toWallMs } from '../../../src/model/timeZone';
import { formatWallDate, pad2, wallFields } from '../../../src/model/wallCalendar';
import { withProcessTz } from './processTz';

const ZONES = ['utc', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'];

function errorOf(value: unknown): string {
  assert.ok(isInputError(value), `expected an error, got ${JSON.stringify(value)}`);
  return value.error;
}

describe('model/timeInput', () => {
  describe('parseDateTimeInput', () => {
    it('reads the forms people type, in the given zone', () => {
      assert.equal(parseDateTimeInput('2026-11-24 13:00', 'utc'), Date.UTC(2026, 10, 24, 13));
      assert.equal(parseDateTimeInput('2026-11-24T13:00:00', 'utc'), Date.UTC(2026, 10, 24, 13));
      assert.equal(parseDateTimeInput('  2026-11-24t13:05:07.25  ', 'utc'), Date.UTC(2026, 10, 24, 13, 5, 7, 250));
      assert.equal(parseDateTimeInput('2026-11-24 9:30', 'utc'), Date.UTC(2026, 10, 24, 9, 30));
      assert.equal(parseDateTimeInput('2026-11-24', 'utc'), Date.UTC(2026, 10, 24));
      assert.equal(parseDateTimeInput('2026-11-24', 'Europe/Berlin'), Date.UTC(2026, 10, 23, 23));
      assert.equal(parseDateTimeInput('2026-07-24 13:00', 'Europe/Berlin'), Date.UTC(2026, 6, 24, 11));
      assert.equal(parseDateTimeInput('2026-11-24 13:00', 'America/New_York'), Date.UTC(2026, 10, 24, 18));
      assert.equal(parseDateTimeInput('2026-11-24 13:00:00.123456', 'utc'), Date.UTC(2026, 10, 24, 13, 0, 0, 123));
    });

    it('lets an explicit Z or offset win over the zone', () => {
      assert.equal(parseDateTimeInput('2026-11-24T13:00Z', 'Europe/Berlin'), Date.UTC(2026, 10, 24, 13));
      assert.equal(parseDateTimeInput('2026-11-24 13:00 +01:00', 'America/New_York'), Date.UTC(2026, 10, 24, 12));
      assert.equal(parseDateTimeInput('2026-11-24T13:00-0530', 'utc'), Date.UTC(2026, 10, 24, 18, 30));
      assert.equal(parseDateTimeInput('2026-11-24T13:00+05', 'utc'), Date.UTC(2026, 10, 24, 8));
      assert.equal(parseDateTimeInput('2026-11-24T13:00\u221202:00', 'utc'), Date.UTC(2026, 10, 24, 15));
    });

    it('handles DST: a skipped time moves forward, a repeated time means the first', () => {
      assert.equal(formatIso(parseDateTimeInput('2026-03-29 02:30', 'Europe/Berlin') as number, 'Europe/Berlin'), '2026-03-29T03:30:00.000+02:00');
      assert.equal(formatIso(parseDateTimeInput('2026-10-25 02:30', 'Europe/Berlin') as number, 'Europe/Berlin'), '2026-10-25T02:30:00.000+02:00');
      assert.equal(formatIso(parseDateTimeInput('2026-03-08 02:30', 'America/New_York') as number, 'America/New_York'), '2026-03-08T03:30:00.000-04:00');
      assert.equal(formatIso(parseDateTimeInput('2026-11-01 01:30', 'America/New_York') as number, 'America/New_York'), '2026-11-01T01:30:00.000-04:00');
    });

    it("reads naive times in the process's zone for 'local'", () => {
      withProcessTz('Europe/Berlin', () => assert.equal(parseDateTimeInput('2026-11-24 13:00', 'local'), Date.UTC(2026, 10, 24, 12)));
    });

    it('explains what is wrong', () => {
      assert.match(errorOf(parseDateTimeInput('', 'utc')), /Enter a date/);
      assert.match(errorOf(parseDateTimeInput('yesterday', 'utc')), /not a date and time we can read.*2026-11-24 13:00/);
      assert.match(errorOf(parseDateTimeInput('24/11/2026', 'utc')), /not a date and time/);
      assert.match(errorOf(parseDateTimeInput('2026-13-01', 'utc')), /months go from 01 to 12/);
      assert.match(errorOf(parseDateTimeInput('2026-02-29', 'utc')), /that month has 28 days/);
      assert.match(errorOf(parseDateTimeInput('2026-11-24 24:00', 'utc')), /Hours go up to 23/);
      assert.match(errorOf(parseDateTimeInput('2026-11-24 13:60', 'utc')), /minutes and seconds up to 59/);
      assert.match(errorOf(parseDateTimeInput('2026-11-24 13:00+19:00', 'utc')), /between -18:00 and \+18:00/);
      assert.match(errorOf(parseDateTimeInput('2026-11-24 13:00+01:75', 'utc')), /minutes of an offset/);
      assert.match(errorOf(parseDateTimeInput('2026-11-24Z', 'utc')), /not a date and time/);
      assert.match(errorOf(parseDateTimeInput('2026-11-24 13:00', 'Mars/Base')), /Unknown time zone/);
      assert.equal(parseDateTimeInput('2028-02-29', 'utc'), Date.UTC(2028, 1, 29));
    });

    it('reads back what formatIso writes, in every zone', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
          assert.equal(parseDateTimeInput(formatIso(ms, zone), 'Europe/Berlin'), ms);
        }),
        { numRuns: 500 },
      );
    });

    it('reads a naive wall time as that wall time in the zone', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
          const wall = toWallMs(ms, zone);
          const f = wallFields(wall);
          const typed = `${formatWallDate(wall)} ${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}.${String(f.millisecond).padStart(3, '0')}`;
          const parsed = parseDateTimeInput(typed, zone);
          assert.equal(typeof parsed, 'number');
          assert.equal(toWallMs(parsed as number, zone), wall);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('parseRelativeInput', () => {
    it('reads short and long forms', () => {
      const cases: Array<[string, number, string]> = [
        ['90m', 90, 'minutes'], ['36h', 36, 'hours'], ['10d', 10, 'days'], ['2w', 2, 'weeks'], ['3mo', 3, 'months'],
        ['1y', 1, 'years'], ['15 minutes', 15, 'minutes'], ['1 hour', 1, 'hours'], ['Last 2 Weeks', 2, 'weeks'],
        [' 6 MONTHS ', 6, 'months'], ['5min', 5, 'minutes'], ['2yrs', 2, 'years'],
      ];
      for (const [text, amount, unit] of cases) assert.deepEqual(parseRelativeInput(text), { kind: 'relative', amount, unit }, text);
    });

    it('explains what is wrong', () => {
      assert.match(errorOf(parseRelativeInput('')), /amount and a unit/);
      assert.match(errorOf(parseRelativeInput('m90')), /amount and a unit/);
      assert.match(errorOf(parseRelativeInput('5 fortnights')), /"fortnights" is not a unit/);
      assert.match(errorOf(parseRelativeInput('5 constructor')), /not a unit/);
      assert.match(errorOf(parseRelativeInput('5 __proto__')), /amount and a unit/);
      assert.match(errorOf(parseRelativeInput('1.5h')), /whole number/);
      assert.match(errorOf(parseRelativeInput('0d')), /at least 1/);
      assert.match(errorOf(parseRelativeInput('11y')), /at most 10 years/);
      assert.match(errorOf(parseRelativeInput('-5d')), /amount and a unit/);
    });
  });
});
