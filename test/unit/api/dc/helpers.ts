// A Data Center advanced auditing client against the simulator, with the shared fake clock and log.
import type { Simulator } from '../../../../simulator';
import { createDispatcher } from '../../../../src/api';
import { DcAuditingClient, parseDcEvent, type DcAuditEvent, type DcAuditingClientOptions } from '../../../../src/api/dc';
import { toDcEvent } from '../../../../simulator/dc/eventShape';
import type { AuditRecord } from '../../../../src/api/types';
import { FakeClock } from '../helpers/fakeClock';
import { collectingLog } from '../helpers/logCollector';
import { SIM_NOW } from '../helpers/sim';

const open: Array<{ close(): Promise<void> }> = [];

export function dcClientFor(sim: Simulator, overrides: Partial<DcAuditingClientOptions> = {}): { client: DcAuditingClient; clock: FakeClock; log: ReturnType<typeof collectingLog> } {
  const clock = new FakeClock(SIM_NOW);
  const log = collectingLog();
  const dispatcher = createDispatcher({ env: {}, connectTimeoutMs: 2000 });
  open.push(dispatcher);
  const client = new DcAuditingClient({
    siteUrl: sim.dataCenterUrl,
    credentials: { kind: 'bearer', token: sim.admin.pat },
    clock,
    log,
    timeouts: { connectMs: 2000, headersMs: 3000, bodyMs: 3000 },
    dispatcher,
    ...overrides,
  });
  open.push(client);
  return { client, clock, log };
}

export async function closeDcClients(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}

/** What the simulator holds, as the client parses it (for comparing with what a pager returned). */
export function asEvents(sim: Simulator, records: AuditRecord[]): DcAuditEvent[] {
  return records.map((r) => parseDcEvent(JSON.parse(JSON.stringify(toDcEvent(r, sim.dataCenterUrl))) as unknown));
}

/** An event's identity for multisets: everything it says. */
export function eventKey(e: DcAuditEvent): string {
  return JSON.stringify([e.time, e.author, e.category, e.action, e.affectedObjects, e.changedValues, e.source, e.method, e.extraAttributes]);
}
