// Checks a window spec before it is stored or sent, with reasons a user understands.
import { isValidTimeZone, wallToInstant, type ZoneSetting } from './timeZone';
import { PRESETS, RELATIVE_UNITS, type RelativeUnit, type TimeWindowSpec } from './windowSpec';
import { DAY_MS, wallFrom } from './wallCalendar';

export type ValidationResult = { ok: true } | { ok: false; reason: string };

const OK: ValidationResult = { ok: true };

function fail(reason: string): ValidationResult {
  return { ok: false, reason };
}

/** The largest amount per unit that stays within 10 years (a year counted as 365.25 days). */
export const MAX_RELATIVE_AMOUNT: Readonly<Record<RelativeUnit, number>> = {
  minutes: 5_259_600,
  hours: 87_660,
  days: 3_652,
  weeks: 521,
  months: 120,
  years: 10,
};

export const FUTURE_ALLOWANCE_MS = DAY_MS;

export function validateRelative(amount: number, unit: RelativeUnit): ValidationResult {
  if (!RELATIVE_UNITS.includes(unit)) return fail(`"${String(unit)}" is not a unit; use minutes, hours, days, weeks, months or years.`);
  if (!Number.isFinite(amount)) return fail('Enter a number, for example 90m, 36h or 10d.');
  if (!Number.isInteger(amount)) return fail('Use a whole number, for example 90m instead of 1.5h.');
  if (amount < 1) return fail('The amount must be at least 1.');
  const max = MAX_RELATIVE_AMOUNT[unit];
  if (amount > max) {
    return fail(unit === 'years' ? 'A window can reach back at most 10 years.' : `A window can reach back at most 10 years (${max.toLocaleString('en-US')} ${unit}).`);
  }
  return OK;
}

/** The earliest start a window may have: 2000-01-01 in `zone`. */
function earliestStart(zone: ZoneSetting): number {
  return wallToInstant(wallFrom(2000, 1, 1), zone);
}

/**
 * Whether a spec can be resolved and queried: presets must exist; relative amounts are whole, positive and at
 * most 10 years; absolute ranges run forwards, start on or after 2000-01-01 (in their zone) and end no more
 * than a day after `now`; a window since an instant starts on or after 2000-01-01 (UTC) and before `now`.
 */
export function validateWindowSpec(spec: TimeWindowSpec, now: number): ValidationResult {
  switch (spec.kind) {
    case 'preset':
      return PRESETS.some((p) => p.id === spec.id) ? OK : fail(`Unknown preset "${String(spec.id)}".`);
    case 'relative':
      return validateRelative(spec.amount, spec.unit);
    case 'absolute': {
      if (!Number.isFinite(spec.start)) return fail('The start is not a valid date and time.');
      if (!Number.isFinite(spec.end)) return fail('The end is not a valid date and time.');
      if (!isValidTimeZone(spec.zone)) return fail(`Unknown time zone "${spec.zone}".`);
      if (spec.end === spec.start) return fail('The start and end are the same moment; the end must be after the start.');
      if (spec.end < spec.start) return fail('The end is before the start; swap them.');
      if (spec.start < earliestStart(spec.zone)) return fail('The start must be on or after 2000-01-01.');
      if (Number.isFinite(now) && spec.end > now + FUTURE_ALLOWANCE_MS) return fail('The end must be no more than one day in the future.');
      return OK;
    }
    case 'since':
      if (!Number.isFinite(spec.start)) return fail('The start is not a valid date and time.');
      if (spec.start < earliestStart('utc')) return fail('The start must be on or after 2000-01-01.');
      // The window ends now: a start still to come would make it run backwards.
      if (Number.isFinite(now) && spec.start >= now) return fail('The start is in the future; a window since it would hold nothing yet.');
      return OK;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Structural check for specs read back from storage (shape only; use validateWindowSpec for the rules). */
export function isTimeWindowSpec(value: unknown): value is TimeWindowSpec {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'preset':
      return PRESETS.some((p) => p.id === value.id);
    case 'relative':
      return typeof value.amount === 'number' && RELATIVE_UNITS.includes(value.unit as RelativeUnit);
    case 'absolute':
      return typeof value.start === 'number' && typeof value.end === 'number' && typeof value.zone === 'string';
    case 'since':
      return typeof value.start === 'number';
    default:
      return false;
  }
}
