// The times of a row read without regular expressions must be the times the general readers give: our own
// export's "Creation date" and "Date" (Number, Date.parse), and Data Center's wall-clock time in its zone
// (wallToInstant of wallFrom), around DST changes too.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { wallToInstant } from '../../../src/model/timeZone';
import { wallFrom } from '../../../src/model/wallCalendar';
import { instantOf } from '../../../src/offline/core/formats/timeCell';
import { civilMillis, isoMillis, plainEpochMillis } from '../../../src/offline/core/isoTime';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Fields of a time, mostly in range, some not (month 0 or 13, day 32, hour 24, minute 60). */
const fields = fc.record({
  year: fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 24 }),
  minute: fc.integer({ min: 0, max: 60 }),
  second: fc.integer({ min: 0, max: 60 }),
  ms: fc.integer({ min: 0, max: 999 }),
});

describe('offline: times read from cells', () => {
  it('property: civilMillis is Date.UTC for dates in range (days past the month end run on)', () => {
    fc.assert(
      fc.property(fields, ({ year, month, day, hour, minute, second, ms }) => {
        fc.pre(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59);
        assert.equal(civilMillis(year, month, day, hour, minute, second, ms), Date.UTC(year, month - 1, day, hour, minute, second, ms));
      }),
      { numRuns: 5000 },
    );
  });

  it('property: isoMillis is Date.parse of what Date#toISOString writes, or NaN (then Date.parse decides)', () => {
    fc.assert(
      fc.property(fields, fc.constantFrom('T', ' '), fc.constantFrom('Z', 'z', '+00:00'), ({ year, month, day, hour, minute, second, ms }, t, zone) => {
        const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${t}${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}${zone}`;
        const fast = isoMillis(text);
        if (!Number.isNaN(fast)) assert.equal(fast, Date.parse(text), text);
        if (t === 'T' && zone === 'Z' && year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour < 24 && minute < 60 && second < 60) assert.ok(!Number.isNaN(fast), `${text} is read`);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads epoch milliseconds as Number does, and leaves signs, exponents and long numbers to it', () => {
    assert.deepEqual(['0', '123', '000000000000123', '1700000000000', '999999999999999'].map(plainEpochMillis), [0, 123, 123, 1700000000000, 999999999999999]);
    assert.deepEqual(['', '-1', '1e3', ' 1', '1.5', '1234567890123456'].map((t) => Number.isNaN(plainEpochMillis(t))), [true, true, true, true, true, true]);
  });

  it('property: a wall-clock time in a zone is the instant wallToInstant gives, around DST changes too', () => {
    const zones = ['UTC', 'Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham'];
    const days = ['2023-03-26', '2023-10-29', '2023-03-12', '2023-11-05', '2023-04-02', '2023-10-01', '1995-01-01', '2024-02-29', '2023-02-30'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.constantFrom(...days), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.constantFrom(' ', 'T'), (zone, day, hour, minute, second, t) => {
        const text = `${day}${t}${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
        const [y, mo, d] = day.split('-').map(Number);
        const expected = wallToInstant(wallFrom(y, mo, d, hour, minute, second, 0), zone);
        assert.equal(instantOf(text, zone, '"Date"'), expected, `${text} ${zone}`);
      }),
      { numRuns: 3000 },
    );
  });
});
