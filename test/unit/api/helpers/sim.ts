// Simulator + client wiring shared by the api tests: secrets tracked for the log check, a fake
// clock (no real waiting), the collecting log sink, and dispatchers closed after each file.
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../../simulator';
import { AuditClient, createDispatcher, type AuditClientOptions, type Credentials } from '../../../../src/api';
import { FakeClock } from './fakeClock';
import { collectingLog, trackBasic, trackSecret } from './logCollector';

/** The simulator's (frozen) clock and the fake clock's start: windows pinned by clients match the data. */
export const SIM_NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

export async function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ records: 300, seed: 7, anchor: SIM_NOW, now: () => SIM_NOW, ...options });
  for (const account of [sim.admin, sim.nonAdmin]) {
    trackBasic(account.email, account.apiToken);
    trackBasic(account.username, account.apiToken);
    trackSecret(account.pat);
  }
  return sim;
}

export type Face = 'cloud' | 'datacenter' | 'scoped';

export function credentialsFor(sim: Simulator, face: Face, who: 'admin' | 'nonAdmin' = 'admin'): Credentials {
  const account = sim[who];
  switch (face) {
    case 'cloud':
      return { kind: 'basic', email: account.email, token: account.apiToken };
    case 'datacenter':
      return { kind: 'bearer', token: account.pat };
    case 'scoped':
      return { kind: 'scoped', email: account.email, token: account.apiToken };
  }
}

export interface TestClient {
  client: AuditClient;
  clock: FakeClock;
  log: ReturnType<typeof collectingLog>;
}

const open: Array<{ close(): Promise<void> }> = [];

export function clientFor(sim: Simulator, face: Face = 'cloud', overrides: Partial<AuditClientOptions> = {}): TestClient {
  const clock = new FakeClock(SIM_NOW);
  const log = collectingLog();
  const dispatcher = overrides.dispatcher ?? createDispatcher({ env: {}, connectTimeoutMs: 2000 });
  if (overrides.dispatcher === undefined) {
    open.push(dispatcher);
  }
  const client = new AuditClient({
    siteUrl: face === 'datacenter' ? sim.dataCenterUrl : sim.url,
    deployment: face === 'datacenter' ? 'datacenter' : 'cloud',
    credentials: credentialsFor(sim, face),
    gatewayUrl: sim.url,
    clock,
    log,
    timeouts: { connectMs: 2000, headersMs: 3000, bodyMs: 3000 },
    ...overrides,
    dispatcher,
  });
  open.push(client);
  return { client, clock, log };
}

/** Closes every client made by clientFor and the dispatchers made for them (call in after()). */
export async function closeClients(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}
