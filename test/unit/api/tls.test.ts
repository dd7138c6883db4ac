// Certificates: a private CA made with openssl at test time. Verification fails by default with a
// message that names the problem and the CA setting (never "turn verification off"), and passes once
// the CA PEM is given to createDispatcher; extra CAs are added to Node's roots, not replacing them.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import type { Simulator } from '../../../simulator';
import { AuditError, createDispatcher } from '../../../src/api';
import { caBundle } from '../../../src/api/dispatcher';
import { collectingLog } from './helpers/logCollector';
import { clientFor, closeClients, startSim } from './helpers/sim';
import { makeTlsFixtures, type KeyPair, type TlsFixtures } from './helpers/tlsFixtures';

describe('api TLS certificates', function () {
  this.timeout(60_000);
  let fx: TlsFixtures;
  const sims: Simulator[] = [];
  const dispatchers: Array<{ close(): Promise<void> }> = [];

  async function httpsSim(pair: KeyPair): Promise<Simulator> {
    const sim = await startSim({ records: 20, tls: pair });
    sims.push(sim);
    return sim;
  }

  function dispatcher(caCertificates: string[] = [], env: NodeJS.ProcessEnv = {}): ReturnType<typeof createDispatcher> {
    const d = createDispatcher({ caCertificates, env });
    dispatchers.push(d);
    return d;
  }

  async function certificateError(sim: Simulator, caCertificates: string[] = []): Promise<AuditError> {
    const { client, clock } = clientFor(sim, 'cloud', { dispatcher: dispatcher(caCertificates) });
    try {
      await client.getRetention();
    } catch (e) {
      assert.ok(e instanceof AuditError);
      assert.equal(e.kind, 'certificate', e.message);
      assert.equal(e.retryable, false);
      assert.deepEqual(clock.sleeps, [], 'a certificate problem is not retried');
      assert.doesNotMatch(e.message, /NODE_TLS_REJECT_UNAUTHORIZED|rejectUnauthorized|strictSSL|disabl|turn off/i);
      assert.match(e.message, /confluenceAudit\.network\.caCertificates/);
      return e;
    }
    assert.fail('expected a certificate error');
  }

  before(() => {
    fx = makeTlsFixtures();
  });
  after(async () => {
    await closeClients();
    await Promise.all([...sims.map((s) => s.stop()), ...dispatchers.map((d) => d.close())]);
    fx.cleanup();
  });

  it('a server signed by an unknown CA fails, and works once that CA is added', async () => {
    const sim = await httpsSim(fx.server);
    const e = await certificateError(sim);
    assert.equal(e.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.match(e.message, /^The TLS certificate of 127\.0\.0\.1:\d+ is not trusted: it is signed by an unknown certificate authority/);
    const { client } = clientFor(sim, 'cloud', { dispatcher: dispatcher([fx.caPem]) });
    assert.equal((await client.getRetention()).units, 'YEARS');
  });

  it('a self-signed certificate is named as such', async () => {
    const e = await certificateError(await httpsSim(fx.selfSigned));
    assert.equal(e.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.match(e.message, /it is self-signed/);
  });

  it('a certificate for another host name fails even with its CA trusted', async () => {
    const e = await certificateError(await httpsSim(fx.wrongHost), [fx.caPem]);
    assert.equal(e.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.match(e.message, /issued for a different host name/);
  });

  it('an expired certificate fails even with its CA trusted', async () => {
    const e = await certificateError(await httpsSim(fx.expired), [fx.caPem]);
    assert.equal(e.code, 'CERT_HAS_EXPIRED');
    assert.match(e.message, /it has expired/);
  });

  it('extra CAs are added to the default roots and to NODE_EXTRA_CA_CERTS, never replacing them', async () => {
    const bundle = caBundle([fx.caPem], {});
    assert.ok(bundle !== undefined);
    assert.deepEqual(bundle.slice(0, tls.rootCertificates.length), [...tls.rootCertificates]);
    assert.equal(bundle[bundle.length - 1].trim(), fx.caPem.trim());
    assert.equal(caBundle([], {}), undefined, 'without extras Node keeps its own defaults');
    // A server signed by a CA that only NODE_EXTRA_CA_CERTS names still works after adding our CA.
    const path = join(tmpdir(), `audit-extra-ca-${process.pid}.pem`);
    writeFileSync(path, fx.otherCaPem);
    const other = await httpsSim(fx.otherServer);
    const { client } = clientFor(other, 'cloud', { dispatcher: dispatcher([fx.caPem], { NODE_EXTRA_CA_CERTS: path }) });
    try {
      assert.equal((await client.getRetention()).number, 1);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('refuses a CA setting that is not a PEM certificate', () => {
    assert.throws(() => createDispatcher({ caCertificates: ['hello'] }), (e: unknown) => e instanceof AuditError && e.kind === 'certificate');
    assert.throws(() => createDispatcher({ caCertificates: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] }), AuditError);
  });

  it('strictSSL: false is ignored with a warning; verification stays on', async () => {
    const log = collectingLog();
    const d = createDispatcher({ strictSSL: false, env: {}, log });
    dispatchers.push(d);
    assert.ok(log.lines.some((l) => /^warn .*proxyStrictSSL is false: ignored/.test(l)));
    const sim = await httpsSim(fx.selfSigned);
    const { client } = clientFor(sim, 'cloud', { dispatcher: d });
    await assert.rejects(client.getRetention(), (e: unknown) => e instanceof AuditError && e.kind === 'certificate');
  });

  it('an https site redirecting to http is refused', async () => {
    const plain = await startSim({ records: 5 });
    sims.push(plain);
    const sim = await startSim({ records: 5, tls: fx.server, redirects: { '/wiki/rest/api/audit/retention': `${plain.url}/wiki/rest/api/audit/retention` } });
    sims.push(sim);
    const { client } = clientFor(sim, 'cloud', { dispatcher: dispatcher([fx.caPem]) });
    await assert.rejects(client.getRetention(), (e: unknown) => e instanceof AuditError && e.kind === 'redirect' && /insecure address/.test(e.message));
    assert.equal(plain.requests.length, 0);
  });
});
