// Multisets of record keys, for comparing what a pager returned with what the server held.
import { recordKey, type AuditRecord } from '../../../../src/api';

export type Multiset = Map<string, number>;

export function multiset(records: Iterable<AuditRecord>): Multiset {
  const m: Multiset = new Map();
  for (const r of records) {
    const k = recordKey(r);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

/** Per key, the smallest and largest count seen across snapshots of the server's window. */
export class CountBounds {
  readonly low: Multiset = new Map();
  readonly high: Multiset = new Map();
  private snapshots = 0;

  observe(snapshot: Multiset): void {
    const keys = new Set([...snapshot.keys(), ...this.low.keys(), ...this.high.keys()]);
    for (const k of keys) {
      const n = snapshot.get(k) ?? 0;
      this.low.set(k, this.snapshots === 0 ? n : Math.min(this.low.get(k) ?? 0, n));
      this.high.set(k, Math.max(this.high.get(k) ?? 0, n));
    }
    this.snapshots++;
  }

  /** Problems with `returned`: a record present throughout missing or short, or one returned more often than it ever existed. */
  violations(returned: Multiset): string[] {
    const out: string[] = [];
    for (const [k, low] of this.low) {
      if ((returned.get(k) ?? 0) < low) {
        out.push(`missing ${k.slice(0, 12)}: returned ${returned.get(k) ?? 0} of ${low} present throughout`);
      }
    }
    for (const [k, n] of returned) {
      const high = this.high.get(k) ?? 0;
      if (n > high) {
        out.push(`duplicate ${k.slice(0, 12)}: returned ${n}, at most ${high} ever in the window`);
      }
    }
    return out;
  }
}
