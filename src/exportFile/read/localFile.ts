// Reading a local file as a byte stream or by position (node fs; callers copy remote files to a local
// temporary file first).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { RandomAccess } from './zipReader';

export interface OpenedFile extends RandomAccess {
  close(): Promise<void>;
}

export async function openRandomAccess(path: string): Promise<OpenedFile> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      read: async (position, length) => {
        const buffer = Buffer.alloc(length);
        let filled = 0;
        while (filled < length) {
          const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return buffer.subarray(0, filled);
      },
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** The size of fileBytes' chunks (papaparse guesses a CSV's delimiter from the first one). */
export const FILE_CHUNK_BYTES = 256 * 1024;

/** The file's bytes in order, FILE_CHUNK_BYTES at a time. */
export async function* fileBytes(path: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
  const stream = createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES, signal });
  for await (const chunk of stream) yield chunk as Buffer;
}

/**
 * The size of ownedFileChunks' chunks: larger than fileBytes' (papaparse, the text decoder and the digest
 * worker each have work per chunk: opening a large file measured faster), not larger still (1 MiB took a
 * CSV whose quoted cell never closes over 300 MB before its row was refused, see memoryLimits.test.ts).
 */
export const OPEN_CHUNK_BYTES = 512 * 1024;

/**
 * The file's bytes in order, OPEN_CHUNK_BYTES at a time, each chunk in an ArrayBuffer of its own (never a
 * pooled one): the caller may keep it, or transfer it to a worker thread once it is done with it. The next
 * chunk is read while the caller works on this one.
 */
export async function* ownedFileChunks(path: string, signal?: AbortSignal): AsyncIterable<Uint8Array> {
  const handle = await open(path, 'r');
  const readNext = (): Promise<Uint8Array> => {
    const chunk = Buffer.allocUnsafeSlow(OPEN_CHUNK_BYTES);
    const read = handle.read(chunk, 0, OPEN_CHUNK_BYTES, null).then(({ bytesRead }) => (bytesRead === OPEN_CHUNK_BYTES ? chunk : chunk.subarray(0, bytesRead)));
    // Its failure is taken when it is awaited; until then it must not count as unhandled.
    read.catch(() => undefined);
    return read;
  };
  let next = readNext();
  try {
    for (;;) {
      const chunk = await next;
      if (chunk.length === 0) return;
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
      next = readNext();
      yield chunk;
    }
  } finally {
    // A read still under way must end before the file is closed; its failure no longer matters.
    await next.catch(() => undefined);
    await handle.close();
  }
}
