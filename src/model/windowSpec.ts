// The kinds of time window: the presets shown under every site, custom relative or absolute windows, and
// windows from a fixed start up to now (a saved query's "since 2026-11-01T09:00Z").
import type { ZoneSetting } from './timeZone';

export type PresetId = 'last-hour' | 'last-24-hours' | 'last-7-days' | 'last-30-days' | 'last-3-months' | 'last-year';

export const PRESETS: ReadonlyArray<{ readonly id: PresetId; readonly label: string }> = [
  { id: 'last-hour', label: 'Last hour' },
  { id: 'last-24-hours', label: 'Last 24 hours' },
  { id: 'last-7-days', label: 'Last 7 days' },
  { id: 'last-30-days', label: 'Last 30 days' },
  { id: 'last-3-months', label: 'Last 3 months' },
  { id: 'last-year', label: 'Last year' },
];

export const RELATIVE_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type RelativeUnit = (typeof RELATIVE_UNITS)[number];

export interface PresetSpec {
  kind: 'preset';
  id: PresetId;
}

export interface RelativeSpec {
  kind: 'relative';
  amount: number;
  unit: RelativeUnit;
}

export interface AbsoluteSpec {
  kind: 'absolute';
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, inclusive. */
  end: number;
  /** The zone the user entered the times in. */
  zone: ZoneSetting;
}

/** From a fixed instant up to now: the start stays, the end moves with every resolution. */
export interface SinceSpec {
  kind: 'since';
  /** Epoch ms, inclusive. */
  start: number;
}

export type TimeWindowSpec = PresetSpec | RelativeSpec | AbsoluteSpec | SinceSpec;

/** The windows that end now, whenever they are resolved: what a saved query keeps. */
export type UntilNowSpec = PresetSpec | RelativeSpec | SinceSpec;

/** A window as stored per site; the server-side search string is kept apart from the time spec. */
export interface WindowDefinition {
  id: string;
  spec: TimeWindowSpec;
  searchString?: string;
  label?: string;
  /** A saved query's window: the query (its canonical text) its records must match besides the view's. */
  query?: string;
}

/** Inclusive epoch-ms bounds, as the audit API's startDate/endDate take them. */
export interface TimeRange {
  start: number;
  end: number;
}

export function presetLabel(id: PresetId): string {
  return PRESETS.find((p) => p.id === id)?.label ?? id;
}
