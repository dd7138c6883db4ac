// Where a retention period cuts the audit log, in Confluence's terms: months and longer are calendar
// arithmetic on the server's clock, in the server's zone (31 March minus 1 month is 28/29 February), so a
// month lasts 28 to 31 days and a year 365 or 366, whatever today's date. We know neither the server's zone
// nor its daylight-saving rules, so a calendar cutoff is a range, never one precise (and possibly wrong) time.

import type { RetentionPeriod, RetentionUnit } from '../api/types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Units of a fixed length (java.time's exact durations). */
const FIXED_MS: Partial<Record<RetentionUnit, number>> = {
  NANOS: 1e-6,
  MICROS: 1e-3,
  MILLIS: 1,
  SECONDS: 1e3,
  MINUTES: 60e3,
  HOURS: HOUR_MS,
  HALF_DAYS: 12 * HOUR_MS,
  DAYS: DAY_MS,
  WEEKS: 7 * DAY_MS,
};

/** Calendar units as a number of months. */
const MONTHS_PER: Partial<Record<RetentionUnit, number>> = { MONTHS: 1, YEARS: 12, DECADES: 120, CENTURIES: 1_200, MILLENNIA: 12_000, ERAS: 12e9 };

/** A daylight-saving change inside a calendar span moves its end by up to an hour either way. */
const DST_MARGIN_MS = HOUR_MS;
/** UTC offsets in use: UTC-12 to UTC+14, in quarter hours. */
const OFFSETS_MS = Array.from({ length: (26 * 60) / 15 + 1 }, (_, i) => (-12 * 60 + i * 15) * 60_000);
/** Earliest instant a JS Date can hold. */
const MIN_DATE_MS = -8.64e15;

/** The instant an exact cutoff or the bounds of a calendar one; -Infinity when records are kept forever. */
export interface CutoffRange {
  earliest: number;
  latest: number;
}

/** Shortest and longest length of a period (ms) over every date and zone the server might count from. */
export interface LengthBounds {
  min: number;
  max: number;
}

function calendarMonths(p: RetentionPeriod): number | undefined {
  const per = MONTHS_PER[p.units];
  return per === undefined ? undefined : p.number * per;
}

/** Whether a cutoff for this period depends on the server's calendar (months and longer). */
export function isCalendarPeriod(p: RetentionPeriod): boolean {
  return calendarMonths(p) !== undefined;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month] ?? 31;
}

/** `months` calendar months before `wallMs` (a wall-clock time written as if it were UTC), day clamped. */
function minusMonths(wallMs: number, months: number): number {
  const d = new Date(wallMs);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  const result = new Date(Date.UTC(2000, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  result.setUTCFullYear(year);
  return result.getTime();
}

const monthBoundsCache = new Map<number, LengthBounds>();

/**
 * Shortest and longest span of `months` calendar months, over every day of 2000-2007 (leap years with and
 * without the century rule's help, and common years: every pattern of month lengths the calendar has).
 * Beyond two years the bound is by whole years of 365 or 366 days plus the rest: wider, never narrower.
 */
function monthSpanBounds(months: number): LengthBounds {
  const cached = monthBoundsCache.get(months);
  if (cached) return cached;
  let bounds: LengthBounds;
  if (months > 24) {
    const years = Math.floor(months / 12);
    const rest = monthSpanBounds(months - years * 12);
    bounds = { min: years * 365 * DAY_MS + rest.min, max: years * 366 * DAY_MS + rest.max };
  } else if (months === 0) {
    bounds = { min: 0, max: 0 };
  } else {
    bounds = { min: Number.POSITIVE_INFINITY, max: 0 };
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2008, 0, 1); t += DAY_MS) {
      const length = t - minusMonths(t, months);
      bounds.min = Math.min(bounds.min, length);
      bounds.max = Math.max(bounds.max, length);
    }
  }
  monthBoundsCache.set(months, bounds);
  return bounds;
}

/** Shortest and longest possible length of a period (FOREVER and beyond-representable spans: Infinity). */
export function periodLengthBounds(p: RetentionPeriod): LengthBounds {
  if (p.units === 'FOREVER') return { min: Number.POSITIVE_INFINITY, max: Number.POSITIVE_INFINITY };
  const fixed = FIXED_MS[p.units];
  if (fixed !== undefined) return { min: p.number * fixed, max: p.number * fixed };
  const months = calendarMonths(p) ?? 0;
  if (!Number.isFinite(months) || months > 12 * 300_000) return { min: Number.POSITIVE_INFINITY, max: Number.POSITIVE_INFINITY };
  const span = monthSpanBounds(months);
  return { min: Math.max(0, span.min - DST_MARGIN_MS), max: span.max + DST_MARGIN_MS };
}

/**
 * Whether saving `requested` may delete records `current` keeps: its shortest possible length is below the
 * current period's longest. So 30 days -> 1 month always asks (a month back from 2 March is 28 days).
 * Two calendar periods are counted on the same clock and calendar, and fewer months always end later, so
 * they compare by their months (12 months -> 1 year deletes nothing).
 */
export function mayShorten(current: RetentionPeriod, requested: RetentionPeriod): boolean {
  const currentMonths = calendarMonths(current);
  const requestedMonths = calendarMonths(requested);
  if (currentMonths !== undefined && requestedMonths !== undefined) return requestedMonths < currentMonths;
  if (requested.units === 'FOREVER') return false;
  return periodLengthBounds(requested).min < periodLengthBounds(current).max;
}

function clampLow(ms: number): number {
  return Number.isNaN(ms) || ms < MIN_DATE_MS ? Number.NEGATIVE_INFINITY : ms;
}

/**
 * Where `p` cuts the log when the server's clock reads `now`: exact for fixed units; for calendar units the
 * earliest and latest cutoff over every UTC offset, widened by a daylight-saving hour.
 */
export function cutoffRange(now: number, p: RetentionPeriod): CutoffRange {
  if (p.units === 'FOREVER') return { earliest: Number.NEGATIVE_INFINITY, latest: Number.NEGATIVE_INFINITY };
  const fixed = FIXED_MS[p.units];
  if (fixed !== undefined) {
    const at = clampLow(now - p.number * fixed);
    return { earliest: at, latest: at };
  }
  const months = calendarMonths(p) ?? 0;
  if (!Number.isFinite(months) || months > 12 * 300_000) return { earliest: Number.NEGATIVE_INFINITY, latest: Number.NEGATIVE_INFINITY };
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (const offset of OFFSETS_MS) {
    const at = minusMonths(now + offset, months) - offset;
    earliest = Math.min(earliest, at);
    latest = Math.max(latest, at);
  }
  return { earliest: clampLow(earliest - DST_MARGIN_MS), latest: clampLow(latest + DST_MARGIN_MS) };
}
