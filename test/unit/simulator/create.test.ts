// POST /wiki/rest/api/audit: spec-valid record back, defaults, 400s, request log, XSRF option.
import * as assert from 'node:assert/strict';
import type { AuditRecord } from '../../../src/api/types';
import { startSimulator, type Simulator } from '../../../simulator';
import { asPage, basic, getJson, request, sendJson } from './http';
import { assertMatchesSchema } from './specSchemas';

const NOW = Date.UTC(2025, 0, 10, 8, 30);

describe('simulator: POST audit record', () => {
  let sim: Simulator;
  let url: string;

  before(async () => {
    sim = await startSimulator({ records: 200, seed: 9, anchor: NOW - 1000, now: () => NOW });
    url = `${sim.url}/wiki/rest/api/audit`;
  });
  after(() => sim.stop());

  it('creates a record with the spec defaults and puts it at the head', async () => {
    const res = await sendJson('POST', url, basic(sim.admin), { remoteAddress: '203.0.113.50', summary: 'Created by test', category: 'Testing' });
    assert.equal(res.status, 200);
    assertMatchesSchema('AuditRecord', res.body);
    const record = res.body as AuditRecord;
    assert.equal(record.creationDate, NOW);
    assert.equal(record.summary, 'Created by test');
    assert.equal(record.description, '');
    assert.equal(record.sysAdmin, false);
    assert.deepEqual(record.affectedObject, { name: '', objectType: '' });
    assert.deepEqual(record.changedValues, []);
    assert.deepEqual(record.associatedObjects, []);
    // Without an author every author property is null/empty except type.
    assert.equal(record.author.type, 'user');
    assert.equal(record.author.displayName, '');
    assert.equal(record.author.operations, null);

    const head = asPage((await getJson(`${url}?limit=1`, basic(sim.admin))).body).results[0];
    assert.deepEqual(head, record);
    assert.deepEqual(sim.allRecords()[0], record);
  });

  it('keeps what the caller sent: author, date, objects and changed values', async () => {
    const sent = {
      author: { type: 'user', displayName: 'Integration Bot', username: 'bot', userKey: null },
      remoteAddress: '2001:db8::5',
      creationDate: NOW - 3_600_000,
      summary: 'Space permission added',
      description: 'granted by a script',
      category: 'Permissions',
      sysAdmin: true,
      affectedObject: { name: 'Engineering', objectType: 'Space' },
      changedValues: [{ name: 'Secret', oldValue: '', newValue: '', hiddenOldValue: '', hiddenNewValue: '' }],
      associatedObjects: [{ name: 'confluence-users:4375f4c3-0000-4000-8000-000000000000', objectType: 'Group' }],
    };
    const res = await sendJson('POST', url, basic(sim.admin), sent);
    assert.equal(res.status, 200);
    assertMatchesSchema('AuditRecord', res.body);
    const record = res.body as AuditRecord;
    assert.equal(record.creationDate, sent.creationDate);
    assert.equal(record.author.displayName, 'Integration Bot');
    assert.equal(record.author.username, 'bot');
    assert.deepEqual(record.changedValues, sent.changedValues);
    assert.deepEqual(record.associatedObjects, sent.associatedObjects);
    assert.ok(sim.recordsInRange(sent.creationDate, sent.creationDate).some((r) => r.description === 'granted by a script'));
  });

  it('answers 400 without remoteAddress, for malformed fields and for a body that is not JSON', async () => {
    for (const body of [{ summary: 'no address' }, { remoteAddress: 7 }, { remoteAddress: 'x', creationDate: 'today' },
      { remoteAddress: 'x', changedValues: [{ name: 'a' }] }, [], 'not json at all']) {
      const res = await sendJson('POST', url, basic(sim.admin), body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const err = res.body as { statusCode: number; data: { valid: boolean } };
      assert.equal(err.statusCode, 400);
      assert.equal(err.data.valid, false);
    }
  });

  it('logs method, path, query and headers of every request', async () => {
    const before = sim.requests.length;
    await sendJson('POST', `${url}?probe=1`, basic(sim.admin), { remoteAddress: '192.0.2.200' });
    const entry = sim.requests[before];
    assert.ok(entry);
    assert.equal(entry.method, 'POST');
    assert.equal(entry.url, '/wiki/rest/api/audit?probe=1');
    assert.equal(entry.headers['x-atlassian-token'], 'no-check');
    assert.equal(entry.headers['content-type'], 'application/json');
    assert.equal(entry.status, 200);
    assert.equal(entry.user, sim.admin.username);
  });

  it('refuses writes without X-Atlassian-Token when asked to', async () => {
    const strict = await startSimulator({ records: 10, requireAtlassianToken: true });
    try {
      const refused = await request(`${strict.url}/wiki/rest/api/audit`, {
        method: 'POST', headers: { authorization: basic(strict.admin), 'content-type': 'application/json' }, body: '{"remoteAddress":"x"}',
      });
      assert.equal(refused.status, 403);
      assert.match(refused.text, /XSRF check failed/);
      const accepted = await sendJson('POST', `${strict.url}/wiki/rest/api/audit`, basic(strict.admin), { remoteAddress: 'x' });
      assert.equal(accepted.status, 200);
    } finally {
      await strict.stop();
    }
  });
});
