// Record queries and their pinning to an absolute window.
import { AuditError } from './errors';
import type { PinnedWindow } from './pager';
import { sinceStart } from './since';
import type { SinceUnit } from './types';

export type RecordQuery =
  | { kind: 'range'; startDate: number; endDate: number; searchString?: string }
  | { kind: 'since'; number: number; units: SinceUnit; searchString?: string };

function epoch(v: number, name: string): number {
  if (!Number.isSafeInteger(v) || v < 0) {
    throw new AuditError('badRequest', `${name} must be a time in epoch milliseconds, not ${v}.`, { retryable: false });
  }
  return v;
}

/** A 'since' query becomes [now - period, now], fixed from here on. */
export function pinWindow(q: RecordQuery, now: number): PinnedWindow {
  const search = q.searchString !== undefined && q.searchString !== '' ? { searchString: q.searchString } : {};
  if (q.kind === 'since') {
    return { startDate: sinceStart(q.number, q.units, now), endDate: now, ...search };
  }
  const startDate = epoch(q.startDate, 'The start of the time window');
  const endDate = epoch(q.endDate, 'The end of the time window');
  if (startDate > endDate) {
    throw new AuditError('badRequest', 'The time window ends before it starts.', { retryable: false });
  }
  return { startDate, endDate, ...search };
}
