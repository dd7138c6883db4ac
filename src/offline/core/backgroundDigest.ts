// The SHA-256 of a file being opened (compared with its manifest), taken on a worker thread while the main
// thread parses the same bytes: for a large file the digest costs as much as a fifth of the parsing, and the
// extension host's thread is the one the person waits on. Each chunk is handed over once parsed (its buffer
// transferred, not copied: the bytes digested are exactly the bytes parsed); at most MAX_QUEUED bytes wait
// there, so memory stays flat when the worker gets less CPU than the parser. Small files are digested inline,
// where a worker's start costs more.
import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** Files from this size on are digested on a worker thread. */
export const BACKGROUND_DIGEST_BYTES = 32 * 1024 * 1024;

/** Bytes sent to the worker and not yet digested, beyond which the reader waits for it. */
const MAX_QUEUED = 16 * 1024 * 1024;

/** The worker says how far it got every so many bytes (a message per chunk costs the main thread). */
const ACK_BYTES = 4 * 1024 * 1024;

export interface Digest {
  /**
   * Adds the next chunk, taking its buffer (which must be the chunk's own, as ownedFileChunks gives them: it may
   * be transferred to the worker); resolves once the caller may go on (the worker has room).
   */
  update(chunk: Uint8Array): Promise<void>;
  /** The hex digest of every chunk added; refused when the digest could not be taken (the caller reads again). */
  hex(): Promise<string>;
  /** Stops the worker (after hex(), or when reading failed). */
  close(): void;
}

/** Plain JavaScript run by the worker (no file of its own, so that bundling the extension needs nothing). */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hash = createHash('sha256');
let digested = 0;
parentPort.on('message', (chunk) => {
  if (chunk === null) return parentPort.postMessage({ hex: hash.digest('hex') });
  hash.update(chunk);
  digested += chunk.byteLength;
  if (digested >= ${ACK_BYTES}) {
    parentPort.postMessage({ digested });
    digested = 0;
  }
});
`;

type FromWorker = { hex: string } | { digested: number };

class InlineDigest implements Digest {
  private readonly hash: Hash = createHash('sha256');

  async update(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
  }

  async hex(): Promise<string> {
    return this.hash.digest('hex');
  }

  close(): void {}
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (e: Error) => void;
}

class WorkerDigest implements Digest {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private queued = 0;
  /** Why the worker stopped; the reader goes on (its chunks are dropped) and hex() is refused. */
  private failure: Error | undefined;
  private closed = false;
  /** The reader, while it waits for room in the worker's queue. */
  private room: (() => void) | undefined;
  private digest: Waiter<string> | undefined;

  constructor() {
    this.worker.on('message', (message: FromWorker) => {
      if ('hex' in message) return this.digest?.resolve(message.hex);
      this.queued -= message.digested;
      if (this.queued <= MAX_QUEUED) this.room?.();
    });
    this.worker.on('error', (e: Error) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the digest worker stopped (exit code ${code})`)));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.room?.();
    this.digest?.reject(e);
  }

  async update(chunk: Uint8Array): Promise<void> {
    if (this.closed) throw new Error('the digest was closed');
    if (this.failure) return;
    const size = chunk.byteLength;
    this.worker.postMessage(chunk, [chunk.buffer as ArrayBuffer]);
    this.queued += size;
    while (this.queued > MAX_QUEUED && !this.failure) {
      await new Promise<void>((resolve) => {
        this.room = resolve;
      });
      this.room = undefined;
    }
  }

  hex(): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the digest was closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.digest = { resolve, reject };
      this.worker.postMessage(null);
    });
  }

  close(): void {
    this.closed = true;
    this.worker.removeAllListeners('exit');
    this.fail(new Error('the digest was closed'));
    void this.worker.terminate();
  }
}

/** A digest for a file of `size` bytes: on a worker thread for a large one, where a worker can start. */
export function sha256Digest(size: number): Digest {
  if (size < BACKGROUND_DIGEST_BYTES) return new InlineDigest();
  try {
    return new WorkerDigest();
  } catch {
    // A host that allows no worker threads still opens the file, digesting on its own thread.
    return new InlineDigest();
  }
}
