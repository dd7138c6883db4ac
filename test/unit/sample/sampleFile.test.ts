// The sample audit log shipped for a first run (issue 16): the committed file is exactly what the generator
// writes (so it cannot go stale), it opens with the offline reader as our export format, and its planted
// hostile records read back unchanged.
import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadExport } from '../../../src/offline/core/loadExport';
import type { RecordTable } from '../../../src/offline/core/recordTable';
import {
  COMMAND_LINK_NAME, FORMULA_VALUE, IMG_GROUP_NAME, LONG_DESCRIPTION, PLANTED, RTL_PAGE_TITLE, SAMPLE_ANCHOR, SAMPLE_FILE,
  SAMPLE_PERIOD_MS, SAMPLE_RECORDS, SCRIPT_PAGE_TITLE, sampleCsv,
} from '../../../scripts/sample/sampleLog';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FILE = path.join(ROOT, ...SAMPLE_FILE);

describe('sample audit log (sample/confluence-audit-sample.csv)', () => {
  let table: RecordTable;
  before(async () => {
    table = (await loadExport(FILE)).table;
  });

  it('is byte for byte what `npm run sample` generates', () => {
    const committed = readFileSync(FILE);
    const generated = Buffer.from(sampleCsv(), 'utf8');
    // Compared as bytes: a line-end conversion on checkout (see .gitattributes) must fail too.
    assert.ok(committed.equals(generated), `${SAMPLE_FILE.join('/')} differs from the generator's output: run \`npm run sample\` and commit the file`);
  });

  it('stays small enough to ship in the .vsix', () => {
    assert.ok(statSync(FILE).size < 2 * 1024 * 1024, `${statSync(FILE).size} bytes`);
  });

  it('opens as our export format: a few thousand records over two weeks, newest first', () => {
    assert.equal(table.size, SAMPLE_RECORDS);
    const newest = table.record(0).creationDate;
    const oldest = table.record(table.size - 1).creationDate;
    assert.ok(newest <= SAMPLE_ANCHOR && newest > SAMPLE_ANCHOR - 60 * 60 * 1000, `the newest record is within the hour before the anchor: ${new Date(newest).toISOString()}`);
    assert.ok(oldest >= SAMPLE_ANCHOR - SAMPLE_PERIOD_MS && oldest < SAMPLE_ANCHOR - SAMPLE_PERIOD_MS + 60 * 60 * 1000, `the oldest is about two weeks earlier: ${new Date(oldest).toISOString()}`);
    for (let i = 1; i < table.size; i++) assert.ok(table.record(i).creationDate <= table.record(i - 1).creationDate, `newest first at ${i}`);
    // Every day of the two weeks holds records: browsing by day buckets shows no empty days.
    const days = new Set(Array.from({ length: table.size }, (_, i) => Math.floor(table.record(i).creationDate / 86_400_000)));
    assert.ok(days.size >= 14, `${days.size} days with records`);
  });

  it('reads back each planted hostile value exactly, where it was planted', () => {
    assert.equal(PLANTED.length, 5);
    const at = (index: number) => table.record(index);
    assert.equal(at(2).affectedObject.name, SCRIPT_PAGE_TITLE);
    assert.equal(at(5).affectedObject.name, RTL_PAGE_TITLE);
    assert.ok(RTL_PAGE_TITLE.includes('\u202E'), 'a right-to-left override');
    assert.equal(at(9).changedValues[0]?.newValue, FORMULA_VALUE);
    assert.equal(at(14).description, LONG_DESCRIPTION);
    assert.ok(LONG_DESCRIPTION.length > 10_000, `${LONG_DESCRIPTION.length} characters`);
    assert.equal(at(20).affectedObject.name, COMMAND_LINK_NAME);
    assert.equal(at(20).associatedObjects[0]?.name, IMG_GROUP_NAME);
    for (const plant of PLANTED) assert.equal(at(plant.index).summary, plant.summary, `record ${plant.index}`);
  });

  it('is otherwise ordinary: hostile strings in about one record in a hundred, from real-looking people', () => {
    const hostile = /<script|<img|\u202E|^[=+\-@\t]|\]\(command:/;
    let count = 0;
    const people = new Set<string>();
    for (let i = 0; i < table.size; i++) {
      const r = table.record(i);
      const texts = [r.description, r.affectedObject.name, r.author.displayName, ...r.associatedObjects.map((o) => o.name), ...r.changedValues.map((v) => v.newValue)];
      if (texts.some((t) => hostile.test(t))) count++;
      people.add(r.author.displayName);
    }
    assert.ok(count >= PLANTED.length && count <= table.size / 50, `${count} hostile records`);
    assert.ok(people.size >= 20, `${people.size} different authors`);
  });
});
