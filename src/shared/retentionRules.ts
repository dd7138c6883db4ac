// Rules for a retention period, shared by the webview form and the extension host (which checks again:
// the webview is not trusted). The spec documents a maximum of 1 year. Lengths follow Java's ChronoUnit
// durations (Confluence is a Java application): a month is 1/12 of a year, a year 365.2425 days. Those
// averages only bound what may be saved; where a period cuts the log is calendar arithmetic (retentionCutoff.ts).

import { RETENTION_UNITS, type RetentionPeriod, type RetentionUnit } from '../api/types';

const YEAR_SECONDS = 31_556_952;

/** Seconds per unit; FOREVER is infinite. */
const UNIT_SECONDS: Record<RetentionUnit, number> = {
  NANOS: 1e-9,
  MICROS: 1e-6,
  MILLIS: 1e-3,
  SECONDS: 1,
  MINUTES: 60,
  HOURS: 3_600,
  HALF_DAYS: 43_200,
  DAYS: 86_400,
  WEEKS: 604_800,
  MONTHS: YEAR_SECONDS / 12,
  YEARS: YEAR_SECONDS,
  DECADES: YEAR_SECONDS * 10,
  CENTURIES: YEAR_SECONDS * 100,
  MILLENNIA: YEAR_SECONDS * 1_000,
  ERAS: YEAR_SECONDS * 1e9,
  FOREVER: Number.POSITIVE_INFINITY,
};

const NAMES: Record<RetentionUnit, [singular: string, plural: string]> = {
  NANOS: ['nanosecond', 'nanoseconds'],
  MICROS: ['microsecond', 'microseconds'],
  MILLIS: ['millisecond', 'milliseconds'],
  SECONDS: ['second', 'seconds'],
  MINUTES: ['minute', 'minutes'],
  HOURS: ['hour', 'hours'],
  HALF_DAYS: ['half-day', 'half-days'],
  DAYS: ['day', 'days'],
  WEEKS: ['week', 'weeks'],
  MONTHS: ['month', 'months'],
  YEARS: ['year', 'years'],
  DECADES: ['decade', 'decades'],
  CENTURIES: ['century', 'centuries'],
  MILLENNIA: ['millennium', 'millennia'],
  ERAS: ['era', 'eras'],
  FOREVER: ['forever', 'forever'],
};

/** The documented maximum retention: 1 year. */
export const MAX_RETENTION: RetentionPeriod = { number: 1, units: 'YEARS' };
export const MAX_RETENTION_SECONDS = YEAR_SECONDS;
/** RetentionPeriod.number is an int32. */
export const MAX_RETENTION_NUMBER = 2 ** 31 - 1;

/** Units the form offers, in the spec's order, with a readable label. */
export const RETENTION_UNIT_OPTIONS: readonly { value: RetentionUnit; label: string }[] = RETENTION_UNITS.map((u) => ({
  value: u,
  label: u === 'FOREVER' ? 'Forever' : capitalise(NAMES[u][1]),
}));

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function isRetentionUnit(value: unknown): value is RetentionUnit {
  return typeof value === 'string' && (RETENTION_UNITS as readonly string[]).includes(value);
}

export function periodSeconds(p: RetentionPeriod): number {
  return p.number * UNIT_SECONDS[p.units];
}

/** Length in ms (Infinity for FOREVER); months and years by their average length. */
export function periodMs(p: RetentionPeriod): number {
  return periodSeconds(p) * 1000;
}

/** "30 days", "1 year", "forever". */
export function describePeriod(p: RetentionPeriod): string {
  if (p.units === 'FOREVER') return 'forever';
  const [singular, plural] = NAMES[p.units];
  return `${p.number} ${p.number === 1 ? singular : plural}`;
}

export function samePeriod(a: RetentionPeriod, b: RetentionPeriod): boolean {
  return a.number === b.number && a.units === b.units;
}

/** Why a period may not be saved, or undefined when it may. The host and the webview both apply it. */
export function retentionProblem(p: RetentionPeriod): string | undefined {
  if (!isRetentionUnit(p.units)) return 'Choose a unit from the list.';
  if (!Number.isSafeInteger(p.number) || p.number < 1) return 'Enter a positive whole number.';
  if (p.number > MAX_RETENTION_NUMBER) return `Enter a number of at most ${MAX_RETENTION_NUMBER}.`;
  if (periodSeconds(p) > MAX_RETENTION_SECONDS) {
    return `${capitalise(describePeriod(p))} is longer than the maximum Confluence documents (1 year).`;
  }
  return undefined;
}

export type ParsedRetention = { ok: true; period: RetentionPeriod } | { ok: false; field: 'number' | 'units'; message: string };

/** Reads the form's raw text: digits only (no signs, decimals, exponents or spaces inside). */
export function parseRetentionInput(numberText: string, unitsText: string): ParsedRetention {
  if (!isRetentionUnit(unitsText)) return { ok: false, field: 'units', message: 'Choose a unit from the list.' };
  const trimmed = numberText.trim();
  if (trimmed === '') return { ok: false, field: 'number', message: 'Enter how many units to keep records for.' };
  if (!/^\d{1,10}$/.test(trimmed)) return { ok: false, field: 'number', message: 'Enter a positive whole number (digits only).' };
  const period: RetentionPeriod = { number: Number(trimmed), units: unitsText };
  const problem = retentionProblem(period);
  if (problem) return { ok: false, field: 'number', message: problem };
  return { ok: true, period };
}
