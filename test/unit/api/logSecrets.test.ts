// Every LogSink line written by the api tests goes to one file (helpers/logCollector). After all
// tests of the run, that file must contain no token, password, Basic credential or cookie, while
// containing the request lines and retry decisions that prove it is not empty of substance.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { collectedLog, collectingLog, LOG_FILE, trackedSecrets, trackSecret } from './helpers/logCollector';
import { clientFor, closeClients, startSim } from './helpers/sim';

describe('api log output', () => {
  it('logs method, URL, status, duration and retry decisions, but never credentials', async () => {
    const sim = await startSim({ records: 10 });
    try {
      const log = collectingLog();
      const { client } = clientFor(sim, 'cloud', { log });
      sim.faults.once({ kind: '503', retryAfter: '1' });
      await client.getRecords({ limit: 1, searchString: 'secret-search-term' });
      assert.ok(log.lines.some((l) => /^debug GET http:\/\/127\.0\.0\.1:\d+\/wiki\/rest\/api\/audit\?.*limit=1 → 503 \(\d+ ms\)$/.test(l)), log.lines.join('\n'));
      assert.ok(log.lines.some((l) => /^info GET \/audit: attempt 1 failed \(server 503\); retrying in 1000 ms \(Retry-After\)$/.test(l)));
      assert.ok(log.lines.every((l) => !l.includes('secret-search-term')), 'search strings are not logged');
      trackSecret('secret-search-term');
    } finally {
      await closeClients();
      await sim.stop();
    }
  });
});

// A root-level hook: runs once after every test file of this mocha run.
after(function () {
  const text = collectedLog();
  const secrets = trackedSecrets();
  assert.ok(secrets.length >= 6, 'the tests must have registered the secrets they used');
  assert.ok(text.split('\n').length > 3, `the collected log (${LOG_FILE}) must hold the tests' output`);
  const leaked = secrets.filter((s) => text.includes(s));
  assert.deepEqual(leaked.map((s) => `${s.slice(0, 4)}… (${s.length} chars)`), [], `secrets found in ${LOG_FILE}`);
  assert.doesNotMatch(text, /authorization\s*[:=]\s*(?!\[redacted\])\S/i);
  assert.doesNotMatch(text, /\b(Basic|Bearer) (?!\[redacted\])[A-Za-z0-9+/=._-]{8,}/);
  assert.doesNotMatch(text, /cookie\s*[:=]\s*(?!\[redacted\])\S/i);
  rmSync(LOG_FILE, { force: true }); // kept only when a check above failed
});
