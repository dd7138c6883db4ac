// A server that trickles its answer (issue 10 item 6): one byte at a time, each just inside the body
// timeout, so undici's per-chunk timer never fires. Every request has an overall deadline, an export a
// stall limit instead (exports may rightly take long), and each failure says which limit it hit.
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { AuditClient, AuditError, createDispatcher, type TimeoutOptions } from '../../../src/api';
import { DcAuditingClient } from '../../../src/api/dc';
import { OrgAuditClient } from '../../../src/api/org';
import { startPlainServer, type Handler, type PlainServer } from './helpers/plainServer';

const TRICKLE_MS = 100;
/** How long the server keeps trickling before it ends the answer (well-formed) on its own. */
const TRICKLE_FOR_MS = 8_000;

function trickle(type: string, text: string): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type });
    const started = Date.now();
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (Date.now() - started > TRICKLE_FOR_MS) {
        clearInterval(timer);
        res.end(text.slice(i));
        return;
      }
      if (i < text.length - 1) res.write(text[i++]);
      else res.write(' ');
    }, TRICKLE_MS);
    res.on('close', () => clearInterval(timer));
  };
}

function client(server: PlainServer, timeouts: TimeoutOptions): AuditClient {
  return new AuditClient({
    siteUrl: server.url,
    deployment: 'datacenter',
    credentials: { kind: 'bearer', token: 'trickle-test-token' },
    dispatcher: createDispatcher({ env: {}, connectTimeoutMs: 2000 }),
    retry: { maxAttempts: 1 },
    timeouts,
  });
}

async function failure(p: Promise<unknown>): Promise<AuditError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AuditError) return e;
    throw e;
  }
  return assert.fail('expected a failure');
}

describe('api deadlines against a trickling server', function () {
  this.timeout(30_000);
  let servers: PlainServer[] = [];

  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    servers = [];
  });

  it('a JSON answer trickled inside the body timeout hits the overall deadline, and says so', async () => {
    const server = await startPlainServer(trickle('application/json', '{"number":1,"units":"YEARS"}'));
    servers.push(server);
    const c = client(server, { headersMs: 1000, bodyMs: 1000, totalMs: 1500 });
    const started = Date.now();
    const e = await failure(c.getRetention());
    const took = Date.now() - started;
    assert.equal(e.kind, 'timeout', `${e.kind}: ${e.message}`);
    assert.match(e.message, /not complete within 1\.5 s|whole answer/i);
    assert.ok(took < 4_000, `gave up after ${took} ms, not when the server chose to finish`);
    await c.close();
  });

  it('the Data Center advanced auditing and organization clients have the same overall deadline', async () => {
    const server = await startPlainServer(trickle('application/json', '{"entities":[],"pagingInfo":{}}'));
    servers.push(server);
    const timeouts = { headersMs: 1000, bodyMs: 1000, totalMs: 1500 };
    const dc = new DcAuditingClient({ siteUrl: server.url, credentials: { kind: 'bearer', token: 'trickle-test-token' }, dispatcher: createDispatcher({ env: {} }), retry: { maxAttempts: 1 }, timeouts });
    const org = new OrgAuditClient({ apiKey: 'trickle-test-key', baseUrl: server.url, dispatcher: createDispatcher({ env: {} }), retry: { maxAttempts: 1 }, timeouts });
    for (const [name, call] of [['dc', () => dc.coverage()], ['org', () => org.listOrgs()]] as const) {
      const started = Date.now();
      const e = await failure(call());
      assert.equal(e.kind, 'timeout', `${name}: ${e.kind}: ${e.message}`);
      assert.ok(Date.now() - started < 4_000, `${name} gave up only when the server finished`);
    }
    await dc.close();
    await org.close();
  });

  it('an export trickled inside the body timeout hits the stall limit, and says so', async () => {
    const server = await startPlainServer(trickle('text/csv', 'Date,Author\r\n2025-01-01,Ann\r\n'));
    servers.push(server);
    const c = client(server, { headersMs: 1000, bodyMs: 1000, stallMs: 1000, stallMinBytes: 64 });
    const sink = new Writable({ write: (_chunk, _enc, cb) => cb() });
    const started = Date.now();
    const e = await failure(c.exportTo({ format: 'csv' }, sink));
    const took = Date.now() - started;
    assert.equal(e.kind, 'timeout', `${e.kind}: ${e.message}`);
    assert.match(e.message, /stalled: fewer than 64 bytes in 1 s/);
    assert.ok(took < 5_000, `gave up after ${took} ms`);
    assert.equal(sink.destroyed, true, 'the partial file is not ended as if complete');
    await c.close();
  });

  it('a slow but steady export is not a stall', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `2025-01-01,User ${i}\r\n`).join('');
    const server = await startPlainServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv' });
      let n = 0;
      const timer = setInterval(() => {
        res.write(rows.slice(n * 100, n * 100 + 100));
        if (++n * 100 >= rows.length) {
          clearInterval(timer);
          res.end();
        }
      }, 200);
    });
    servers.push(server);
    const c = client(server, { stallMs: 1000, stallMinBytes: 64 });
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, cb) => void (chunks.push(chunk), cb()) });
    await c.exportTo({ format: 'csv' }, sink);
    assert.equal(Buffer.concat(chunks).toString(), rows);
    await c.close();
  });
});
