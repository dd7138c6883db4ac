// Splits a time range into calendar-aligned buckets (hours, days, ISO weeks, months) in a zone, newest first.
import { formatIso, formatOffset, isRepresentableInstant, isUtcZone, toWallMs, wallToInstant, zoneLabel, zoneOffsetMs, type ZoneSetting } from './timeZone';
import type { TimeRange } from './windowSpec';
import {
  addWallMonths, DAY_MS, formatWallDate, formatWallMinute, HOUR_MS, startOfWallDay, startOfWallHour,
  startOfWallMonth, startOfWallWeek, wallFields, WEEKDAY_SHORT,
} from './wallCalendar';

export type Granularity = 'auto' | 'hour' | 'day' | 'week' | 'month';
export type FixedGranularity = Exclude<Granularity, 'auto'>;

export interface Bucket {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, inclusive. */
  end: number;
  label: string;
  granularity: FixedGranularity;
}

/** Hours up to 2 days, days up to about 2 months, weeks up to about 6 months, months beyond. */
export function autoGranularity(range: TimeRange): FixedGranularity {
  const span = range.end - range.start;
  if (span <= 2 * DAY_MS) return 'hour';
  if (span <= 62 * DAY_MS) return 'day';
  if (span <= 183 * DAY_MS) return 'week';
  return 'month';
}

const FLOOR: Record<FixedGranularity, (wall: number) => number> = {
  hour: startOfWallHour,
  day: startOfWallDay,
  week: startOfWallWeek,
  month: startOfWallMonth,
};

const STEP: Record<FixedGranularity, (wall: number) => number> = {
  hour: (wall) => wall + HOUR_MS,
  day: (wall) => wall + DAY_MS,
  week: (wall) => wall + 7 * DAY_MS,
  month: (wall) => addWallMonths(wall, 1),
};

const LABEL: Record<FixedGranularity, (periodWall: number) => string> = {
  hour: formatWallMinute,
  day: (wall) => `${formatWallDate(wall)} (${WEEKDAY_SHORT[wallFields(wall).weekday - 1]})`,
  week: (wall) => `Week of ${formatWallDate(wall)}`,
  month: (wall) => formatWallDate(wall).slice(0, 7),
};

/** The first instant in (low, high] whose offset differs from the offset at `low` (binary search). */
function offsetChangeAfter(low: number, high: number, zone: ZoneSetting): number {
  const before = zoneOffsetMs(low, zone);
  let lo = low;
  let hi = high;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * An hour that contains an offset change (clocks going back repeat an hour) is split at the change, so that
 * each bucket has one offset; the parts are labelled with their wall time and offset to tell them apart.
 * Days, weeks and months are never split: a 23- or 25-hour day is one bucket.
 */
function pushHour(out: Bucket[], start: number, end: number, periodWall: number, zone: ZoneSetting): void {
  if (isUtcZone(zone) || zoneOffsetMs(start, zone) === zoneOffsetMs(end, zone)) {
    out.push({ start, end, label: formatWallMinute(periodWall), granularity: 'hour' });
    return;
  }
  const change = offsetChangeAfter(start, end, zone);
  for (const [s, e] of [[start, change - 1], [change, end]] as const) {
    const label = `${formatWallMinute(toWallMs(s, zone))} (UTC${formatOffset(zoneOffsetMs(s, zone))})`;
    out.push({ start: s, end: e, label, granularity: 'hour' });
  }
}

export interface BucketOptions {
  /** The range ends at the present (a relative window, "Last 7 days"), not at a time the user chose. */
  endsNow?: boolean;
}

/**
 * Buckets covering `range` exactly (inclusive bounds; every ms in exactly one bucket), newest first. Buckets
 * are aligned to the zone's calendar (midnight, Monday, the 1st; DST-correct) and clipped to the range at
 * both ends, so the oldest and newest may be partial; a range ending on a boundary ends in the period before
 * it. An empty or invalid range gives no buckets.
 */
export function bucketsFor(range: TimeRange, granularity: Granularity, zone: ZoneSetting, options: BucketOptions = {}): Bucket[] {
  if (!isRepresentableInstant(range.start) || !isRepresentableInstant(range.end) || range.start > range.end) return [];
  const g = granularity === 'auto' ? autoGranularity(range) : granularity;
  const out: Bucket[] = [];
  let periodWall = FLOOR[g](toWallMs(range.start, zone));
  let bucketStart = range.start;
  while (bucketStart <= range.end) {
    const nextWall = STEP[g](periodWall);
    const nextStart = wallToInstant(nextWall, zone);
    // A period that clocks skipped entirely (02:00 on a spring-forward night) has no instants: no bucket.
    if (nextStart > bucketStart) {
      const end = Math.min(nextStart - 1, range.end);
      if (g === 'hour') pushHour(out, bucketStart, end, periodWall, zone);
      else out.push({ start: bucketStart, end, label: LABEL[g](periodWall), granularity: g });
      bucketStart = nextStart;
    }
    periodWall = nextWall;
  }
  // A range that ends exactly on a period boundary (07:00 → 09:00, both ends included) would end in a
  // one-millisecond bucket labelled "09:00", claiming an hour the window does not cover. That instant
  // joins the bucket before it, so no bucket reads as lying past the window.
  // A window that ends now is different: its newest instant is the present, whose period ("today") is
  // current even when it began a millisecond ago, so it keeps its bucket.
  const last = out[out.length - 1];
  if (!options.endsNow && out.length > 1 && last.start === last.end) {
    out.pop();
    out[out.length - 1].end = last.end;
  }
  return out.reverse();
}

/** Plain-text tooltip: the bucket's exact bounds in the zone. */
export function bucketTooltip(bucket: Bucket, zone: ZoneSetting): string {
  return `${bucket.label}\nFrom: ${formatIso(bucket.start, zone)}\nTo:   ${formatIso(bucket.end, zone)}\nTimes in ${zoneLabel(zone)}; both ends are included.`;
}
