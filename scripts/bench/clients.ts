// The extension's own client, and a bare undici request, both aimed at a benchmark simulator.
import { Agent, request, type Dispatcher } from 'undici';
import { AuditClient, createDispatcher } from '../../src/api';
import type { SimProcess } from './simProcess';

/** An AuditClient as the extension builds it (its own dispatcher, no proxy from the environment). */
export function benchClient(sim: Pick<SimProcess, 'url' | 'email' | 'token'>): AuditClient {
  return new AuditClient({
    siteUrl: sim.url,
    deployment: 'cloud',
    credentials: { kind: 'basic', email: sim.email, token: sim.token },
    dispatcher: createDispatcher({ env: {} }),
  });
}

export function basicAuth(sim: Pick<SimProcess, 'email' | 'token'>): string {
  return `Basic ${Buffer.from(`${sim.email}:${sim.token}`).toString('base64')}`;
}

/** One GET with undici and nothing else: the body is read to its end and dropped. Returns its size. */
export async function bareGet(dispatcher: Dispatcher, url: string, authorization: string): Promise<number> {
  const res = await request(url, { dispatcher, headers: { authorization, accept: 'application/json' } });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new Error(`GET ${url} answered ${res.statusCode}`);
  }
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Buffer).length;
  return bytes;
}

/** One GET with undici, the body decoded as text. */
export async function bareText(dispatcher: Dispatcher, url: string, authorization: string): Promise<string> {
  const res = await request(url, { dispatcher, headers: { authorization, accept: 'application/json' } });
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new Error(`GET ${url} answered ${res.statusCode}`);
  }
  return res.body.text();
}

export function bareAgent(): Agent {
  return new Agent();
}
