// Resolves a window spec to the absolute range it covers at a given moment.
import { toWallMs, wallToInstant, type ZoneSetting } from './timeZone';
import { addWallMonths, DAY_MS, HOUR_MS, startOfWallDay } from './wallCalendar';
import type { PresetId, RelativeSpec, TimeRange, TimeWindowSpec } from './windowSpec';

/**
 * Day-based presets count calendar days in the zone, today included, so that they split into whole day
 * buckets: 'Last 7 days' starts at midnight six days ago (7 buckets, today's partial), 'Last 30 days' at
 * midnight 29 days ago, 'Last 3 months' and 'Last year' at the midnight after the same date 3 or 12 months
 * ago. 'Last hour' and 'Last 24 hours' are rolling. Every window ends now.
 */
const CALENDAR_PRESETS: Record<Exclude<PresetId, 'last-hour' | 'last-24-hours'>, { days?: number; months?: number }> = {
  'last-7-days': { days: 7 },
  'last-30-days': { days: 30 },
  'last-3-months': { months: 3 },
  'last-year': { months: 12 },
};

export function isCalendarPreset(id: PresetId): boolean {
  return id in CALENDAR_PRESETS;
}

function resolvePreset(id: PresetId, now: number, zone: ZoneSetting): TimeRange {
  if (id === 'last-hour') return { start: now - HOUR_MS, end: now };
  if (id === 'last-24-hours') return { start: now - DAY_MS, end: now };
  const { days, months } = CALENDAR_PRESETS[id];
  const today = startOfWallDay(toWallMs(now, zone));
  const startWall = months !== undefined ? addWallMonths(today, -months) + DAY_MS : today - ((days ?? 1) - 1) * DAY_MS;
  return { start: wallToInstant(startWall, zone), end: now };
}

/**
 * Minutes and hours are exact durations; days and weeks keep the wall-clock time across DST changes, and
 * months and years are calendar months (clamped: 31 March − 1 month is the last day of February).
 */
function resolveRelative(spec: RelativeSpec, now: number, zone: ZoneSetting): TimeRange {
  switch (spec.unit) {
    case 'minutes':
      return { start: now - spec.amount * 60_000, end: now };
    case 'hours':
      return { start: now - spec.amount * HOUR_MS, end: now };
    case 'days':
    case 'weeks': {
      const days = spec.unit === 'weeks' ? spec.amount * 7 : spec.amount;
      return { start: wallToInstant(toWallMs(now, zone) - days * DAY_MS, zone), end: now };
    }
    case 'months':
    case 'years': {
      const months = spec.unit === 'years' ? spec.amount * 12 : spec.amount;
      return { start: wallToInstant(addWallMonths(toWallMs(now, zone), -months), zone), end: now };
    }
  }
}

/** The absolute, inclusive range a window covers at time `now`, with calendar arithmetic in `zone`. */
export function resolveWindow(spec: TimeWindowSpec, now: number, zone: ZoneSetting): TimeRange {
  switch (spec.kind) {
    case 'preset':
      return resolvePreset(spec.id, now, zone);
    case 'relative':
      return resolveRelative(spec, now, zone);
    case 'absolute':
      return { start: spec.start, end: spec.end };
    case 'since':
      return { start: spec.start, end: now };
  }
}
