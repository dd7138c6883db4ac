// Reads a time written in a cell or field of a file we did not write: epoch milliseconds or seconds, ISO 8601
// with a zone, or a wall-clock time ("2023-11-14 23:15:00", as Data Center exports write it) in a named zone.
import { isUtcZone, isValidTimeZone, wallToInstant, zoneOffsetMs } from '../../../model/timeZone';
import { wallFrom } from '../../../model/wallCalendar';
import { FormatProblem, preview } from '../../../exportFile/format/formatProblem';
import { civilMillis, digits } from '../isoTime';

const EPOCH_MS = /^-?\d{12,16}$/;
const EPOCH_SECONDS = /^\d{9,11}(\.\d{1,9})?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const WALL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/** Zone names already checked (a file names one or two zones on a million rows; checking builds an Intl formatter). */
const checkedZones = new Map<string, boolean>();

function knownZone(name: string): boolean {
  let known = checkedZones.get(name);
  if (known === undefined) {
    known = isValidTimeZone(name);
    if (checkedZones.size < 1000) checkedZones.set(name, known);
  }
  return known;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Per zone, the offset of each wall-clock hour that lies a day or more from any offset change. */
const steadyHours = new Map<string, Map<number, number>>();

/**
 * The instant of a wall time in a known zone, as wallToInstant gives it, without asking Intl for every row:
 * an hour whose offset is the same a day before and a day after (4 probes) takes that offset for all its
 * times, which is what wallToInstant computes for each of them.
 */
function zonedInstant(wall: number, zone: string): number {
  if (isUtcZone(zone)) return wall;
  // The process's zone may change (TZ): not remembered.
  if (zone === 'local') return wallToInstant(wall, zone);
  let hours = steadyHours.get(zone);
  if (!hours) {
    if (steadyHours.size >= 100) steadyHours.clear();
    hours = new Map();
    steadyHours.set(zone, hours);
  }
  const hour = Math.floor(wall / HOUR) * HOUR;
  let offset = hours.get(hour);
  if (offset === undefined) {
    const probes = [hour - DAY, hour + HOUR - DAY, hour + DAY, hour + HOUR + DAY].map((ms) => zoneOffsetMs(ms, zone));
    if (!probes.every((p) => p === probes[0]) || Number.isNaN(probes[0])) return wallToInstant(wall, zone);
    offset = probes[0];
    if (hours.size >= 100_000) hours.clear();
    hours.set(hour, offset);
  }
  return wall - offset;
}

/**
 * "yyyy-MM-dd HH:mm:ss" (or with a T), as Data Center writes every row, each field in its range, read without
 * regular expressions; NaN for anything else (which the general path then reads, or refuses with its message).
 */
function plainWallTime(text: string): number {
  if (text.length !== 19) return NaN;
  const c = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (c !== 32 && c !== 84) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  // Years before 100 and fields out of range are left to wallFrom, whose overflow rules the general path keeps.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  return civilMillis(year, month, day, hour, minute, second, 0);
}

interface ZoneCell {
  raw: string;
  name: string;
  known: boolean;
  utc: boolean;
}

let lastZone: ZoneCell | undefined;

/** A row's zone cell, trimmed and checked, remembered while rows repeat it. */
function zoneOf(raw: string): ZoneCell {
  if (lastZone?.raw !== raw) {
    const name = raw.trim();
    const known = name !== '' && knownZone(name);
    lastZone = { raw, name, known, utc: known && isUtcZone(name) };
  }
  return lastZone;
}

export const TIME_FORMATS_EXPECTED = 'epoch milliseconds, ISO 8601 with a zone, or "yyyy-MM-dd HH:mm:ss" with a time zone column';

/**
 * The instant a time cell states. `zone` is the IANA zone (or "UTC") of a wall-clock time; without one a
 * wall-clock time is refused rather than guessed.
 */
export function instantOf(raw: string, zone: string | undefined, what: string): number {
  if (zone !== undefined) {
    const wall = plainWallTime(raw);
    const cell = Number.isNaN(wall) ? undefined : zoneOf(zone);
    if (cell?.utc) return wall;
    if (cell?.known) return zonedInstant(wall, cell.name);
  }
  const text = raw.trim();
  if (EPOCH_MS.test(text)) return Number(text);
  if (EPOCH_SECONDS.test(text)) return Math.round(Number(text) * 1000);
  if (ISO_WITH_ZONE.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    if (Number.isFinite(ms)) return ms;
  }
  const wall = WALL.exec(text);
  if (wall) {
    const zoneName = (zone ?? '').trim();
    if (zoneName === '') throw new FormatProblem(`${what} ${preview(raw)} has no time zone (the file names none)`);
    if (!knownZone(zoneName)) throw new FormatProblem(`${what} is in the time zone ${preview(zoneName)}, which is not a known zone name`);
    const [, y, mo, d, h, mi, s, frac] = wall;
    const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
    const instant = zonedInstant(wallFrom(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), ms), zoneName);
    if (Number.isFinite(instant)) return instant;
  }
  throw new FormatProblem(`${what} is not a time (${TIME_FORMATS_EXPECTED} was expected): ${preview(raw)}`);
}
