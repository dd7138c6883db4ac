// The pivot between a Confluence site's log and an organization's log, in either direction: read the
// other source's ±15 minutes around a record and keep what has the same actor (account id) or the same
// address. Either source's records have the Cloud record's shape, so one function serves both ways.
// No vscode import.
import { correlates, correlationWindow, pivotFromRecord, type Pivot } from '../../api/org';
import type { AuditRecord } from '../../api/types';
import type { SourcedRecord } from '../../model/sourceFields';
import type { AuditSource, SourceNotice, SourceWindow } from '../source';

/** Pages read at most: a pivot reads a short window; a busier one is cut off and says so. */
const MAX_PAGES = 20;
const PAGE_SIZE = 200;

export type AroundResult =
  | { ok: true; window: SourceWindow; matches: SourcedRecord[]; complete: boolean }
  | { ok: false; notices: SourceNotice[] };

export function pivotOf(record: AuditRecord): Pivot {
  return pivotFromRecord(record);
}

/** Whether the record says who or where: without either, nothing can correlate. */
export function canPivot(p: Pivot): boolean {
  return p.accountId !== undefined || p.ip !== undefined;
}

/** The records of `source` within ±15 minutes of `pivot` that share its actor or address, oldest first. */
export async function recordsAround(source: AuditSource, pivot: Pivot, signal?: AbortSignal): Promise<AroundResult> {
  const access = await source.open();
  if (!access.ok) return access;
  const { from, to } = correlationWindow(pivot);
  const window: SourceWindow = { kind: 'range', startDate: from, endDate: to };
  const pager = access.reader.pager(window, { pageSize: PAGE_SIZE });
  const matches: SourcedRecord[] = [];
  for (let pages = 0; pages < MAX_PAGES && !pager.done; pages++) {
    const page = await pager.next(signal);
    if (page.length === 0) break;
    for (const r of page) if (correlates(pivotFromRecord(r), pivot)) matches.push(r);
  }
  matches.sort((a, b) => a.creationDate - b.creationDate);
  return { ok: true, window, matches, complete: pager.done };
}

/** Why a record matched, in words: "same actor", "same IP address", or both. */
export function matchReason(candidate: AuditRecord, pivot: Pivot): string {
  const c = pivotFromRecord(candidate);
  const reasons: string[] = [];
  if (pivot.accountId !== undefined && c.accountId === pivot.accountId) reasons.push('same actor');
  if (pivot.ip !== undefined && c.ip !== undefined && c.ip.trim().toLowerCase() === pivot.ip.trim().toLowerCase()) reasons.push('same IP address');
  return reasons.join(' and ');
}
