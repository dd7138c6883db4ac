// What the extension has learnt about one Data Center site this session: which audit API it offers,
// its coverage, and the values its loaded events named. Kept by the site list (sources are rebuilt on
// every look-up) and forgotten when the site changes (a new token may see another API).
import type { DcAuditApi, DcCoverage } from '../../api/dc';
import { SeenValues } from './seenValues';

/** Coverage is configuration an admin rarely changes; read again after this long. */
export const COVERAGE_MAX_AGE_MS = 5 * 60_000;

export class DcSiteState {
  api: DcAuditApi | undefined;
  coverage: DcCoverage | undefined;
  coverageReadAt: number | undefined;
  readonly seen = new SeenValues();

  coverageIsStale(now: number): boolean {
    return this.coverageReadAt === undefined || now - this.coverageReadAt > COVERAGE_MAX_AGE_MS;
  }
}

export class DcSiteStates {
  private readonly states = new Map<string, DcSiteState>();

  get(siteId: string): DcSiteState {
    let state = this.states.get(siteId);
    if (!state) {
      state = new DcSiteState();
      this.states.set(siteId, state);
    }
    return state;
  }

  /** Forgets what the sites (every site when undefined) offer, where `stale` says so; seen values stay. */
  forget(siteId: string | undefined, stale: (siteId: string) => boolean): void {
    for (const [id, state] of this.states) {
      if ((siteId === undefined || id === siteId) && stale(id)) {
        state.api = undefined;
        state.coverage = undefined;
        state.coverageReadAt = undefined;
      }
    }
  }
}
