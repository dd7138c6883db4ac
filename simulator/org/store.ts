// The organization's events: seeded plus inserted, kept in processing order (the poll API's order)
// and, rebuilt on change, newest first by time (the query API's order).
import type { StoredOrgEvent } from './event';
import type { SearchFilters } from './cursor';

export interface StreamSlice {
  events: StoredOrgEvent[];
  /** More events matching after the last one. */
  more: boolean;
}

function inWindow(e: StoredOrgEvent, from: number | undefined, to: number | undefined): boolean {
  return (from === undefined || e.time >= from) && (to === undefined || e.time <= to);
}

function newestFirst(a: StoredOrgEvent, b: StoredOrgEvent): number {
  return b.time - a.time || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export class OrgEventStore {
  /** Index = seq. */
  private readonly bySeq: StoredOrgEvent[];
  private byTime: StoredOrgEvent[] | undefined;

  constructor(seeded: StoredOrgEvent[]) {
    this.bySeq = [...seeded];
  }

  get size(): number {
    return this.bySeq.length;
  }

  /** Appends in processing order: processedAt never goes back, seq is the next one. */
  append(draft: Omit<StoredOrgEvent, 'seq' | 'processedAt'>, now: number): StoredOrgEvent {
    const last = this.bySeq[this.bySeq.length - 1];
    const event = { ...draft, seq: this.bySeq.length, processedAt: Math.max(now, last?.processedAt ?? now) };
    this.bySeq.push(event);
    this.byTime = undefined;
    return event;
  }

  /** Events of the window after (asc) or before (desc) position `afterSeq`, at most `limit`. */
  stream(q: { from?: number; to?: number; order: 'asc' | 'desc'; afterSeq?: number; limit: number }): StreamSlice {
    const events: StoredOrgEvent[] = [];
    const asc = q.order === 'asc';
    let i = q.afterSeq === undefined ? (asc ? 0 : this.bySeq.length - 1) : asc ? q.afterSeq + 1 : q.afterSeq - 1;
    for (; i >= 0 && i < this.bySeq.length; i += asc ? 1 : -1) {
      const e = this.bySeq[i];
      if (!inWindow(e, q.from, q.to)) {
        continue;
      }
      if (events.length === q.limit) {
        return { events, more: true };
      }
      events.push(e);
    }
    return { events, more: false };
  }

  /** The query API: newest first, filtered, after the keyset position (time, id). */
  search(f: SearchFilters, after: { time: number; id: string } | undefined, limit: number): StreamSlice {
    this.byTime ??= [...this.bySeq].sort(newestFirst);
    const q = f.q?.toLowerCase();
    const events: StoredOrgEvent[] = [];
    for (const e of this.byTime) {
      if (after !== undefined && (e.time > after.time || (e.time === after.time && e.id >= after.id))) {
        continue;
      }
      if (!inWindow(e, f.from, f.to) || (f.action !== undefined && e.action !== f.action)) {
        continue;
      }
      if (f.actors.length > 0 && !f.actors.includes(e.actor.id) && !f.actors.includes(e.actor.email)) {
        continue;
      }
      if (f.ips.length > 0 && (e.location === undefined || !f.ips.includes(e.location.ip))) {
        continue;
      }
      if (q !== undefined && !searchable(e).some((s) => s.toLowerCase().includes(q))) {
        continue;
      }
      if (events.length === limit) {
        return { events, more: true };
      }
      events.push(e);
    }
    return { events, more: false };
  }

  /** Every event, in processing order. */
  all(): StoredOrgEvent[] {
    return [...this.bySeq];
  }
}

/** What `q` matches: action, actor, address, place, message and the context's values. */
function searchable(e: StoredOrgEvent): string[] {
  const out = [e.action, e.actor.id, e.actor.name, e.actor.email, e.message.content];
  if (e.actor.auth !== undefined) {
    out.push(e.actor.auth.tokenLabel);
  }
  if (e.location !== undefined) {
    out.push(e.location.ip, e.location.city, e.location.countryName);
  }
  for (const c of e.context) {
    out.push(c.id, ...Object.values(c.attributes));
  }
  return out;
}
