// "The last N units" as an absolute window [now - N units, now], pinned once.
// Months and longer are calendar arithmetic in UTC (31 March minus one month is 28/29 February,
// not 3 March); sub-millisecond units round the start down so the window never loses a record.
import { AuditError } from './errors';
import { SINCE_UNITS, type SinceUnit } from './types';

const FIXED_MS: Partial<Record<SinceUnit, number>> = {
  MILLIS: 1,
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  HALF_DAYS: 43_200_000,
  DAYS: 86_400_000,
  WEEKS: 604_800_000,
};

const CALENDAR_MONTHS: Partial<Record<SinceUnit, number>> = { MONTHS: 1, YEARS: 12, DECADES: 120, CENTURIES: 1200 };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** `t` moved back by `months` calendar months in UTC, the day clamped to the target month's length. */
export function minusMonthsUtc(t: number, months: number): number {
  const d = new Date(t);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  const back = new Date(t);
  back.setUTCFullYear(year, month, day);
  return back.getTime();
}

export function sinceStart(number: number, units: SinceUnit, now: number): number {
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new AuditError('badRequest', `The time period must be a whole number of ${units.toLowerCase()} of zero or more, not ${number}.`, { retryable: false });
  }
  if (!(SINCE_UNITS as readonly string[]).includes(units)) {
    throw new AuditError('badRequest', `Unknown time unit ${String(units)}.`, { retryable: false });
  }
  let start: number;
  if (units === 'NANOS') {
    start = now - Math.ceil(number / 1e6);
  } else if (units === 'MICROS') {
    start = now - Math.ceil(number / 1e3);
  } else if (FIXED_MS[units] !== undefined) {
    start = now - number * FIXED_MS[units];
  } else {
    const months = number * (CALENDAR_MONTHS[units] ?? 1);
    // Beyond the epoch nothing exists; also keeps Date arithmetic in range.
    start = months > 12 * 300 ? 0 : minusMonthsUtc(now, months);
  }
  return Number.isFinite(start) ? Math.max(0, start) : 0;
}
