// Proxies: a real local CONNECT proxy. Requests tunnel through it unless NO_PROXY says otherwise;
// a proxy demanding credentials (407) → proxyAuth; a dead proxy port → proxy; HTTPS through the tunnel
// with an extra CA.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator';
import { AuditError, createDispatcher } from '../../../src/api';
import { deadPort, startConnectProxy, type ConnectProxy } from './helpers/connectProxy';
import { collectingLog, trackSecret } from './helpers/logCollector';
import { clientFor, closeClients, startSim } from './helpers/sim';
import { makeTlsFixtures, type TlsFixtures } from './helpers/tlsFixtures';

describe('api through a proxy', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let proxy: ConnectProxy;
  let authProxy: ConnectProxy;
  const dispatchers: Array<{ close(): Promise<void> }> = [];
  const PROXY_PASSWORD = 'proxy-pa55word-secret';

  function dispatcher(o: Parameters<typeof createDispatcher>[0]): ReturnType<typeof createDispatcher> {
    const d = createDispatcher(o);
    dispatchers.push(d);
    return d;
  }

  before(async () => {
    trackSecret(PROXY_PASSWORD);
    sim = await startSim({ records: 30 });
    proxy = await startConnectProxy();
    authProxy = await startConnectProxy({ credentials: { user: 'alice', pass: PROXY_PASSWORD } });
  });
  after(async () => {
    await closeClients();
    await Promise.all([sim.stop(), proxy.stop(), authProxy.stop(), ...dispatchers.map((d) => d.close())]);
  });
  beforeEach(() => {
    proxy.connects.length = 0;
  });

  const target = (): string => new URL(sim.url).host;

  it('tunnels through the configured proxy', async () => {
    const { client } = clientFor(sim, 'cloud', { dispatcher: dispatcher({ proxy: proxy.url, env: {} }) });
    assert.equal((await client.getRecords({ limit: 5 })).results.length, 5);
    assert.deepEqual(proxy.connects, [target()]);
  });

  it('takes the proxy from HTTPS_PROXY when none is configured', async () => {
    const { client } = clientFor(sim, 'cloud', { dispatcher: dispatcher({ env: { HTTPS_PROXY: proxy.url } }) });
    await client.getRetention();
    assert.deepEqual(proxy.connects, [target()]);
  });

  it('bypasses the proxy for noProxy hosts (setting or NO_PROXY, with or without port)', async () => {
    for (const o of [{ proxy: proxy.url, noProxy: ['127.0.0.1'], env: {} }, { env: { HTTPS_PROXY: proxy.url, NO_PROXY: `example.org,${target()}` } }, { proxy: proxy.url, env: { NO_PROXY: '*' } }]) {
      const { client } = clientFor(sim, 'cloud', { dispatcher: dispatcher(o) });
      await client.getRetention();
    }
    assert.deepEqual(proxy.connects, []);
    const { client } = clientFor(sim, 'cloud', { dispatcher: dispatcher({ proxy: proxy.url, noProxy: ['127.0.0.1:1'], env: {} }) });
    await client.getRetention();
    assert.deepEqual(proxy.connects, [target()], 'a noProxy entry for another port does not apply');
  });

  it('a proxy demanding credentials → proxyAuth naming http.proxy; with credentials in the URL it works', async () => {
    const { client } = clientFor(sim, 'cloud', { dispatcher: dispatcher({ proxy: authProxy.url, env: {} }) });
    const e = await client.getRetention().then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError);
    assert.equal(e.kind, 'proxyAuth');
    assert.match(e.message, /^The proxy http:\/\/127\.0\.0\.1:\d+ requires authentication \(407\)\. .*`http\.proxy`/);
    const log = collectingLog();
    const withCredentials = `http://alice:${PROXY_PASSWORD}@127.0.0.1:${authProxy.port}`;
    const ok = clientFor(sim, 'cloud', { dispatcher: dispatcher({ proxy: withCredentials, env: {}, log }), log }).client;
    assert.equal((await ok.getRetention()).units, 'YEARS');
    assert.equal(authProxy.proxyAuthorizations[authProxy.proxyAuthorizations.length - 1], `Basic ${Buffer.from(`alice:${PROXY_PASSWORD}`).toString('base64')}`);
    assert.ok(log.lines.length > 0 && log.lines.every((l) => !l.includes(PROXY_PASSWORD)));
  });

  it('a dead proxy → proxy, not a misleading "Confluence is down"', async () => {
    const port = await deadPort();
    const { client, clock } = clientFor(sim, 'cloud', { dispatcher: dispatcher({ proxy: `http://127.0.0.1:${port}`, env: {} }) });
    const e = await client.getRetention().then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError);
    assert.equal(e.kind, 'proxy');
    assert.match(e.message, new RegExp(`^Could not reach Confluence through the proxy http://127\\.0\\.0\\.1:${port}: the proxy did not accept the connection \\(ECONNREFUSED\\)\\. Check the \`http\\.proxy\` setting`));
    assert.deepEqual(clock.sleeps, []);
  });

  it('a proxy that cannot reach the site → proxy with its status', async () => {
    const port = await deadPort();
    const { client } = clientFor(sim, 'cloud', { siteUrl: `http://127.0.0.1:${port}`, dispatcher: dispatcher({ proxy: proxy.url, env: {} }), retry: { maxAttempts: 1 } });
    const e = await client.getRetention().then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError && e.kind === 'proxy', String(e));
    assert.match(e.message, /the proxy answered 502/);
  });

  it('a proxy that drops the tunnel request without answering → proxy, promptly (no endless reconnects)', async () => {
    const dropping = await startConnectProxy({ dropConnects: true });
    try {
      const { client } = clientFor(sim, 'cloud', { dispatcher: dispatcher({ proxy: dropping.url, env: {} }) });
      const e = await client.getRetention().then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof AuditError && e.kind === 'proxy', String(e));
      assert.match(e.message, /the proxy closed the connection without answering/);
      assert.equal(dropping.connects.length, 1);
    } finally {
      await dropping.stop();
    }
  });

  it('a proxy that accepts the tunnel request but never answers → timeout by the overall deadline', async () => {
    const silent = await startConnectProxy({ silent: true });
    try {
      const { client, clock } = clientFor(sim, 'cloud', { dispatcher: dispatcher({ proxy: silent.url, env: {} }), timeouts: { connectMs: 100, headersMs: 200 }, retry: { maxAttempts: 2 }, random: () => 0 });
      const e = await client.getRetention().then(() => undefined, (err: unknown) => err);
      assert.ok(e instanceof AuditError && e.kind === 'timeout', String(e));
      assert.match(e.message, /^No answer through the proxy http:\/\/127\.0\.0\.1:\d+ within 1 s\. Check the `http\.proxy` setting/);
      assert.equal(clock.sleeps.length, 1, 'a timeout is retried for reads');
    } finally {
      await silent.stop();
    }
  });

  it('refuses proxy URLs it cannot use', () => {
    assert.throws(() => createDispatcher({ proxy: 'socks4://127.0.0.1:1080', env: {} }), (e: unknown) => e instanceof AuditError && e.kind === 'proxy');
    assert.throws(() => createDispatcher({ proxy: 'http://[broken', env: {} }), AuditError);
  });

  describe('HTTPS through the tunnel', () => {
    let fx: TlsFixtures;
    let secure: Simulator;
    before(async () => {
      fx = makeTlsFixtures();
      secure = await startSim({ records: 10, tls: fx.server });
    });
    after(async () => {
      await secure.stop();
      fx.cleanup();
    });

    it('verifies the site certificate end to end, with the extra CA', async () => {
      const failing = clientFor(secure, 'cloud', { dispatcher: dispatcher({ proxy: proxy.url, env: {} }) }).client;
      await assert.rejects(failing.getRetention(), (e: unknown) => e instanceof AuditError && e.kind === 'certificate');
      const { client } = clientFor(secure, 'cloud', { dispatcher: dispatcher({ proxy: proxy.url, caCertificates: [fx.caPem], env: {} }) });
      assert.equal((await client.getRetention()).units, 'YEARS');
      assert.ok(proxy.connects.includes(new URL(secure.url).host));
    });
  });
});
