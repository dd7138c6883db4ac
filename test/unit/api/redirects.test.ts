// Redirects are followed by hand (at most 5): credentials go along only while the origin stays the
// same; a write is never replayed elsewhere.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator';
import { AuditError } from '../../../src/api';
import { startPlainServer, type PlainServer } from './helpers/plainServer';
import { clientFor, closeClients, startSim } from './helpers/sim';

describe('api redirects', () => {
  let sim: Simulator;
  let other: Simulator;
  let plain: PlainServer;
  before(async () => {
    other = await startSim({ records: 10, seed: 2 });
    plain = await startPlainServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ number: 3, units: 'MONTHS', path: req.url }));
    });
    sim = await startSim({
      records: 10,
      redirects: {
        '/old/': '/', // same origin, relative target
        '/wiki/rest/api/audit/retention': `${plain.url}/moved/retention`,
        '/moved/wiki/rest/api/audit': `${other.url}/wiki/rest/api/audit`,
        '/loop/': '/loop/again/',
        '/confluence/rest/api/audit/retention': '/wiki/rest/api/audit/retention',
      },
    });
  });
  after(async () => {
    await closeClients();
    await Promise.all([sim.stop(), other.stop(), plain.stop()]);
  });
  beforeEach(() => {
    sim.requests.length = 0;
    other.requests.length = 0;
    plain.requests.length = 0;
  });

  it('same origin: follows with the credentials', async () => {
    const { client } = clientFor(sim, 'cloud', { siteUrl: `${sim.url}/old` });
    assert.equal((await client.getRecords({ limit: 2 })).results.length, 2);
    assert.equal(sim.requests.length, 2);
    assert.match(sim.requests[0].url, /^\/old\/wiki\/rest\/api\/audit/);
    assert.match(String(sim.requests[1].headers.authorization), /^Basic /);
  });

  it('another origin: follows without the credentials', async () => {
    const { client } = clientFor(sim, 'cloud');
    assert.deepEqual(await client.getRetention(), { number: 3, units: 'MONTHS' });
    assert.equal(plain.requests.length, 1);
    assert.equal(plain.requests[0].headers.authorization, undefined);
    assert.equal(plain.requests[0].headers.cookie, undefined);
  });

  it('another origin that then asks for credentials → redirect error naming the host (credentials never sent there)', async () => {
    const { client } = clientFor(sim, 'cloud', { siteUrl: `${sim.url}/moved` });
    const e = await client.getRecords({ limit: 1 }).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError && e.kind === 'redirect', String(e));
    assert.match(e.message, new RegExp(`redirected to another host \\(${other.url.replace(/[.]/g, '\\.')}\\), which answered 401`));
    assert.ok(other.requests.length > 0);
    assert.ok(other.requests.every((r) => r.headers.authorization === undefined));
  });

  it('stops after 5 redirects', async () => {
    const { client } = clientFor(sim, 'cloud', { siteUrl: `${sim.url}/loop` });
    const e = await client.getRetention().then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError && e.kind === 'redirect' && /more than 5 times/.test(e.message), String(e));
    assert.equal(sim.requests.length, 6);
  });

  it('a write is not replayed after a 302', async () => {
    const { client } = clientFor(sim, 'datacenter');
    const e = await client.setRetention({ number: 2, units: 'MONTHS' }).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError && e.kind === 'redirect', String(e));
    assert.equal(sim.requests.length, 1);
    assert.equal(sim.requests[0].method, 'PUT');
  });
});
