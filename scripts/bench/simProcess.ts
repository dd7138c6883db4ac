// Starts the benchmark's simulator in its own process (simHost.ts) and talks to it over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SIM_OPTIONS_ENV, type HostQuery, type HostReply, type LoggedRequest, type SimHostOptions } from './simProtocol';

export interface SimProcess {
  url: string;
  email: string;
  token: string;
  /** The admin's personal access token (Data Center face). */
  pat: string;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  faultCounts(): Promise<Record<string, number>>;
  rangeSize(startDate: number, endDate: number): Promise<number>;
  stop(): Promise<void>;
}

type Pending = (reply: HostReply) => void;

export async function startSimProcess(options: SimHostOptions): Promise<SimProcess> {
  const child: ChildProcess = fork(path.join(__dirname, 'simHost.js'), [], {
    env: { ...process.env, [SIM_OPTIONS_ENV]: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<Extract<HostReply, { kind: 'ready' }>>((resolve, reject) => {
    child.on('message', (message: HostReply) => {
      if (message.kind === 'ready') {
        resolve(message);
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      waiter?.(message);
    });
    void exited.then((code) => reject(new Error(`the simulator process exited (code ${code}) before it was ready`)));
  });

  const ask = (request: HostQuery): Promise<HostReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ ...request, id }, (error) => {
        if (error) {
          pending.delete(id);
          reject(error);
        }
      });
    });

  return {
    url: ready.url,
    email: ready.email,
    token: ready.token,
    pat: ready.pat,
    requests: async () => {
      const reply = await ask({ kind: 'requests' });
      return reply.kind === 'requests' ? reply.requests : [];
    },
    clearRequests: async () => {
      await ask({ kind: 'clearRequests' });
    },
    faultCounts: async () => {
      const reply = await ask({ kind: 'counts' });
      return reply.kind === 'counts' ? reply.counts : {};
    },
    rangeSize: async (startDate, endDate) => {
      const reply = await ask({ kind: 'rangeSize', startDate, endDate });
      if (reply.kind !== 'rangeSize') throw new Error('unexpected reply from the simulator process');
      return reply.size;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ kind: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
