// Streams an export answer into the caller's sink with backpressure (stream.pipeline), counting
// bytes. A body that ends early (broken connection, or fewer bytes than Content-Length) fails the
// pipeline, so the sink is destroyed rather than ended: a partial file never looks complete. An export
// may rightly take long, so it has no overall deadline but a stall limit: at least stallMinBytes must
// arrive in every stallMs (a server trickling a byte at a time never trips undici's per-chunk timer).
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { classifyTransportError } from './classify';
import { AuditError, cancelledError } from './errors';
import { headerValue, type Exchange } from './http';
import type { Logger } from './log';
import { messages } from './messages';
import type { Timeouts } from './timeouts';

export interface ExportStreamContext {
  timeouts: Timeouts;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
}

export async function streamExport(ex: Exchange, sink: NodeJS.WritableStream | Writable, ctx: ExportStreamContext): Promise<number> {
  const declared = headerValue(ex.headers, 'content-encoding') === undefined ? Number(headerValue(ex.headers, 'content-length')) : Number.NaN;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      ctx.onProgress?.(bytes);
      callback(null, chunk);
    },
    flush(callback) {
      callback(Number.isFinite(declared) && bytes !== declared ? new AuditError('network', messages.truncated(ex.url.host), { retryable: true }) : null);
    },
  });
  const { stallMs, stallMinBytes } = ctx.timeouts;
  const stall = new AbortController();
  let checked = 0;
  const watchdog = setInterval(() => {
    if (bytes - checked < stallMinBytes) stall.abort();
    checked = bytes;
  }, stallMs);
  const signal = ctx.signal === undefined ? stall.signal : AbortSignal.any([ctx.signal, stall.signal]);
  try {
    await pipeline(ex.body, counter, sink, { signal });
  } catch (e) {
    if (ctx.signal?.aborted) {
      throw cancelledError(e);
    }
    if (stall.signal.aborted) {
      ctx.log('warn', `Export stalled after ${bytes} bytes: fewer than ${stallMinBytes} bytes in ${stallMs} ms`);
      throw new AuditError('timeout', messages.exportStalled(ex.url.host, stallMinBytes, stallMs), { code: 'EXPORT_STALLED', cause: e });
    }
    const err = classifyTransportError(e, { url: ex.url, proxy: ex.proxy, timeouts: ctx.timeouts, signal: ctx.signal });
    ctx.log('warn', `Export failed after ${bytes} bytes: ${err.kind}${err.code ? ` (${err.code})` : ''}`);
    throw err.kind === 'network' ? new AuditError('network', messages.truncated(ex.url.host), { code: err.code, cause: e, retryable: true }) : err;
  } finally {
    clearInterval(watchdog);
  }
  return bytes;
}
