// Every operation against the simulator, on each face: Cloud (Basic), Data Center (Bearer) and the
// API gateway (scoped token, cloudId discovered or given).
import * as assert from 'node:assert/strict';
import Papa from 'papaparse';
import { Writable } from 'node:stream';
import { unzipSync, strFromU8 } from 'fflate';
import type { Simulator } from '../../../simulator';
import { AuditClient, createDispatcher, detectDeployment, discoverCloudId, AuditError, recordKey } from '../../../src/api';
import { collectingLog } from './helpers/logCollector';
import { startPlainServer, type PlainServer } from './helpers/plainServer';
import { clientFor, closeClients, startSim, type Face } from './helpers/sim';

class Collect extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(chunk);
    cb();
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function header(sim: Simulator, index: number, name: string): string | undefined {
  const v = sim.requests[index]?.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

describe('api operations against the simulator', () => {
  let sim: Simulator;
  let html: PlainServer;
  before(async () => {
    sim = await startSim({ records: 300, seed: 21 });
    html = await startPlainServer();
  });
  after(async () => {
    await closeClients();
    await Promise.all([sim.stop(), html.stop()]);
  });
  beforeEach(() => {
    sim.faults.clear();
    sim.requests.length = 0;
  });

  for (const face of ['cloud', 'datacenter', 'scoped'] as Face[]) {
    describe(`${face}`, () => {
      it('getRecords: a range page equal to the server, with the right auth scheme', async () => {
        const all = sim.allRecords();
        const startDate = all[150].creationDate;
        const endDate = all[20].creationDate;
        const { client } = clientFor(sim, face);
        const page = await client.getRecords({ startDate, endDate, limit: 50, start: 5 });
        const expected = sim.recordsInRange(startDate, endDate).slice(5, 55);
        assert.deepEqual(page.results.map(recordKey), expected.map(recordKey));
        assert.equal(page.limit, 50);
        assert.equal(page.start, 5);
        const auth = sim.requests.map((r) => r.headers.authorization).find((a) => a !== undefined);
        assert.match(String(auth), face === 'datacenter' ? /^Bearer / : /^Basic /);
        const last = sim.requests[sim.requests.length - 1];
        assert.match(last.url, face === 'cloud' ? /^\/wiki\/rest\/api\/audit\?/ : face === 'datacenter' ? /^\/confluence\/rest\/api\/audit\?/ : new RegExp(`^/ex/confluence/${sim.cloudId}/wiki/rest/api/audit\\?`));
      });

      it('getRecordsSince: the server-side /since', async () => {
        const { client } = clientFor(sim, face);
        const page = await client.getRecordsSince({ number: 1, units: 'YEARS', limit: 10 });
        assert.equal(page.results.length, 10);
        assert.deepEqual(page.results.map(recordKey), sim.allRecords().slice(0, 10).map(recordKey));
        assert.match(sim.requests[sim.requests.length - 1].url, /\/audit\/since\?number=1&units=YEARS&limit=10$/);
      });

      it('records(): every record of the window exactly once', async () => {
        const { client } = clientFor(sim, face);
        const all = sim.allRecords();
        const window = { kind: 'range' as const, startDate: all[all.length - 1].creationDate, endDate: all[0].creationDate };
        const got: string[] = [];
        for await (const r of client.records(window, { pageSize: 64 })) {
          got.push(recordKey(r));
        }
        assert.deepEqual(got, all.map(recordKey));
      });

      it('retention: get, set (with X-Atlassian-Token), read back', async () => {
        const { client } = clientFor(sim, face);
        const before = await client.getRetention();
        const result = await client.setRetention({ number: 2, units: 'YEARS' === before.units ? 'MONTHS' : 'YEARS' }).catch((e: unknown) => e);
        // 2 YEARS is above the documented maximum; the simulator refuses it with 400.
        if (result instanceof AuditError) {
          assert.equal(result.kind, 'badRequest');
          assert.match(result.message, /400/);
        }
        sim.requests.length = 0;
        const set = await client.setRetention({ number: 11, units: 'MONTHS' });
        assert.deepEqual(set, { stored: { number: 11, units: 'MONTHS' }, confirmedByRead: false });
        assert.deepEqual(await client.getRetention(), { number: 11, units: 'MONTHS' });
        const put = sim.requests.findIndex((r) => r.method === 'PUT');
        assert.equal(header(sim, put, 'x-atlassian-token'), 'no-check');
        assert.equal(header(sim, put, 'content-type'), 'application/json');
        sim.setRetention({ number: 1, units: 'YEARS' });
      });

      it('createRecord: POST once with X-Atlassian-Token, record at the head', async () => {
        const { client } = clientFor(sim, face);
        const created = await client.createRecord({ remoteAddress: '198.51.100.4', summary: `made on ${face}`, category: 'Test', creationDate: sim.allRecords()[0].creationDate + 1 });
        assert.equal(created.summary, `made on ${face}`);
        assert.equal(recordKey(sim.allRecords()[0]), recordKey(created));
        const posts = sim.requests.filter((r) => r.method === 'POST');
        assert.equal(posts.length, 1);
        assert.equal(posts[0].headers['x-atlassian-token'], 'no-check');
      });

      it('exportTo: streams CSV and ZIP into the sink, reporting progress', async () => {
        const { client } = clientFor(sim, face);
        const csv = new Collect();
        const progress: number[] = [];
        const res = await client.exportTo({ format: 'csv', searchString: 'space' }, csv, { onProgress: (b) => progress.push(b) });
        assert.match(res.contentType, /^text\/csv/);
        assert.equal(res.bytes, Buffer.concat(csv.chunks).length);
        assert.equal(progress[progress.length - 1], res.bytes);
        // Data Center's cells hold CRLF-joined lines: count rows, not lines.
        const rows = Papa.parse<string[]>(csv.text, { skipEmptyLines: true }).data;
        assert.equal(rows.length - 1, sim.recordsInRange(-Infinity, Infinity, 'space').length);
        const zip = new Collect();
        const z = await client.exportTo({ format: 'zip' }, zip);
        if (face === 'datacenter') {
          // Data Center ignores format=zip: its CSV, named as it names it.
          assert.match(z.contentType, /^text\/csv/);
          assert.match(z.fileName ?? '', /^Auditing Export \d{4}-.*\.csv$/);
          return;
        }
        assert.equal(z.contentType, 'application/zip');
        const files = unzipSync(new Uint8Array(Buffer.concat(zip.chunks)));
        const names = Object.keys(files);
        assert.equal(names.length, 1);
        assert.equal(strFromU8(files[names[0]]).trim().split('\n').length - 1, sim.allRecords().length);
      });

      it('checkConnection: deployment, apiBase and (Data Center) the user name', async () => {
        const { client } = clientFor(sim, face);
        const info = await client.checkConnection();
        assert.equal(info.deployment, face === 'datacenter' ? 'datacenter' : 'cloud');
        assert.equal(info.apiBase, face === 'cloud' ? `${sim.url}/wiki/rest/api` : face === 'datacenter' ? `${sim.dataCenterUrl}/rest/api` : `${sim.url}/ex/confluence/${sim.cloudId}/wiki/rest/api`);
        assert.equal(info.username, face === 'datacenter' ? sim.admin.username : undefined);
        assert.match(sim.requests[sim.requests.length - 1].url, /\/audit\?limit=1$/);
      });
    });
  }

  it('scoped: discovers the cloudId once; a given cloudId needs no discovery', async () => {
    const { client } = clientFor(sim, 'scoped');
    assert.equal(client.apiBase, '');
    await client.getRetention();
    await client.getRetention();
    assert.equal(client.cloudId, sim.cloudId);
    assert.equal(sim.requests.filter((r) => r.url === '/_edge/tenant_info').length, 1);
    assert.equal(sim.requests.filter((r) => r.url === '/_edge/tenant_info')[0].headers.authorization, undefined);
    sim.requests.length = 0;
    const given = clientFor(sim, 'scoped', { credentials: { kind: 'scoped', email: sim.admin.email, token: sim.admin.apiToken, cloudId: sim.cloudId } }).client;
    assert.equal(given.apiBase, `${sim.url}/ex/confluence/${sim.cloudId}/wiki/rest/api`);
    await given.getRetention();
    assert.equal(sim.requests.filter((r) => r.url === '/_edge/tenant_info').length, 0);
  });

  it('scoped tokens are refused for Data Center', () => {
    assert.throws(() => clientFor(sim, 'datacenter', { credentials: { kind: 'scoped', email: 'a@b.c', token: 'tok-tok-tok' } }), AuditError);
  });

  it('pager: pins a since window at creation, trusts the echoed limit, resumes after "Load more"', async () => {
    const { client, clock } = clientFor(sim, 'cloud');
    const pager = client.pager({ kind: 'since', number: 1, units: 'YEARS' }, { pageSize: 40 });
    assert.equal(pager.window.endDate, clock.now());
    assert.equal(pager.pageSize, 40);
    sim.faults.set({ pageCap: 25 });
    const first = await pager.next();
    assert.equal(first.length, 25);
    assert.equal(pager.pageSize, 25);
    const rest: string[] = [];
    for (let page = await pager.next(); page.length > 0; page = await pager.next()) {
      rest.push(...page.map(recordKey));
    }
    assert.ok(pager.done);
    assert.deepEqual(await pager.next(), []);
    const expected = sim.recordsInRange(pager.window.startDate, pager.window.endDate).map(recordKey);
    assert.deepEqual([...first.map(recordKey), ...rest], expected);
  });

  it('detectDeployment: atlassian.net without a request, tenant_info → cloud, anything else → datacenter', async () => {
    const dispatcher = createDispatcher({ env: {} });
    try {
      assert.equal(await detectDeployment('https://acme.atlassian.net/wiki', { dispatcher }), 'cloud');
      assert.equal(await detectDeployment(sim.url, { dispatcher }), 'cloud');
      assert.equal(await detectDeployment(`${sim.url}/wiki/`, { dispatcher }), 'cloud');
      assert.equal(await detectDeployment(sim.dataCenterUrl, { dispatcher }), 'datacenter');
      assert.equal(await detectDeployment(html.url, { dispatcher }), 'datacenter');
      assert.equal(await discoverCloudId(sim.url, { dispatcher }), sim.cloudId);
      await assert.rejects(discoverCloudId(html.url, { dispatcher }), (e: unknown) => e instanceof AuditError && e.kind === 'notConfluence');
      await assert.rejects(detectDeployment('https://nowhere.invalid', { dispatcher }), (e: unknown) => e instanceof AuditError && e.kind === 'dns');
    } finally {
      await dispatcher.close();
    }
  });

  it('a client without a dispatcher builds its own from the environment and closes it', async () => {
    const client = new AuditClient({ siteUrl: sim.url, deployment: 'cloud', credentials: { kind: 'basic', email: sim.admin.email, token: sim.admin.apiToken }, log: collectingLog() });
    assert.equal((await client.checkConnection()).deployment, 'cloud');
    await client.close();
  });
});
