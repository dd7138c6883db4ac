// A local Confluence audit API for tests, demos and benchmarks: startSimulator() listens on
// 127.0.0.1 and serves the Cloud site (/wiki), Data Center (/confluence) and the API gateway
// (/ex/confluence/<cloudId>/wiki) faces of the audit API. See simulator/README.md.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { AuditRecord, AuditRecordCreate, RetentionPeriod } from '../src/api/types';
import { createAccounts, type SimulatorAccount } from './accounts';
import { SimulatorCore, type RequestLogEntry, type SimulatorStats } from './core';
import { SeededData } from './data/generate';
import { Faults, type FaultConfig, type FaultController } from './faults';
import type { Mount } from './mount';
import { createOrgSimulator, type OrgSimulator, type OrgSimulatorOptions } from './org';
import { Prng, hash32 } from './prng';
import { TokenBucket } from './ratelimit';
import { requestListener } from './server';
import { AuditStore } from './store';
import { COVERAGE_AREAS, type CoverageArea, type CoverageLevel } from './dc/coverage';

export type { SimulatorAccount } from './accounts';
export type { RequestLogEntry, SimulatorStats } from './core';
export type { FaultConfig, FaultController, OneShotFault } from './faults';
export { CSV_HEADER, EXPORT_COLUMNS, csvRow, type ExportColumn } from './csv';
export { DATA_CENTER_CSV_HEADER, DATA_CENTER_HEADINGS, dataCenterCsvRow, dataCenterExportFileName } from './dataCenterCsv';
export { periodStart, retentionProblem } from './time';
export { searchableValues } from './search';
export { HOSTILE_STRINGS, HUGE_VALUE } from './data/hostile';
export type { OrgEventInsert, OrgLimits, OrgMember, OrgSimulator, OrgSimulatorOptions, StoredOrgEvent } from './org';

export interface SimulatorOptions {
  host?: string;              // default '127.0.0.1'
  port?: number;              // default 0 (free port)
  records?: number;           // default 5000
  seed?: number;              // default 1
  periodDays?: number;        // default 90: creationDates spread over [anchor - periodDays, anchor]
  anchor?: number;            // epoch ms of the newest possible record; default now() at start
  now?: () => number;         // server clock (for /since, POST default date, retention purge); default Date.now
  maxPageSize?: number;       // default 1000
  tls?: { key: string | Buffer; cert: string | Buffer };
  lenientShapes?: boolean;    // default false
  faults?: FaultConfig;       // initial faults
  rateLimit?: { requestsPerSecond: number; burst: number };
  redirects?: Record<string, string>;
  /** Initial retention period (not applied to the seeded data); default 1 YEARS. */
  retention?: RetentionPeriod;
  /** Refuse POST/PUT without `X-Atlassian-Token: no-check` (403 "XSRF check failed"); default false. */
  requireAtlassianToken?: boolean;
  /** Most request log entries kept (oldest dropped first); default 10000. */
  requestLogLimit?: number;
  /** Data Center advanced auditing (/rest/auditing/1.0) on the /confluence face; default true. */
  advancedAuditing?: boolean;
  /** Advanced auditing coverage per area; default BASE everywhere. */
  dcCoverage?: Partial<Record<CoverageArea, CoverageLevel>>;
  /** Also serve an Atlassian organization (admin API, /admin/v1) whose events mirror the site's; see simulator/README.md. */
  org?: boolean | OrgSimulatorOptions;
}

export interface Simulator {
  readonly url: string;            // e.g. 'http://127.0.0.1:43123' (Cloud API under url + '/wiki/rest/api/audit')
  readonly dataCenterUrl: string;  // url + '/confluence'
  /** url + '/ex/confluence/' + cloudId: the API gateway's base for scoped tokens (add '/wiki/rest/api/audit'). */
  readonly gatewayUrl: string;
  readonly cloudId: string;
  readonly admin: SimulatorAccount;
  readonly nonAdmin: SimulatorAccount;
  readonly faults: FaultController;
  readonly requests: RequestLogEntry[];   // {method, url (path+query), headers, time, status?, user?}
  readonly stats: SimulatorStats;
  stop(): Promise<void>;           // closes server and all sockets
  /** Every record currently stored, newest first (as the API returns them). */
  allRecords(): AuditRecord[];
  /** Exactly what a complete query would return: inclusive bounds, optional searchString, newest first. */
  recordsInRange(startDate: number, endDate: number, searchString?: string): AuditRecord[];
  insert(records: AuditRecordCreate[]): AuditRecord[];   // at the head (creationDate default now())
  getRetention(): RetentionPeriod;
  setRetention(p: RetentionPeriod): void;
  /** Changes advanced auditing's coverage levels (areas not named keep theirs). */
  setDcCoverage(levels: Partial<Record<CoverageArea, CoverageLevel>>): void;
  /** Called with each finished request (the CLI logs them); undefined to stop. */
  onRequest: ((entry: RequestLogEntry) => void) | undefined;
  /** The organization API, when started with `org`. */
  readonly org: OrgSimulator | undefined;
}

const DAY_MS = 24 * 3600 * 1000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const records = options.records ?? 5000;
  if (!Number.isInteger(records) || records < 0) {
    throw new RangeError(`records must be a whole number, got ${records}`);
  }
  const anchor = options.anchor ?? now();
  const periodMs = (options.periodDays ?? 90) * DAY_MS;
  const seeded = new SeededData({ records, seed, anchor, periodMs });
  const faults = new Faults(options.faults);
  const accounts = createAccounts();
  const core = new SimulatorCore({
    seeded,
    store: new AuditStore(seeded, options.lenientShapes ?? false),
    accounts,
    faults,
    cloudId: new Prng(hash32(seed, 0xc1d)).uuid(),
    now,
    maxPageSize: options.maxPageSize ?? 1000,
    redirects: options.redirects ?? {},
    bucket: options.rateLimit ? new TokenBucket(options.rateLimit) : undefined,
    retention: options.retention ?? { number: 1, units: 'YEARS' },
    requireAtlassianToken: options.requireAtlassianToken ?? false,
    requestLogLimit: options.requestLogLimit ?? 10000,
    advancedAuditing: options.advancedAuditing ?? true,
    dcCoverage: { ...allAreasAt('BASE'), ...options.dcCoverage },
  });

  const org = options.org
    ? createOrgSimulator({ options: options.org === true ? {} : options.org, seed, seeded, anchor, periodMs, cloudId: core.parts.cloudId, now })
    : undefined;
  const mounts: Mount[] = org ? [org.mount] : [];
  const listener = requestListener(core, mounts);
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : createHttpServer(listener);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  core.siteUrl = url;
  org?.listening(url);

  let stopping: Promise<void> | undefined;
  const simulator: Simulator = {
    url,
    dataCenterUrl: `${url}/confluence`,
    gatewayUrl: `${url}/ex/confluence/${core.parts.cloudId}`,
    cloudId: core.parts.cloudId,
    admin: accounts.admin,
    nonAdmin: accounts.nonAdmin,
    faults,
    requests: core.requests,
    stats: core.stats,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        core.stopController.abort();
        server.close(() => resolve());
        for (const socket of sockets) {
          socket.destroy();
        }
      });
      return stopping;
    },
    allRecords: () => core.parts.store.records({ startDate: -Infinity, endDate: Infinity }),
    recordsInRange: (startDate, endDate, searchString) => core.parts.store.records({ startDate, endDate, search: searchString }),
    insert: (created) => core.insert(created),
    getRetention: () => core.getRetention(),
    setRetention: (p) => core.setRetention(p),
    setDcCoverage: (levels) => {
      core.dcCoverage = { ...core.dcCoverage, ...levels };
    },
    org: org?.org,
    get onRequest() {
      return core.onRequestDone;
    },
    set onRequest(callback) {
      core.onRequestDone = callback;
    },
  };
  return simulator;
}

function allAreasAt(level: CoverageLevel): Record<CoverageArea, CoverageLevel> {
  return Object.fromEntries(COVERAGE_AREAS.map((a) => [a, level])) as Record<CoverageArea, CoverageLevel>;
}
