// Periods of time as the API counts them ({number, units}): /since and retention.
// Fixed-length units are exact; MONTHS and longer are calendar arithmetic in UTC with the day of
// month clamped (31 March minus 1 month is 28/29 February), like java.time.
import type { RetentionUnit } from '../src/api/types';
import { RETENTION_UNITS } from '../src/api/types';

const FIXED_MS: Partial<Record<RetentionUnit, number>> = {
  NANOS: 1e-6, MICROS: 1e-3, MILLIS: 1, SECONDS: 1e3, MINUTES: 60e3, HOURS: 3600e3,
  HALF_DAYS: 12 * 3600e3, DAYS: 24 * 3600e3, WEEKS: 7 * 24 * 3600e3,
};
const MONTHS_PER: Partial<Record<RetentionUnit, number>> = {
  MONTHS: 1, YEARS: 12, DECADES: 120, CENTURIES: 1200, MILLENNIA: 12000, ERAS: 12e9,
};
/** Earliest instant a JS Date can hold. */
const MIN_DATE_MS = -8.64e15;

export function isRetentionUnit(value: unknown): value is RetentionUnit {
  return typeof value === 'string' && (RETENTION_UNITS as readonly string[]).includes(value);
}

/** The instant `number` `units` before `now`; -Infinity when that is before any representable date. */
export function periodStart(now: number, number: number, units: RetentionUnit): number {
  if (units === 'FOREVER') {
    return -Infinity;
  }
  const fixed = FIXED_MS[units];
  if (fixed !== undefined) {
    return clampLow(now - number * fixed);
  }
  const months = number * (MONTHS_PER[units] ?? 1);
  return clampLow(minusMonths(now, months));
}

function minusMonths(now: number, months: number): number {
  if (!Number.isFinite(months) || months > 12 * 300000) {
    return -Infinity;
  }
  const d = new Date(now);
  const totalMonths = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  const result = new Date(Date.UTC(2000, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  result.setUTCFullYear(year);
  return result.getTime();
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] ?? 31;
}

function clampLow(ms: number): number {
  return Number.isNaN(ms) || ms < MIN_DATE_MS ? -Infinity : ms;
}

/** Why a retention period is refused, or undefined when it is acceptable (1 unit .. 1 year). */
export function retentionProblem(now: number, period: { number: unknown; units: unknown }): string | undefined {
  const { number, units } = period;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 2147483647) {
    return 'The retention period number must be a positive whole number.';
  }
  if (!isRetentionUnit(units)) {
    return `Unknown retention period units: ${String(units)}.`;
  }
  if (periodStart(now, number, units) < periodStart(now, 1, 'YEARS')) {
    return 'The retention period can be at most 1 year.';
  }
  return undefined;
}
