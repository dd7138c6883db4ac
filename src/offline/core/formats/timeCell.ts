// Reads a time written in a cell or field of a file we did not write: epoch milliseconds or seconds, ISO 8601
// with a zone, or a wall-clock time ("2023-11-14 23:15:00", as Data Center exports write it) in a named zone.
import { isValidTimeZone, wallToInstant } from '../../../model/timeZone';
import { wallFrom } from '../../../model/wallCalendar';
import { FormatProblem, preview } from '../../../exportFile/format/formatProblem';

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

export const TIME_FORMATS_EXPECTED = 'epoch milliseconds, ISO 8601 with a zone, or "yyyy-MM-dd HH:mm:ss" with a time zone column';

/**
 * The instant a time cell states. `zone` is the IANA zone (or "UTC") of a wall-clock time; without one a
 * wall-clock time is refused rather than guessed.
 */
export function instantOf(raw: string, zone: string | undefined, what: string): number {
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
    const instant = wallToInstant(wallFrom(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), ms), zoneName);
    if (Number.isFinite(instant)) return instant;
  }
  throw new FormatProblem(`${what} is not a time (${TIME_FORMATS_EXPECTED} was expected): ${preview(raw)}`);
}
