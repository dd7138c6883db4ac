// The organization API key never reaches a log or an error message: not in request lines, retry
// decisions or failures, and not even when the server echoes it back in an error body.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../../simulator';
import type { OrgSimulator } from '../../../../simulator/org';
import { AuditError } from '../../../../src/api';
import { closeOrgClients, orgClientFor, startOrgSim } from './helpers';

describe('org client: the API key never in logs', () => {
  let sim: Simulator & { org: OrgSimulator };

  before(async () => {
    sim = await startOrgSim({ events: 50, rateLimits: {} });
  });
  after(async () => {
    await closeOrgClients();
    await sim.stop();
  });

  it('logs requests, retries and failures without the key, and masks a key the server echoes', async () => {
    const { client, log } = orgClientFor(sim.org);
    const key = sim.org.key;
    sim.org.faults.once({ kind: '503', retryAfter: '1' });
    await client.listOrgs();
    await client.streamPage(sim.org.orgId, { from: 0, limit: 2 });
    sim.org.faults.once({ kind: 'status', status: 401, body: JSON.stringify({ code: 401, message: `Invalid key ${key} (Authorization: Bearer ${key})` }), headers: { 'Content-Type': 'application/json' } });
    let error: unknown;
    try {
      await client.eventActions(sim.org.orgId);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof AuditError && error.kind === 'unauthorized');
    assert.ok(!error.message.includes(key) && error.message.includes('[redacted]'), error.message);
    const expired = orgClientFor(sim.org, { apiKey: sim.org.expiredKey });
    await assert.rejects(expired.client.listOrgs());

    const lines = [...log.lines, ...expired.log.lines];
    assert.ok(lines.some((l) => /^debug GET http:\/\/127\.0\.0\.1:\d+\/admin\/v1\/orgs → 503/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /retrying in 1000 ms \(Retry-After\)/.test(l)));
    assert.ok(lines.some((l) => /→ 401/.test(l)));
    for (const secret of [key, sim.org.expiredKey]) {
      assert.deepEqual(lines.filter((l) => l.includes(secret)), []);
    }
    assert.ok(lines.every((l) => !/Bearer (?!\[redacted\])\S{8,}/.test(l)));
    // The simulator did receive the key: the check above is not vacuous.
    assert.ok(sim.requests.some((r) => r.headers.authorization === `Bearer ${key}`));
  });
});
