// GET/PUT /rest/api/audit/retention. A PUT is validated (1 unit up to 1 year) and really deletes
// every record older than the new period.
import type { RetentionPeriod } from '../../src/api/types';
import { confluenceError, type JsonReply } from '../errors';
import { retentionProblem } from '../time';
import type { RouteContext } from './context';

export function getRetention(ctx: RouteContext): JsonReply {
  return { status: 200, body: ctx.retention.get() };
}

export function putRetention(ctx: RouteContext, body: unknown): JsonReply {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return confluenceError(400, 'The request body must be a retention period {number, units}.');
  }
  const candidate = body as { number?: unknown; units?: unknown };
  const problem = retentionProblem(ctx.now, { number: candidate.number, units: candidate.units });
  if (problem) {
    return confluenceError(400, problem, { key: 'audit.retention.period.invalid' });
  }
  const period = { number: candidate.number, units: candidate.units } as RetentionPeriod;
  ctx.retention.set(period);
  return { status: 200, body: period };
}
