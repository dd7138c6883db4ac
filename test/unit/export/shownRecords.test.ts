// "Export Shown Records": a spreadsheet-safe CSV and lossless JSON Lines of the records the tree shows.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { digestExportFile } from '../../../src/exportFile/digest/digest';
import { shownCsvLines, shownJsonLines, writeLines } from '../../../src/export/core/shownRecords';
import { csvUnsafeCell } from '../../../src/exportFile/format/safeCsv';
import { HOSTILE_STRINGS } from '../../../simulator';
import { arbitraryRecord, record } from '../offline/records';

/** What a spreadsheet would run as a formula (see the CSV notes in shared/notes/vscode-pitfalls.md). */
const FORMULA = /^(?:[\t\r\n]|[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

describe('export: shown records', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-shown-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const records = HOSTILE_STRINGS.map((s, i) => record({ creationDate: 10_000 - i, summary: s, description: `${s}\nsecond line` }, { displayName: s }));

  it('writes a CSV whose every cell is spreadsheet-safe and reads back to the values shown', async () => {
    const file = path.join(dir, 'shown.csv');
    await writeLines(file, shownCsvLines(records, 'utc'));
    const text = readFileSync(file, 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'a BOM so spreadsheets read UTF-8');
    const rows = Papa.parse<string[]>(text.slice(1).trimEnd(), { newline: '\r\n' }).data;
    assert.equal(rows.length, records.length + 1);
    for (const cell of rows.flat()) assert.doesNotMatch(cell, FORMULA, cell.slice(0, 30));
    const summary = rows[0].indexOf('summary');
    assert.deepEqual(rows.slice(1).map((r) => csvUnsafeCell(r[summary])), HOSTILE_STRINGS);
    assert.equal((await digestExportFile(file, 'csv')).records, records.length);
  });

  it('writes JSON Lines that give back the records exactly', async () => {
    const file = path.join(dir, 'shown.jsonl');
    await writeLines(file, shownJsonLines(records));
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
    assert.deepEqual(lines.map((l) => JSON.parse(l) as unknown), records);
    assert.equal((await digestExportFile(file, 'jsonl')).records, records.length);
  });

  it('any record gives spreadsheet-safe cells that papaparse reads back (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryRecord, { minLength: 1, maxLength: 5 }), async (some) => {
        const file = path.join(dir, `p${n++}.csv`);
        await writeLines(file, shownCsvLines(some, 'utc'));
        const parsed = Papa.parse<string[]>(readFileSync(file, 'utf8').slice(1).replace(/\r\n$/, ''), { newline: '\r\n' });
        assert.deepEqual(parsed.errors, []);
        assert.equal(parsed.data.length, some.length + 1);
        for (const cell of parsed.data.flat()) assert.doesNotMatch(cell, FORMULA);
        const summary = parsed.data[0].indexOf('summary');
        assert.deepEqual(parsed.data.slice(1).map((r) => csvUnsafeCell(r[summary])), some.map((r) => r.summary));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses to write over an existing file', async () => {
    const file = path.join(dir, 'exists.csv');
    await writeLines(file, ['a']);
    await assert.rejects(writeLines(file, ['b']), /EEXIST/);
    assert.equal(readFileSync(file, 'utf8'), 'a');
  });
});
