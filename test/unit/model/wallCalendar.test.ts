import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addWallMonths, daysInMonth, formatWallCompact, startOfWallMonth, startOfWallWeek, wallFields, wallFrom,
} from '../../../src/model/wallCalendar';

describe('model/wallCalendar', () => {
  it('builds wall times, years below 100 included', () => {
    assert.equal(wallFrom(2026, 11, 25, 14, 3), Date.UTC(2026, 10, 25, 14, 3));
    assert.equal(wallFields(wallFrom(99, 1, 1)).year, 99);
  });

  it('knows month lengths and leap years', () => {
    assert.deepEqual([daysInMonth(2026, 2), daysInMonth(2028, 2), daysInMonth(2100, 2), daysInMonth(2000, 2), daysInMonth(2026, 12)], [28, 29, 28, 29, 31]);
  });

  it('adds months with the day clamped and the time kept', () => {
    assert.equal(addWallMonths(wallFrom(2026, 3, 31, 10, 15), -1), wallFrom(2026, 2, 28, 10, 15));
    assert.equal(addWallMonths(wallFrom(2026, 1, 31), 1), wallFrom(2026, 2, 28));
    assert.equal(addWallMonths(wallFrom(2026, 11, 25), -12), wallFrom(2025, 11, 25));
    assert.equal(addWallMonths(wallFrom(2026, 1, 15), -1), wallFrom(2025, 12, 15));
  });

  it('finds the Monday of the ISO week and the first of the month', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (wall) => {
        const monday = startOfWallWeek(wall);
        assert.equal(wallFields(monday).weekday, 1);
        assert.ok(monday <= wall && wall - monday < 7 * 86_400_000);
        const first = wallFields(startOfWallMonth(wall));
        assert.equal(first.day, 1);
        assert.equal(first.month, wallFields(wall).month);
      }),
    );
    assert.equal(wallFields(wallFrom(2026, 11, 29)).weekday, 7, 'Sunday is 7');
  });

  it('formats compactly, adding seconds and milliseconds only when present', () => {
    assert.equal(formatWallCompact(wallFrom(2026, 11, 1)), '2026-11-01 00:00');
    assert.equal(formatWallCompact(wallFrom(2026, 11, 1, 0, 0, 5)), '2026-11-01 00:00:05');
    assert.equal(formatWallCompact(wallFrom(2026, 11, 1, 0, 0, 0, 7)), '2026-11-01 00:00:00.007');
  });
});
