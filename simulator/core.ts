// The simulator's state shared by every request: data, accounts, faults, retention, request log.
import type { IncomingMessage } from 'node:http';
import type { AuditRecord, AuditRecordCreate, RetentionPeriod } from '../src/api/types';
import type { Accounts } from './accounts';
import type { CoverageArea, CoverageLevel } from './dc/coverage';
import type { SeededData } from './data/generate';
import type { Faults } from './faults';
import type { TokenBucket } from './ratelimit';
import { parseRecordCreate, toAuditRecord } from './records';
import type { AuditStore } from './store';
import { periodStart } from './time';

export interface RequestLogEntry {
  method: string;
  /** Path and query, as the request line had them. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Epoch ms (wall clock) when the request arrived. */
  time: number;
  /** Status sent, once the response is over; undefined when the connection was dropped first. */
  status?: number;
  /** Who the request authenticated as ('anonymous' for Data Center's silent anonymous). */
  user?: string;
}

export interface SimulatorStats {
  /** Rows written by exports so far (all exports together). */
  exportRowsWritten: number;
  /** Times an export had to wait for the client to read (backpressure). */
  exportDrainWaits: number;
}

export interface CoreParts {
  seeded: SeededData;
  store: AuditStore;
  accounts: Accounts;
  faults: Faults;
  cloudId: string;
  now: () => number;
  maxPageSize: number;
  redirects: Record<string, string>;
  bucket?: TokenBucket;
  retention: RetentionPeriod;
  requireAtlassianToken: boolean;
  requestLogLimit: number;
  /** Data Center 7.5+ serves /rest/auditing/1.0; older ones only the legacy API. */
  advancedAuditing: boolean;
  dcCoverage: Record<CoverageArea, CoverageLevel>;
}

export class SimulatorCore {
  readonly requests: RequestLogEntry[] = [];
  readonly stats: SimulatorStats = { exportRowsWritten: 0, exportDrainWaits: 0 };
  readonly stopController = new AbortController();
  /** Set once the server listens: scheme, host and port. */
  siteUrl = '';
  /** Called when a request is over (the CLI logs it). */
  onRequestDone: ((entry: RequestLogEntry) => void) | undefined;
  private retention: RetentionPeriod;
  private liveInserted = 0;
  /** Advanced auditing's coverage levels (tests change them). */
  dcCoverage: Record<CoverageArea, CoverageLevel>;

  constructor(readonly parts: CoreParts) {
    this.retention = { ...parts.retention };
    this.dcCoverage = { ...parts.dcCoverage };
  }

  log(req: IncomingMessage): RequestLogEntry {
    const entry: RequestLogEntry = { method: req.method ?? 'GET', url: req.url ?? '/', headers: { ...req.headers }, time: Date.now() };
    this.requests.push(entry);
    if (this.requests.length > this.parts.requestLogLimit) {
      // Drop the oldest tenth at once, so a long benchmark does not grow the log without bound.
      this.requests.splice(0, Math.ceil(this.parts.requestLogLimit / 10));
    }
    return entry;
  }

  getRetention(): RetentionPeriod {
    return { ...this.retention };
  }

  /** Sets the period and deletes every record older than it (no validation: tests may set anything). */
  setRetention(p: RetentionPeriod): void {
    this.retention = { number: p.number, units: p.units };
    this.parts.store.purgeOlderThan(periodStart(this.parts.now(), p.number, p.units));
  }

  insert(records: AuditRecordCreate[]): AuditRecord[] {
    const now = this.parts.now();
    const created = records.map((r) => toAuditRecord(parseRecordCreate(r), now));
    this.parts.store.insert(created);
    return created.map((r) => structuredClone(r));
  }

  /** Records that "just happened", dated now (the insert-while-paging fault). */
  insertLive(count: number): void {
    const now = this.parts.now();
    const records = Array.from({ length: count }, () => this.parts.seeded.fresh(++this.liveInserted, now));
    this.parts.store.insert(records);
  }
}
