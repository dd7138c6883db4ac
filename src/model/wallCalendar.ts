// Calendar arithmetic on wall times (a zone's clock reading encoded as UTC epoch ms, see timeZone.ts).
// Every function here is zone-free: DST is handled when converting back with wallToInstant.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface WallFields {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
}

export const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function wallFields(wall: number): WallFields {
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: mod(d.getUTCDay() + 6, 7) + 1,
  };
}

/** A wall time from fields; unlike Date.UTC, years 0–99 mean themselves, not 1900–1999. */
export function wallFrom(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millisecond);
  return d.getTime();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(wallFrom(year, month + 1, 0)).getUTCDate();
}

export function startOfWallHour(wall: number): number {
  return wall - mod(wall, HOUR_MS);
}

export function startOfWallDay(wall: number): number {
  return wall - mod(wall, DAY_MS);
}

/** Monday 00:00 of the ISO week containing `wall`. */
export function startOfWallWeek(wall: number): number {
  const day = startOfWallDay(wall);
  return day - (wallFields(day).weekday - 1) * DAY_MS;
}

export function startOfWallMonth(wall: number): number {
  const f = wallFields(wall);
  return wallFrom(f.year, f.month, 1);
}

/** Adds calendar months keeping the time of day; the day is clamped (31 March − 1 month = 28/29 February). */
export function addWallMonths(wall: number, months: number): number {
  const f = wallFields(wall);
  const monthIndex = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = mod(monthIndex, 12) + 1;
  const day = Math.min(f.day, daysInMonth(year, month));
  return wallFrom(year, month, day, f.hour, f.minute, f.second, f.millisecond);
}

/** 'YYYY-MM-DD' */
export function formatWallDate(wall: number): string {
  const f = wallFields(wall);
  return `${String(f.year).padStart(4, '0')}-${pad2(f.month)}-${pad2(f.day)}`;
}

/** 'YYYY-MM-DD HH:mm' */
export function formatWallMinute(wall: number): string {
  const f = wallFields(wall);
  return `${formatWallDate(wall)} ${pad2(f.hour)}:${pad2(f.minute)}`;
}

/** 'YYYY-MM-DD HH:mm', with ':ss' and '.sss' only when they are not zero (for window labels users typed). */
export function formatWallCompact(wall: number): string {
  const f = wallFields(wall);
  let text = formatWallMinute(wall);
  if (f.second !== 0 || f.millisecond !== 0) text += `:${pad2(f.second)}`;
  if (f.millisecond !== 0) text += `.${String(f.millisecond).padStart(3, '0')}`;
  return text;
}
