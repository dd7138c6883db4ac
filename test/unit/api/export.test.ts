// exportTo: streamed into the sink with backpressure (never buffered whole), cancellable mid-way,
// and a truncated body is an error, not a short file.
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Simulator } from '../../../simulator';
import { AuditError } from '../../../src/api';
import { startPlainServer, type PlainServer } from './helpers/plainServer';
import { clientFor, closeClients, startSim } from './helpers/sim';
import { waitFor } from './helpers/waitFor';

/** A sink that accepts nothing until release(): the client must stop reading meanwhile. */
class GatedSink extends Writable {
  received = 0;
  private waiting: Array<() => void> = [];
  private open = false;

  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.received += chunk.length;
    if (this.open) {
      callback();
    } else {
      this.waiting.push(() => callback());
    }
  }

  release(): void {
    this.open = true;
    for (const w of this.waiting.splice(0)) {
      w();
    }
  }
}

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    callback();
  }
}

describe('api export', function () {
  this.timeout(60_000);
  let big: Simulator;
  let html: PlainServer;
  before(async () => {
    big = await startSim({ records: 20_000, seed: 3 });
    html = await startPlainServer();
  });
  after(async () => {
    await closeClients();
    await Promise.all([big.stop(), html.stop()]);
  });
  beforeEach(() => big.faults.clear());

  it('applies backpressure end to end: a stalled sink stops the server, then all bytes arrive', async () => {
    const { client } = clientFor(big);
    const sink = new GatedSink();
    let progress = 0;
    const drainsBefore = big.stats.exportDrainWaits;
    const pending = client.exportTo({ format: 'csv' }, sink, { onProgress: (b) => (progress = b) });
    await waitFor(() => big.stats.exportDrainWaits > drainsBefore, 'the server to wait for the client');
    const rowsWhileStalled = big.stats.exportRowsWritten;
    assert.ok(rowsWhileStalled < 20_000, 'the server must not have produced everything while the sink was stalled');
    assert.ok(progress < 3 * 1024 * 1024, `the client must not buffer the export (read ${progress} bytes while stalled)`);
    sink.release();
    const result = await pending;
    assert.equal(result.bytes, sink.received);
    assert.ok(result.bytes > 3 * 1024 * 1024, `a 20,000-row export is several MiB, got ${result.bytes}`);
    assert.ok(sink.writableFinished, 'the sink is ended on success');
  });

  it('cancelled mid-export → cancelled, and the sink is destroyed (no complete-looking file)', async () => {
    const { client } = clientFor(big);
    const sink = new CountingSink();
    const controller = new AbortController();
    big.faults.once({ kind: 'stallMidBody', ms: 10_000 });
    const e = await client.exportTo({ format: 'csv' }, sink, { signal: controller.signal, onProgress: () => controller.abort() }).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError && e.kind === 'cancelled', String(e));
    assert.ok(sink.destroyed);
    assert.ok(!sink.writableFinished);
  });

  it('a truncated export → network error saying it ended early', async () => {
    const { client } = clientFor(big);
    const sink = new CountingSink();
    big.faults.once({ kind: 'truncate' });
    const e = await client.exportTo({ format: 'zip' }, sink).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError && e.kind === 'network', String(e));
    assert.match(e.message, /ended before it was complete/);
    assert.ok(sink.destroyed && !sink.writableFinished);
  });

  it('rate limited before the first byte → retried (fake clock), then streamed', async () => {
    const { client, clock } = clientFor(big);
    const sink = new CountingSink();
    big.faults.once({ kind: '429', retryAfter: '4' });
    const result = await client.exportTo({ format: 'csv', searchString: 'group' }, sink);
    assert.deepEqual(clock.sleeps, [4000]);
    assert.equal(result.bytes, sink.bytes);
  });

  it('an HTML page instead of a file → notConfluence, nothing written', async () => {
    const { client } = clientFor(big, 'datacenter', { siteUrl: html.url });
    const sink = new CountingSink();
    const e = await client.exportTo({ format: 'csv' }, sink).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof AuditError && e.kind === 'notConfluence', String(e));
    assert.equal(sink.bytes, 0);
  });
});
