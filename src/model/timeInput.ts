// Parses what a user types into an input box: a date and time, or a relative amount such as '90m'.
import { isValidTimeZone, wallToInstant, type ZoneSetting } from './timeZone';
import type { RelativeSpec, RelativeUnit, SinceSpec } from './windowSpec';
import { validateRelative, validateWindowSpec } from './windowValidation';
import { daysInMonth, wallFrom } from './wallCalendar';

export interface InputError {
  error: string;
}

const DATE_TIME = new RegExp(
  '^(\\d{4})-(\\d{2})-(\\d{2})' +
    '(?:(?:T|\\s+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?' +
    '\\s*(Z|[+\\-\\u2212]\\d{2}(?::?\\d{2})?)?)?$',
  'i',
);

const FORMAT_HINT = 'Use a date like 2026-11-24 or 2026-11-24 13:00, optionally ending in Z or an offset such as +01:00.';

const MAX_OFFSET_MINUTES = 18 * 60;

function parseOffsetMinutes(text: string): number | InputError {
  if (text.toUpperCase() === 'Z') return 0;
  const sign = text.startsWith('+') ? 1 : -1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (minutes > 59) return { error: 'The minutes of an offset go up to 59.' };
  const total = hours * 60 + minutes;
  if (total > MAX_OFFSET_MINUTES) return { error: 'An offset must be between -18:00 and +18:00.' };
  return sign * total;
}

/**
 * Epoch ms for '2026-11-24 13:00', '2026-11-24T13:00:00.5', '2026-11-24' (midnight) and the like. An explicit
 * 'Z' or offset wins; otherwise the time is read in `zone`. A time that happens twice when clocks go back
 * means the first one; a time skipped when clocks go forward is moved forward by the gap.
 */
export function parseDateTimeInput(text: string, zone: ZoneSetting): number | InputError {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `Enter a date. ${FORMAT_HINT}` };
  const match = DATE_TIME.exec(trimmed);
  if (!match) return { error: `This is not a date and time we can read. ${FORMAT_HINT}` };
  const [, y, mo, d, h, mi, s, fraction, offsetText] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return { error: `${y}-${mo}-${d} is not a date: months go from 01 to 12.` };
  if (day < 1 || day > daysInMonth(year, month)) return { error: `${y}-${mo}-${d} is not a date: that month has ${daysInMonth(year, month)} days.` };
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return { error: 'Hours go up to 23, minutes and seconds up to 59.' };
  const millisecond = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  const wall = wallFrom(year, month, day, hour, minute, second, millisecond);
  if (offsetText !== undefined) {
    const offset = parseOffsetMinutes(offsetText.replace('\u2212', '-'));
    if (typeof offset !== 'number') return offset;
    return wall - offset * 60_000;
  }
  if (!isValidTimeZone(zone)) return { error: `Unknown time zone "${zone}".` };
  return wallToInstant(wall, zone);
}

const UNIT_GROUPS: ReadonlyArray<readonly [RelativeUnit, readonly string[]]> = [
  ['minutes', ['m', 'min', 'mins', 'minute', 'minutes']],
  ['hours', ['h', 'hr', 'hrs', 'hour', 'hours']],
  ['days', ['d', 'day', 'days']],
  ['weeks', ['w', 'wk', 'wks', 'week', 'weeks']],
  ['months', ['mo', 'mon', 'mos', 'month', 'months']],
  ['years', ['y', 'yr', 'yrs', 'year', 'years']],
];

// A Map, not an object literal, so that words such as 'constructor' are not found on the prototype.
const UNIT_WORDS = new Map<string, RelativeUnit>(UNIT_GROUPS.flatMap(([unit, words]) => words.map((w) => [w, unit] as const)));

const RELATIVE = /^(?:last\s+)?(\d+(?:[.,]\d+)?)\s*([a-z]+)$/i;

const RELATIVE_HINT = 'Use an amount and a unit, for example 90m, 36h, 10d, 2w, 3mo, 1y or "15 minutes" (m is minutes, mo is months).';

/** A relative window from '90m', '36h', '10d', '2w', '3mo', '1y', '15 minutes', 'last 2 hours'. */
export function parseRelativeInput(text: string): RelativeSpec | InputError {
  const match = RELATIVE.exec(text.trim());
  if (!match) return { error: RELATIVE_HINT };
  const [, amountText, unitText] = match;
  const unit = UNIT_WORDS.get(unitText.toLowerCase());
  if (unit === undefined) return { error: `"${unitText}" is not a unit. ${RELATIVE_HINT}` };
  const amount = Number(amountText.replace(',', '.'));
  const result = validateRelative(amount, unit);
  if (!result.ok) return { error: result.reason };
  return { kind: 'relative', amount, unit };
}

const WINDOW_HINT = 'Type "last 24h", "last 7 days", "last 3 months" or "since 2026-11-01T09:00Z".';

/**
 * A window that ends now, as typed for a saved query: 'last 24h', 'last 7 days', 'last hour', '36h' (relative
 * to now), or 'since 2026-11-01T09:00Z' (a fixed start; without Z or an offset the time is read in `zone`).
 */
export function parseWindowInput(text: string, zone: ZoneSetting, now: number): RelativeSpec | SinceSpec | InputError {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `Enter a time window. ${WINDOW_HINT}` };
  const since = /^since\b\s*(.*)$/i.exec(trimmed);
  if (since) {
    if (since[1] === '') return { error: 'Say since when, e.g. "since 2026-11-01T09:00Z".' };
    const start = parseDateTimeInput(since[1], zone);
    if (typeof start !== 'number') return { error: `After "since": ${start.error}` };
    const spec: SinceSpec = { kind: 'since', start };
    const verdict = validateWindowSpec(spec, now);
    return verdict.ok ? spec : { error: verdict.reason };
  }
  // 'last hour', 'last day': one of the unit.
  const single = /^last\s+([a-z]+)$/i.exec(trimmed);
  const relative = parseRelativeInput(single ? `1 ${single[1]}` : trimmed);
  if (!isInputError(relative)) return relative;
  // A date alone is most likely a start without its "since".
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return { error: `To start at a date, write "since ${trimmed}". ${WINDOW_HINT}` };
  return /^(last\b|\d)/i.test(trimmed) ? relative : { error: `This is not a time window we can read. ${WINDOW_HINT}` };
}

export function isInputError(value: unknown): value is InputError {
  return typeof value === 'object' && value !== null && typeof (value as InputError).error === 'string';
}
