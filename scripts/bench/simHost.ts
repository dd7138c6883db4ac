// Child process that runs one simulator for the benchmark, so the server's work happens on another core
// than the client being measured. Started by simProcess.ts with fork(); options come in an environment
// variable, queries (request log, fault counts) and "stop" arrive as IPC messages.
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { SIM_OPTIONS_ENV, type HostReply, type HostRequest, type SimHostOptions } from './simProtocol';

function send(message: HostReply): void {
  process.send?.(message);
}

function answer(sim: Simulator, request: HostRequest): HostReply {
  switch (request.kind) {
    case 'requests':
      return {
        kind: 'requests',
        id: request.id,
        requests: sim.requests.map((r) => ({ method: r.method, url: r.url, time: r.time, status: r.status })),
      };
    case 'counts':
      return { kind: 'counts', id: request.id, counts: { ...sim.faults.counts } };
    case 'clearRequests':
      sim.requests.length = 0;
      return { kind: 'done', id: request.id };
    case 'rangeSize':
      return { kind: 'rangeSize', id: request.id, size: sim.recordsInRange(request.startDate, request.endDate).length };
  }
}

async function main(): Promise<void> {
  const raw = process.env[SIM_OPTIONS_ENV];
  if (raw === undefined) throw new Error(`${SIM_OPTIONS_ENV} is not set`);
  const { fixedNow, ...rest } = JSON.parse(raw) as SimHostOptions;
  const options: SimulatorOptions = fixedNow === undefined ? rest : { ...rest, now: () => fixedNow };
  const sim = await startSimulator(options);
  process.on('message', (message: HostRequest | { kind: 'stop' }) => {
    if (message.kind === 'stop') {
      void sim.stop().then(() => process.exit(0));
      return;
    }
    send(answer(sim, message));
  });
  // Without a parent the simulator must not outlive the benchmark.
  process.on('disconnect', () => void sim.stop().then(() => process.exit(0)));
  send({ kind: 'ready', url: sim.url, email: sim.admin.email, token: sim.admin.apiToken, pat: sim.admin.pat });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench simulator: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
