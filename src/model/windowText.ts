// Labels and tooltips for time windows (plain text).
import { formatIso, toWallMs, zoneLabel, type ZoneSetting } from './timeZone';
import { isCalendarPreset } from './windowResolve';
import { presetLabel, type RelativeUnit, type TimeRange, type TimeWindowSpec, type UntilNowSpec } from './windowSpec';
import { formatWallCompact } from './wallCalendar';

const SINGULAR: Record<RelativeUnit, string> = {
  minutes: 'minute',
  hours: 'hour',
  days: 'day',
  weeks: 'week',
  months: 'month',
  years: 'year',
};

/** 'Last 7 days', 'Last 90 minutes', 'Last hour', '2026-11-01 00:00 → 2026-11-02 00:00 (UTC)', 'Since 2026-11-01 09:00 (UTC)'. */
export function describeWindow(spec: TimeWindowSpec, zone: ZoneSetting): string {
  switch (spec.kind) {
    case 'preset':
      return presetLabel(spec.id);
    case 'relative':
      return spec.amount === 1 ? `Last ${SINGULAR[spec.unit]}` : `Last ${spec.amount} ${spec.unit}`;
    case 'absolute':
      // Shown in the display zone, like the buckets under it, so the tree reads consistently.
      return `${formatWallCompact(toWallMs(spec.start, zone))} → ${formatWallCompact(toWallMs(spec.end, zone))} (${zoneLabel(zone)})`;
    case 'since':
      return `Since ${formatWallCompact(toWallMs(spec.start, zone))} (${zoneLabel(zone)})`;
  }
}

function ruleText(spec: TimeWindowSpec, zone: ZoneSetting): string {
  switch (spec.kind) {
    case 'preset':
      if (!isCalendarPreset(spec.id)) return `Rolling: the ${presetLabel(spec.id).toLowerCase()} up to now.`;
      if (spec.id === 'last-7-days' || spec.id === 'last-30-days') {
        const days = spec.id === 'last-7-days' ? 7 : 30;
        return `${days} calendar days in ${zoneLabel(zone)}, today included: from midnight ${days - 1} days ago up to now, so today is partial.`;
      }
      return `Whole calendar days in ${zoneLabel(zone)}: from midnight after the same date ${spec.id === 'last-year' ? 'a year' : '3 months'} ago up to now, so today is partial.`;
    case 'relative':
      return `Rolling: the ${describeWindow(spec, zone).toLowerCase()} up to now, counted in ${zoneLabel(zone)}.`;
    case 'absolute':
      return 'A fixed range.';
    case 'since':
      return 'A fixed start, up to now.';
  }
}

/** A multi-line plain-text tooltip: the label, the exact bounds and the rule that produced them. */
export function windowTooltip(spec: TimeWindowSpec, range: TimeRange, zone: ZoneSetting): string {
  return [
    describeWindow(spec, zone),
    `From: ${formatIso(range.start, zone)}`,
    `To:   ${formatIso(range.end, zone)}${spec.kind === 'absolute' ? '' : ' (now)'}`,
    ruleText(spec, zone),
    'Both ends are included.',
  ].join('\n');
}

/**
 * The window as a user types it ('last 24 hours', 'since 2026-11-01T09:00Z'), for an input box to start
 * from; parseWindowInput reads it back. A preset reads back as the relative window of the same length.
 */
export function windowInputText(spec: UntilNowSpec): string {
  switch (spec.kind) {
    case 'preset':
      return presetLabel(spec.id).toLowerCase();
    case 'relative':
      return `last ${spec.amount} ${spec.amount === 1 ? SINGULAR[spec.unit] : spec.unit}`;
    case 'since':
      // UTC, without the seconds and milliseconds when they are zero: '2026-11-01T09:00Z'.
      return `since ${new Date(spec.start).toISOString().replace(/(:00)?\.000Z$/, 'Z')}`;
  }
}
