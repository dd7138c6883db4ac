// Simulator-with-organization + org client wiring for the org tests: keys tracked for the log
// check, a fake clock (no real waiting), the collecting log sink, dispatchers closed after each file.
import type { Simulator, SimulatorOptions } from '../../../../simulator';
import type { OrgSimulator, OrgSimulatorOptions } from '../../../../simulator/org';
import { createDispatcher } from '../../../../src/api';
import { OrgAuditClient, type OrgAuditClientOptions } from '../../../../src/api/org';
import { FakeClock } from '../helpers/fakeClock';
import { collectingLog, trackSecret } from '../helpers/logCollector';
import { SIM_NOW, startSim } from '../helpers/sim';

export { SIM_NOW };

export async function startOrgSim(org: OrgSimulatorOptions = {}, options: SimulatorOptions = {}): Promise<Simulator & { org: OrgSimulator }> {
  const sim = await startSim({ records: 300, ...options, org });
  if (sim.org === undefined) {
    throw new Error('the simulator was started without its organization');
  }
  trackSecret(sim.org.key, sim.org.expiredKey, sim.org.nonGuardKey);
  return sim as Simulator & { org: OrgSimulator };
}

export interface OrgTestClient {
  client: OrgAuditClient;
  clock: FakeClock;
  log: ReturnType<typeof collectingLog>;
}

const open: Array<{ close(): Promise<void> }> = [];

export function orgClientFor(org: OrgSimulator, overrides: Partial<OrgAuditClientOptions> = {}): OrgTestClient {
  const clock = new FakeClock(SIM_NOW);
  const log = collectingLog();
  const dispatcher = overrides.dispatcher ?? createDispatcher({ env: {}, connectTimeoutMs: 2000 });
  if (overrides.dispatcher === undefined) {
    open.push(dispatcher);
  }
  const client = new OrgAuditClient({
    apiKey: org.key,
    baseUrl: org.url,
    clock,
    log,
    timeouts: { connectMs: 2000, headersMs: 3000, bodyMs: 3000 },
    ...overrides,
    dispatcher,
  });
  open.push(client);
  return { client, clock, log };
}

export async function closeOrgClients(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}
