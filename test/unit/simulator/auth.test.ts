// Authentication and the three faces of the API: Cloud site (/wiki), Data Center (/confluence,
// including the "silent anonymous" answer to a wrong PAT) and the scoped-token gateway.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startSimulator, type Simulator } from '../../../simulator';
import { asPage, basic, bearer, getJson, request, sendJson } from './http';
import { assertMatchesSchema } from './specSchemas';

interface CloudError {
  statusCode: number;
  message: string;
  data: { authorized: boolean; valid: boolean; successful: boolean; errors: { message: { key: string; args: unknown[]; translation: string } }[] };
}

function assertCloudError(body: unknown, status: number): CloudError {
  const e = body as CloudError;
  assert.equal(e.statusCode, status);
  assert.equal(typeof e.message, 'string');
  assert.equal(e.data.successful, false);
  assert.equal(typeof e.data.authorized, 'boolean');
  assert.equal(typeof e.data.valid, 'boolean');
  const first = e.data.errors[0];
  assert.ok(first && typeof first.message.key === 'string' && Array.isArray(first.message.args) && typeof first.message.translation === 'string');
  return e;
}

describe('simulator: authentication', () => {
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ records: 300, seed: 13 });
  });
  after(() => sim.stop());

  describe('Cloud site (/wiki)', () => {
    const ops = ['/rest/api/audit', '/rest/api/audit/since', '/rest/api/audit/export', '/rest/api/audit/retention'];

    it('serves the admin with Basic email:apiToken on every operation', async () => {
      for (const op of ops) {
        const res = await request(`${sim.url}/wiki${op}`, { headers: { authorization: basic(sim.admin) } });
        assert.equal(res.status, 200, op);
      }
    });

    it('answers 401 with a Confluence error body for missing or wrong credentials', async () => {
      const wrong = { ...sim.admin, apiToken: 'not-the-token' };
      for (const authorization of [undefined, basic(wrong), basic(sim.admin, 'someone@example.com'), 'Bearer nope', 'Digest abc']) {
        for (const op of ops) {
          const res = await getJson(`${sim.url}/wiki${op}`, authorization);
          assert.equal(res.status, 401, `${op} ${authorization ?? 'none'}`);
          const e = assertCloudError(res.body, 401);
          assert.equal(e.data.authorized, false);
        }
      }
    });

    it('answers 403 to the authenticated non-admin, on reads and writes', async () => {
      for (const op of ops) {
        const res = await getJson(`${sim.url}/wiki${op}`, basic(sim.nonAdmin));
        assert.equal(res.status, 403, op);
        assertCloudError(res.body, 403);
      }
      assert.equal((await sendJson('POST', `${sim.url}/wiki/rest/api/audit`, basic(sim.nonAdmin), { remoteAddress: 'x' })).status, 403);
      assert.equal((await sendJson('PUT', `${sim.url}/wiki/rest/api/audit/retention`, basic(sim.nonAdmin), { number: 1, units: 'DAYS' })).status, 403);
    });

    it('404s unknown paths and 405s unsupported methods', async () => {
      assert.equal((await getJson(`${sim.url}/wiki/rest/api/content`, basic(sim.admin))).status, 404);
      const res = await request(`${sim.url}/wiki/rest/api/audit/since`, { method: 'DELETE', headers: { authorization: basic(sim.admin) } });
      assert.equal(res.status, 405);
      assert.equal(res.headers['allow'], 'GET');
    });
  });

  describe('Data Center (/confluence)', () => {
    it('serves the same API under the context path with a PAT or username:token, naming the user', async () => {
      for (const authorization of [bearer(sim.admin), basic(sim.admin, sim.admin.username)]) {
        const res = await getJson(`${sim.dataCenterUrl}/rest/api/audit?limit=5`, authorization);
        assert.equal(res.status, 200);
        assertMatchesSchema('AuditRecordArray', res.body);
        assert.equal(res.headers['x-ausername'], sim.admin.username);
        assert.equal(res.headers['x-seraph-loginreason'], undefined);
        const p = asPage(res.body);
        assert.equal(p.size, 5);
        assert.equal(p._links['base'], `${sim.url}/confluence`);
        assert.equal(p._links['context'], '/confluence');
        assert.equal(p._links['next'], '/rest/api/audit?limit=5&start=5');
      }
      const retention = await getJson(`${sim.dataCenterUrl}/rest/api/audit/retention`, bearer(sim.admin));
      assert.equal(retention.status, 200);
    });

    it('answers a wrong PAT as the silent anonymous user: 200, empty, with the Seraph headers', async () => {
      const wrong = bearer({ ...sim.admin, pat: 'expired-token' });
      for (const op of ['/rest/api/audit', '/rest/api/audit/since']) {
        const res = await getJson(`${sim.dataCenterUrl}${op}`, wrong);
        assert.equal(res.status, 200, op);
        assertMatchesSchema('AuditRecordArray', res.body);
        const p = asPage(res.body);
        assert.equal(p.size, 0);
        assert.deepEqual(p.results, []);
        assert.equal(p._links['next'], undefined);
        assert.equal(res.headers['x-seraph-loginreason'], 'AUTHENTICATION_DENIED');
        assert.equal(res.headers['x-ausername'], 'anonymous');
      }
      const csv = await request(`${sim.dataCenterUrl}/rest/api/audit/export`, { headers: { authorization: wrong } });
      assert.equal(csv.status, 200);
      assert.equal(csv.text.split('\r\n').filter(Boolean).length, 1, 'header row only');
      assert.equal(csv.headers['x-seraph-loginreason'], 'AUTHENTICATION_DENIED');
      // Nothing to read about or change without a real user.
      assert.equal((await getJson(`${sim.dataCenterUrl}/rest/api/audit/retention`, wrong)).status, 401);
      assert.equal((await sendJson('POST', `${sim.dataCenterUrl}/rest/api/audit`, wrong, { remoteAddress: 'x' })).status, 401);
    });

    it('answers wrong Basic credentials and missing credentials with 401', async () => {
      const wrongBasic = await getJson(`${sim.dataCenterUrl}/rest/api/audit`, basic({ ...sim.admin, apiToken: 'bad' }, sim.admin.username));
      assert.equal(wrongBasic.status, 401);
      assert.equal(wrongBasic.headers['x-seraph-loginreason'], 'AUTHENTICATED_FAILED');
      assertCloudError(wrongBasic.body, 401);
      assert.equal((await getJson(`${sim.dataCenterUrl}/rest/api/audit`)).status, 401);
    });

    it('answers 403 to the non-admin, naming them', async () => {
      const res = await getJson(`${sim.dataCenterUrl}/rest/api/audit`, bearer(sim.nonAdmin));
      assert.equal(res.status, 403);
      assert.equal(res.headers['x-ausername'], sim.nonAdmin.username);
    });
  });

  describe('API gateway (scoped tokens)', () => {
    it('serves tenant_info with the cloud id', async () => {
      const res = await getJson(`${sim.url}/_edge/tenant_info`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { cloudId: sim.cloudId });
      assert.match(sim.cloudId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(sim.gatewayUrl, `${sim.url}/ex/confluence/${sim.cloudId}`);
    });

    it('serves every operation under /ex/confluence/<cloudId>/wiki with Basic email:token', async () => {
      const base = `${sim.gatewayUrl}/wiki/rest/api/audit`;
      const page = await getJson(`${base}?limit=3`, basic(sim.admin));
      assert.equal(page.status, 200);
      assertMatchesSchema('AuditRecordArray', page.body);
      assert.equal(asPage(page.body)._links['next'], '/rest/api/audit?limit=3&start=3');
      for (const op of ['/since', '/export', '/retention']) {
        assert.equal((await request(`${base}${op}`, { headers: { authorization: basic(sim.admin) } })).status, 200, op);
      }
      const created = await sendJson('POST', base, basic(sim.admin), { remoteAddress: '192.0.2.77' });
      assert.equal(created.status, 200);
      assertMatchesSchema('AuditRecord', created.body);
    });

    it('answers gateway-shaped errors: 404 for a wrong cloud id, 401 for bad credentials', async () => {
      const unknown = await getJson(`${sim.url}/ex/confluence/00000000-0000-4000-8000-000000000000/wiki/rest/api/audit`, basic(sim.admin));
      assert.equal(unknown.status, 404);
      const e404 = unknown.body as { code: number; message: string };
      assert.equal(e404.code, 404);
      assert.equal(typeof e404.message, 'string');
      for (const authorization of [undefined, basic({ ...sim.admin, apiToken: 'x' }), bearer(sim.admin)]) {
        const res = await getJson(`${sim.gatewayUrl}/wiki/rest/api/audit`, authorization);
        assert.equal(res.status, 401);
        assert.deepEqual(Object.keys(res.body as object).sort(), ['code', 'message']);
      }
      assert.equal((await getJson(`${sim.gatewayUrl}/wiki/rest/api/audit`, basic(sim.nonAdmin))).status, 403);
    });
  });
});

describe('simulator: TLS', () => {
  it('serves https when given a key and certificate', async () => {
    const fixtures = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'simulator');
    const cert = readFileSync(path.join(fixtures, 'localhost-test-only.crt'));
    const sim = await startSimulator({ records: 20, tls: { key: readFileSync(path.join(fixtures, 'localhost-test-only.key')), cert } });
    try {
      assert.match(sim.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await request(`${sim.url}/wiki/rest/api/audit`, { headers: { authorization: basic(sim.admin) }, ca: cert });
      assert.equal(res.status, 200);
      assert.equal(asPage(JSON.parse(res.text)).size, 20);
      // Verification stays on: without the CA the handshake fails.
      await assert.rejects(request(`${sim.url}/wiki/rest/api/audit`, { headers: { authorization: basic(sim.admin) } }));
    } finally {
      await sim.stop();
    }
  });
});
