// Time zones for display and calendar arithmetic, with Intl only (no dependencies).
// A "wall" time is the zone's clock reading encoded as if it were UTC epoch ms, so calendar arithmetic can use
// the UTC Date methods (no DST there); toWallMs/wallToInstant convert between instants and wall times.

/** 'local' is the process's zone, 'utc' is UTC, anything else an IANA name such as 'Europe/Berlin'. */
export type ZoneSetting = 'local' | 'utc' | (string & {});

const MINUTE = 60_000;
const DAY = 86_400_000;

type OffsetFn = (ms: number) => number;

const utcOffset: OffsetFn = () => 0;
// `0 -` rather than unary minus so a zero offset is +0, not -0.
const localOffset: OffsetFn = (ms) => 0 - new Date(ms).getTimezoneOffset() * MINUTE;

const UTC_NAMES = new Set(['utc', 'etc/utc', 'uct', 'etc/uct', 'zulu', 'etc/zulu', 'universal', 'etc/universal']);

/** Whether the setting means UTC itself (shown with a 'Z' suffix). */
export function isUtcZone(zone: ZoneSetting): boolean {
  return UTC_NAMES.has(zone.toLowerCase());
}

const ianaOffsets = new Map<string, OffsetFn>();

// Bucket and window computations ask for the same instants repeatedly (each boundary probes a day either side),
// so a small memo per zone halves the Intl calls. Cleared wholesale when full: simple and bounded.
const MEMO_LIMIT = 1024;

function ianaOffsetFn(name: string): OffsetFn {
  const cached = ianaOffsets.get(name);
  if (cached) return cached;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
  } catch {
    throw new RangeError(`Unknown time zone "${name}". Use "local", "utc" or an IANA name such as "Europe/Berlin".`);
  }
  const memo = new Map<number, number>();
  const fn: OffsetFn = (ms) => {
    const hit = memo.get(ms);
    if (hit !== undefined) return hit;
    const offset = parseGmtOffset(format.format(ms));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(ms, offset);
    return offset;
  };
  ianaOffsets.set(name, fn);
  return fn;
}

// 'longOffset' renders as "…, GMT+01:00", "…, GMT-03:30" or "…, GMT" (zero); historic zones may add seconds.
const GMT_OFFSET = /GMT(?:([+\-\u2212])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/;

function parseGmtOffset(text: string): number {
  const match = GMT_OFFSET.exec(text);
  if (!match) throw new RangeError(`Cannot read the time zone offset from "${text}"`);
  const [, sign, hours, minutes, seconds] = match;
  if (sign === undefined) return 0;
  const magnitude = (Number(hours) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000;
  return sign === '+' ? magnitude : -magnitude;
}

function offsetFunction(zone: ZoneSetting): OffsetFn {
  if (zone === 'local') return localOffset;
  if (isUtcZone(zone)) return utcOffset;
  return ianaOffsetFn(zone);
}

/** Whether `ms` is an instant a Date can represent, with a day of margin for zone offsets. */
export function isRepresentableInstant(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 - DAY;
}

/**
 * The zone's offset from UTC at instant `ms`, in ms (Berlin in winter: 3_600_000). NaN for an instant a Date
 * cannot represent. Throws a RangeError for an unknown zone name (check with isValidTimeZone first).
 */
export function zoneOffsetMs(ms: number, zone: ZoneSetting): number {
  const fn = offsetFunction(zone);
  return isRepresentableInstant(ms) ? fn(ms) : Number.NaN;
}

/** The zone's wall-clock reading at instant `ms`, encoded as UTC epoch ms. */
export function toWallMs(ms: number, zone: ZoneSetting): number {
  return ms + zoneOffsetMs(ms, zone);
}

/**
 * The instant at which the zone's clock reads `wall`. Follows Temporal's 'compatible' rule: a wall time that
 * occurs twice (clocks going back) gives the earlier instant; one skipped by clocks going forward is moved
 * forward by the length of the gap (02:30 on a spring-forward night in Berlin becomes 03:30 CEST).
 * Assumes at most one offset change within a day either side, which holds for every real zone.
 */
export function wallToInstant(wall: number, zone: ZoneSetting): number {
  if (!isRepresentableInstant(wall)) return Number.NaN;
  const offsetAt = offsetFunction(zone);
  const before = offsetAt(wall - DAY);
  const after = offsetAt(wall + DAY);
  if (before === after) return wall - before;
  const candidates: number[] = [];
  for (const offset of [before, after]) {
    if (offsetAt(wall - offset) === offset) candidates.push(wall - offset);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/** '+01:00', '-03:30', '+00:00'; seconds are added only for historic offsets that have them. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSeconds = Math.round(Math.abs(offsetMs) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const base = `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`;
  return seconds === 0 ? base : `${base}:${pad(seconds, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 year: four digits in 0000–9999, otherwise signed six digits (as Date#toISOString does). */
export function formatIsoYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return (year < 0 ? '-' : '+') + pad(Math.abs(year), 6);
}

/**
 * ISO 8601 with milliseconds and an explicit zone: '2026-11-25T21:27:34.123+01:00', or '…Z' when the setting
 * is UTC. Milliseconds are always shown: audit records are precise to the millisecond and two records in the
 * same second must stay distinguishable. Returns 'Invalid time' for a non-representable instant.
 */
export function formatIso(ms: number, zone: ZoneSetting): string {
  if (!isRepresentableInstant(ms)) return 'Invalid time';
  const offset = zoneOffsetMs(ms, zone);
  const wall = new Date(ms + offset);
  const date = `${formatIsoYear(wall.getUTCFullYear())}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}`;
  const time = `${pad(wall.getUTCHours(), 2)}:${pad(wall.getUTCMinutes(), 2)}:${pad(wall.getUTCSeconds(), 2)}.${pad(wall.getUTCMilliseconds(), 3)}`;
  return `${date}T${time}${isUtcZone(zone) ? 'Z' : formatOffset(offset)}`;
}

let localName: { tz: string | undefined; name: string } | undefined;

/** The IANA name of the process's zone (follows changes of process.env.TZ). */
export function localZoneName(): string {
  // Building an Intl.DateTimeFormat costs tens of microseconds; labels ask for this once per record.
  const tz = process.env.TZ;
  if (localName === undefined || localName.tz !== tz) {
    localName = { tz, name: new Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time' };
  }
  return localName.name;
}

/** A short name for the zone, for labels and tooltips: 'UTC', 'Europe/Berlin' (for 'local' too). */
export function zoneLabel(zone: ZoneSetting): string {
  if (zone === 'local') return localZoneName();
  if (isUtcZone(zone)) return 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** Whether `name` is a usable zone setting: 'local', 'utc' or an IANA name this runtime knows. */
export function isValidTimeZone(name: string): boolean {
  if (name === 'local' || isUtcZone(name)) return true;
  if (name.trim() === '' || name !== name.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
