// Placing finished exports: the first free name (file and manifest both free), never replacing anything.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createExclusive, placeFiles } from '../../../src/export/core/placeFiles';

describe('export: placing files without overwriting', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-place-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function temp(name: string, content: string): string {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  }

  it('uses the plain name when free, writes the manifest, removes the temporary file', async () => {
    const t = temp('.x.part', 'data');
    const [placed] = await placeFiles(dir, 'stem', [{ tempPath: t, kind: 'csv', manifest: (name) => `{"file":"${name}"}` }]);
    assert.equal(placed.name, 'stem.csv');
    assert.equal(readFileSync(placed.path, 'utf8'), 'data');
    assert.equal(readFileSync(placed.manifestPath, 'utf8'), '{"file":"stem.csv"}');
    assert.equal(existsSync(t), false);
  });

  it('leaves an existing file byte-identical and takes the next suffix', async () => {
    const existing = Buffer.from([0, 1, 2, 255, 13, 10]);
    writeFileSync(path.join(dir, 'stem.csv'), existing);
    writeFileSync(path.join(dir, 'stem-2.csv.manifest.json'), 'an orphan manifest also blocks its name');
    const [placed] = await placeFiles(dir, 'stem', [{ tempPath: temp('.y.part', 'new'), kind: 'csv', manifest: () => '{}' }]);
    assert.equal(placed.name, 'stem-3.csv');
    assert.deepEqual(readFileSync(path.join(dir, 'stem.csv')), existing);
    assert.equal(readFileSync(path.join(dir, 'stem-2.csv.manifest.json'), 'utf8'), 'an orphan manifest also blocks its name');
    assert.deepEqual(readdirSync(dir).sort(), ['stem-2.csv.manifest.json', 'stem-3.csv', 'stem-3.csv.manifest.json', 'stem.csv']);
  });

  it('keeps a CSV and its JSON Lines twin under one suffix', async () => {
    writeFileSync(path.join(dir, 'stem.jsonl'), 'old');
    const placed = await placeFiles(dir, 'stem', [
      { tempPath: temp('.a.part', 'csv'), kind: 'csv', manifest: () => '{}' },
      { tempPath: temp('.b.part', 'jsonl'), kind: 'jsonl', manifest: () => '{}' },
    ]);
    assert.deepEqual(placed.map((p) => p.name), ['stem-2.csv', 'stem-2.jsonl']);
    assert.equal(readFileSync(path.join(dir, 'stem.jsonl'), 'utf8'), 'old');
  });

  it('creates exclusively: an existing target is reported, not replaced', async () => {
    const source = temp('s', 'new');
    const target = temp('t', 'old');
    assert.equal(await createExclusive(source, target), false);
    assert.equal(readFileSync(target, 'utf8'), 'old');
    assert.equal(await createExclusive(source, path.join(dir, 'u')), true);
    assert.equal(readFileSync(path.join(dir, 'u'), 'utf8'), 'new');
  });
});

// Windows (issue 10 item 8): an antivirus scanner or the indexer can hold a just-written file for a moment,
// so removing the temporary file fails once with EBUSY/EPERM. The export and its manifest are placed by
// then: the removal is retried briefly, and a removal that keeps failing never turns that success into a
// reported failure.
describe('export: a locked temporary file (Windows)', () => {
  let dir: string;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fsPromises = require('node:fs/promises') as { unlink: (p: string) => Promise<void> };
  const realUnlink = fsPromises.unlink;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-locked-'));
  });
  afterEach(() => {
    fsPromises.unlink = realUnlink;
    rmSync(dir, { recursive: true, force: true });
  });

  function lockedFor(file: string, failures: number, errorCode: string): () => number {
    let calls = 0;
    fsPromises.unlink = async (p: string) => {
      if (p === file && calls++ < failures) throw Object.assign(new Error(`${errorCode}: resource busy or locked, unlink '${p}'`), { code: errorCode });
      return realUnlink(p);
    };
    return () => calls;
  }

  for (const errorCode of ['EBUSY', 'EPERM', 'EACCES']) {
    it(`${errorCode} once when removing the temporary file: retried, and the export is placed`, async () => {
      const t = path.join(dir, '.z.part');
      writeFileSync(t, 'data');
      const calls = lockedFor(t, 1, errorCode);
      const [placed] = await placeFiles(dir, 'stem', [{ tempPath: t, kind: 'csv', manifest: () => '{}' }]);
      assert.equal(readFileSync(placed.path, 'utf8'), 'data');
      assert.equal(existsSync(t), false, 'removed on the retry');
      assert.equal(calls(), 2);
    });
  }

  it('a temporary file that stays locked does not turn a placed export into a failure', async () => {
    const t = path.join(dir, '.w.part');
    writeFileSync(t, 'data');
    lockedFor(t, Number.POSITIVE_INFINITY, 'EPERM');
    const [placed] = await placeFiles(dir, 'stem', [{ tempPath: t, kind: 'csv', manifest: () => '{}' }]);
    assert.equal(readFileSync(placed.path, 'utf8'), 'data');
    assert.ok(existsSync(placed.manifestPath));
  });
});
