// Sign Out against work in flight (issue 10 items 2 and 3): a sign-out landing at any step of building a
// client or of paging must leave no client holding the deleted token, and nothing may send that token
// once the sign-out has finished. A scheduler runs the sign-out after 0, 1, 2, ... event-loop turns, so
// it lands at every await of the client's build and of the paging in turn.
import * as assert from 'node:assert/strict';
import { Agent, type Dispatcher } from 'undici';
import type { Simulator } from '../../../simulator';
import { AuditClient, type AuditClientOptions } from '../../../src/api';
import type { SiteConfig } from '../../../src/sites/siteConfig';
import { SiteClients } from '../../../src/sites/siteClients';
import { SIM_NOW, startSim } from '../api/helpers/sim';

/** Records who sent what from the client's side, so a request in flight is judged by when it was sent. */
class RecordingAgent extends Agent {
  readonly sent: { afterSignOut: boolean; authorized: boolean }[] = [];
  signedOut = false;

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const headers = (options.headers ?? {}) as Record<string, string>;
    this.sent.push({ afterSignOut: this.signedOut, authorized: typeof headers.authorization === 'string' });
    return super.dispatch(options, handler);
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Harness {
  clients: SiteClients;
  agent: RecordingAgent;
  signOut(): Promise<void>;
}

function harness(sim: Simulator, site: SiteConfig): Harness {
  const tokens = new Map([[site.id, sim.admin.apiToken]]);
  const agent = new RecordingAgent();
  const clients: SiteClients = new SiteClients({
    // SecretStorage answers asynchronously, a turn later.
    token: async (id) => {
      await turn();
      return tokens.get(id);
    },
    build: async (s, token, lifetime?: AbortSignal) => {
      // The first client of a session waits for the dispatcher, which reads CA files: several turns.
      for (let i = 0; i < 4; i++) await turn();
      const options: AuditClientOptions & { lifetime?: AbortSignal } = {
        siteUrl: s.url,
        deployment: 'cloud',
        credentials: { kind: 'basic', email: sim.admin.email, token },
        dispatcher: agent,
        timeouts: { connectMs: 2000, headersMs: 3000, bodyMs: 3000 },
        lifetime,
      };
      return new AuditClient(options);
    },
  });
  return {
    clients,
    agent,
    signOut: async () => {
      await clients.revoke(site.id, async () => {
        await turn();
        tokens.delete(site.id);
        // VS Code's SecretStorage change event arrives a turn later; SiteSessions forgets the site then.
        setImmediate(() => clients.forget(site.id));
      });
      agent.signedOut = true;
    },
  };
}

/** Pages through every record of the simulator, 10 at a time (30 requests), as a retention count does. */
async function pageEverything(clients: SiteClients, site: SiteConfig): Promise<void> {
  const client = await clients.get(site);
  if (!client) return;
  for await (const _record of client.records({ kind: 'range', startDate: 0, endDate: SIM_NOW }, { pageSize: 10 })) {
    // counting
  }
}

describe('site clients and Sign Out', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let site: SiteConfig;

  before(async () => {
    sim = await startSim({ records: 300 });
    site = { id: 'site-0001', url: sim.url, deployment: 'cloud', authKind: 'basic', email: sim.admin.email, label: 'Simulator' };
  });

  after(async () => {
    await sim.stop();
  });

  it('item 2: a sign-out landing while the client is built leaves no client holding the deleted token', async () => {
    for (let k = 0; k < 8; k++) {
      const h = harness(sim, site);
      const building = h.clients.get(site).catch(() => undefined);
      for (let i = 0; i < k; i++) await turn();
      await h.signOut();
      await building;
      for (let i = 0; i < 3; i++) await turn(); // let late events land
      const next = await h.clients.get(site);
      if (next) await next.getRetention().catch(() => undefined);
      assert.ok(next === undefined, `sign-out after ${k} turns: a client holding the deleted token is still cached`);
      assert.deepEqual(h.agent.sent.filter((s) => s.afterSignOut), [], `sign-out after ${k} turns: a request went out afterwards`);
      await h.agent.close();
    }
  });

  it('item 3: whenever the sign-out lands, no request carries the old token after it finished', async () => {
    for (let k = 0; k < 60; k += 1) {
      const h = harness(sim, site);
      const work = pageEverything(h.clients, site).then(
        () => 'finished',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      for (let i = 0; i < k; i++) await turn();
      await h.signOut();
      const outcome = await work;
      const late = h.agent.sent.filter((s) => s.afterSignOut && s.authorized).length;
      assert.equal(late, 0, `sign-out after ${k} turns: ${late} requests with the old token afterwards (work ${outcome})`);
      await h.agent.close();
    }
  });
});
