// Writes responses, applying mid-body faults (stall, truncation) and honouring backpressure.
import type { ServerResponse } from 'node:http';
import type { MidBodyFault } from './faults';

/** Thrown inside a stream producer when the client went away or the server is stopping. */
export class StreamAborted extends Error {
  constructor() {
    super('response stream aborted');
  }
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function sendBody(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  midBody: MidBodyFault | undefined,
  signal: AbortSignal,
): Promise<void> {
  res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
  if (!midBody || body.length < 2) {
    res.end(body);
    return;
  }
  const half = Math.floor(body.length / 2);
  if (midBody.kind === 'truncate') {
    // The promised length never arrives: half the body, then the connection dies.
    res.write(body.subarray(0, half), () => res.socket?.destroy());
    return;
  }
  res.write(body.subarray(0, half));
  if (await sleep(midBody.ms, signal)) {
    res.end(body.subarray(half));
  }
}

export interface StreamWriter {
  /** Resolves when the chunk may be followed by another (after 'drain' if the buffer is full). */
  write(chunk: Uint8Array): Promise<void>;
}

export interface StreamHooks {
  /** Called each time the producer has to wait for the client to read. */
  onDrainWait?: () => void;
}

/** Chunked response whose body `produce` writes piece by piece; never buffers the whole body. */
export async function sendStream(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  produce: (writer: StreamWriter) => Promise<void>,
  midBody: MidBodyFault | undefined,
  signal: AbortSignal,
  hooks: StreamHooks = {},
): Promise<void> {
  res.writeHead(status, headers);
  let chunks = 0;
  const writer: StreamWriter = {
    write: async (chunk) => {
      if (signal.aborted || res.destroyed) {
        throw new StreamAborted();
      }
      chunks++;
      if (chunks === 1 && midBody?.kind === 'truncate') {
        res.write(chunk, () => res.socket?.destroy());
        throw new StreamAborted();
      }
      if (!res.write(chunk)) {
        hooks.onDrainWait?.();
        await drained(res, signal);
      }
      if (chunks === 1 && midBody?.kind === 'stall' && !(await sleep(midBody.ms, signal))) {
        throw new StreamAborted();
      }
    },
  };
  try {
    await produce(writer);
    res.end();
  } catch (error) {
    if (!(error instanceof StreamAborted)) {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      signal.removeEventListener('abort', onClose);
      if (error) {
        reject(error);
      } else {
        resolve();
      }
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(new StreamAborted());
    res.on('drain', onDrain);
    res.on('close', onClose);
    signal.addEventListener('abort', onClose, { once: true });
  });
}
