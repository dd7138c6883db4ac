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
