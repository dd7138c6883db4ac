// Labels and tooltips for time windows (plain text).
import { formatIso, toWallMs, zoneLabel, type ZoneSetting } from './timeZone';
import { isCalendarPreset } from './windowResolve';
import { presetLabel, type RelativeUnit, type TimeRange, type TimeWindowSpec } from './windowSpec';
import { formatWallCompact } from './wallCalendar';

const SINGULAR: Record<RelativeUnit, string> = {
  minutes: 'minute',
  hours: 'hour',
  days: 'day',
  weeks: 'week',
  months: 'month',
  years: 'year',
};

/** 'Last 7 days', 'Last 90 minutes', 'Last hour', '2026-11-01 00:00 → 2026-11-02 00:00 (UTC)'. */
export function describeWindow(spec: TimeWindowSpec, zone: ZoneSetting): string {
  switch (spec.kind) {
    case 'preset':
      return presetLabel(spec.id);
    case 'relative':
      return spec.amount === 1 ? `Last ${SINGULAR[spec.unit]}` : `Last ${spec.amount} ${spec.unit}`;
    case 'absolute':
      // Shown in the display zone, like the buckets under it, so the tree reads consistently.
      return `${formatWallCompact(toWallMs(spec.start, zone))} → ${formatWallCompact(toWallMs(spec.end, zone))} (${zoneLabel(zone)})`;
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
