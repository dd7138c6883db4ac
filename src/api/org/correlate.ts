// The pivot between the Confluence site log and the organization log: events of the same actor
// (account id) or from the same address within ±15 minutes. The poll API has no "actor OR ip"
// filter, so the pivot reads the short window and filters here, which also spares the query API's
// 10-requests-a-minute budget.
import type { AuditRecord } from '../types';
import type { OrgEvent } from './types';

export const CORRELATION_SPAN_MS = 15 * 60_000;

export interface Pivot {
  time: number;
  accountId?: string;
  ip?: string;
}

export function pivotFromRecord(r: AuditRecord): Pivot {
  return withoutEmpty({ time: r.creationDate, accountId: r.author.accountId ?? undefined, ip: r.remoteAddress });
}

export function pivotFromOrgEvent(e: OrgEvent): Pivot {
  return withoutEmpty({ time: e.time, accountId: e.actor.id, ip: e.location?.ip });
}

/** The window to read around the pivot, both ends inclusive. */
export function correlationWindow(p: Pivot, spanMs = CORRELATION_SPAN_MS): { from: number; to: number } {
  return { from: Math.max(0, p.time - spanMs), to: p.time + spanMs };
}

/** Same actor or same address, and within the span. */
export function correlates(candidate: Pivot, p: Pivot, spanMs = CORRELATION_SPAN_MS): boolean {
  if (Math.abs(candidate.time - p.time) > spanMs) {
    return false;
  }
  const sameActor = p.accountId !== undefined && candidate.accountId === p.accountId;
  const sameIp = p.ip !== undefined && candidate.ip !== undefined && sameAddress(candidate.ip, p.ip);
  return sameActor || sameIp;
}

/** Addresses as text: case and surrounding space do not matter (IPv6 hex digits). */
function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function withoutEmpty(p: Pivot): Pivot {
  return {
    time: p.time,
    ...(p.accountId !== undefined && p.accountId !== '' ? { accountId: p.accountId } : {}),
    ...(p.ip !== undefined && p.ip.trim() !== '' ? { ip: p.ip } : {}),
  };
}
