// The digest taken on a worker thread while a large file is parsed must be the file's SHA-256, chunk order
// kept, with the reader held back (not the memory growing) while the worker catches up.
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { BACKGROUND_DIGEST_BYTES, sha256Digest } from '../../../src/offline/core/backgroundDigest';

describe('offline: the SHA-256 of a file being opened', () => {
  it('is the same digest inline and on the worker, over chunks of every size, 40 MB at once', async () => {
    const chunks = Array.from({ length: 200 }, (_, i) => randomBytes(i % 7 === 0 ? 1 : 200 * 1024 + i));
    const expected = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
    for (const size of [0, BACKGROUND_DIGEST_BYTES]) {
      const digest = sha256Digest(size);
      // Each chunk in a buffer of its own, as the file reader gives them (the worker takes them over).
      const owned = chunks.map((c) => new Uint8Array(c));
      try {
        // Not awaited one by one: the worker's queue fills and update() must hold the reader back.
        let waited = 0;
        for (const chunk of owned) {
          const added = digest.update(chunk);
          let settled = false;
          void added.then(() => (settled = true));
          await Promise.resolve();
          if (!settled) waited++;
          await added;
        }
        assert.equal(await digest.hex(), expected);
        if (size > 0) assert.ok(waited > 0, 'the reader waited for the worker at least once');
      } finally {
        digest.close();
      }
    }
  });

  it('an empty file has the empty digest; a closed worker digest is refused at once', async () => {
    const digest = sha256Digest(BACKGROUND_DIGEST_BYTES);
    assert.equal(await digest.hex(), createHash('sha256').digest('hex'));
    digest.close();
    const stopped = sha256Digest(BACKGROUND_DIGEST_BYTES);
    await stopped.update(new Uint8Array(10));
    stopped.close();
    await assert.rejects(stopped.hex(), /the digest was closed/);
    await assert.rejects(stopped.update(new Uint8Array(1)), /the digest was closed/);
  });
});
