// GET /rest/api/audit (absolute, inclusive range) and GET /rest/api/audit/since (back from now).
import { SINCE_UNITS, type SinceUnit } from '../../src/api/types';
import type { JsonReply } from '../errors';
import { periodStart } from '../time';
import type { RouteContext } from './context';
import { pageFor } from './page';
import { BadRequest, epochMs } from './params';

export function getAudit(ctx: RouteContext): JsonReply {
  const startDate = epochMs(ctx.query, 'startDate') ?? -Infinity;
  const endDate = epochMs(ctx.query, 'endDate') ?? Infinity;
  return { status: 200, body: pageFor(ctx, { startDate, endDate, search: ctx.query.get('searchString') ?? '' }) };
}

export function getSince(ctx: RouteContext): JsonReply {
  const { startDate, endDate } = sinceRange(ctx.query, ctx.now);
  return { status: 200, body: pageFor(ctx, { startDate, endDate, search: ctx.query.get('searchString') ?? '' }) };
}

/** /since covers [now - number units, now]; default 3 MONTHS. */
export function sinceRange(query: URLSearchParams, now: number): { startDate: number; endDate: number } {
  const rawNumber = query.get('number');
  const rawUnits = query.get('units');
  let number = 3;
  if (rawNumber !== null && rawNumber !== '') {
    if (!/^\d{1,19}$/.test(rawNumber.trim())) {
      throw new BadRequest(`number must be a whole number of at least 0, got '${rawNumber}'.`);
    }
    number = Number(rawNumber.trim());
  }
  const units = rawUnits === null || rawUnits === '' ? 'MONTHS' : rawUnits;
  if (!(SINCE_UNITS as readonly string[]).includes(units)) {
    throw new BadRequest(`units must be one of ${SINCE_UNITS.join(', ')}, got '${units}'.`);
  }
  return { startDate: periodStart(now, number, units as SinceUnit), endDate: now };
}
