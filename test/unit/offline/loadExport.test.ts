// Reading an export's CSV back into records: exactly the records written, whatever the chunking; and a
// malformed file refused as a whole, naming the line of the first problem.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import type { AuditRecord } from '../../../src/api/types';
import { parseAuditRecord } from '../../../src/api';
import { ExportFileError } from '../../../src/exportFile/read/csvRows';
import { EXPORT_COLUMNS as READER_COLUMNS } from '../../../src/exportFile/format/columns';
import { loadExport, parseCsv, parseJsonLines } from '../../../src/offline/core/loadExport';
import { shownJsonLines } from '../../../src/export/core/shownRecords';
import type { RecordTable } from '../../../src/offline/core/recordTable';
import { CSV_HEADER, EXPORT_COLUMNS, HOSTILE_STRINGS } from '../../../simulator';
import { arbitraryRecord, bytesOf, chunksOf, exportCsv, newestFirst, record } from './records';

function all(table: RecordTable): AuditRecord[] {
  return Array.from({ length: table.size }, (_, i) => table.record(i));
}

async function parseText(text: string, sizes?: number[]): Promise<RecordTable> {
  return parseCsv(chunksOf(bytesOf(text), sizes));
}

async function refusal(text: string | Uint8Array): Promise<ExportFileError> {
  const bytes = typeof text === 'string' ? bytesOf(text) : text;
  try {
    await parseCsv(chunksOf(bytes, [7, 64, 1024]));
  } catch (e) {
    assert.ok(e instanceof ExportFileError, `expected ExportFileError, got ${String(e)}`);
    return e;
  }
  assert.fail('the file was accepted');
}

describe('offline: reading an export CSV', () => {
  it('reads the columns the simulator documents, in its order', () => {
    assert.deepEqual([...READER_COLUMNS], [...EXPORT_COLUMNS]);
  });

  it('rebuilds every record exactly, hostile strings included', async () => {
    const records = newestFirst([
      record(),
      record({ creationDate: Date.UTC(2025, 0, 9), description: '=1+1\nnote', superAdmin: true }, { accountId: null, operations: [{ operation: 'administer', targetType: 'application' }] }),
      record({ creationDate: Date.UTC(2025, 0, 8), changedValues: [{ name: 'Title', oldValue: 'a', newValue: '', hiddenNewValue: '' }] }, { publicName: undefined, username: null, isGuest: true }),
      ...HOSTILE_STRINGS.map((s, i) => record({ creationDate: Date.UTC(2024, 11, 1) + i, summary: s, affectedObject: { name: s, objectType: 'Page' } }, { displayName: s })),
    ]);
    const table = await parseText(exportCsv(records), [1000]);
    assert.deepEqual(all(table), records);
  });

  it('round-trips arbitrary records through the CSV, whatever the chunk boundaries (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryRecord, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }), async (records, sizes) => {
        const sorted = newestFirst(records);
        const table = await parseText(exportCsv(sorted), sizes);
        // The very records the live client's parser would have produced from the API's JSON.
        assert.deepEqual(all(table), sorted.map((r) => parseAuditRecord(JSON.parse(JSON.stringify(r)))));
      }),
      { numRuns: 150 },
    );
  });

  it('accepts a BOM, LF line ends and reordered columns', async () => {
    const r = record();
    const crlf = exportCsv([r]);
    assert.deepEqual(all(await parseText(`\uFEFF${crlf}`)), [r]);
    assert.deepEqual(all(await parseText(crlf.replace(/\r\n/g, '\n'))), [r]);
    // The same file with its first two columns swapped and one unknown column added: read by name.
    const [header, row] = Papa.parse<string[]>(crlf.trim(), { newline: '\r\n' }).data;
    const reorder = (cells: string[], extra: string): string[] => [cells[1], cells[0], ...cells.slice(2), extra];
    const reordered = Papa.unparse([reorder(header, 'Note'), reorder(row, 'ignored')], { newline: '\r\n' });
    assert.deepEqual(all(await parseText(reordered)), [r]);
  });

  it('sorts a file that is not newest first, keeping ties in file order', async () => {
    const a = record({ creationDate: 1000, summary: 'a' });
    const b = record({ creationDate: 3000, summary: 'b' });
    const c1 = record({ creationDate: 2000, summary: 'c1' });
    const c2 = record({ creationDate: 2000, summary: 'c2' });
    const table = await parseText(exportCsv([a, c1, b, c2]));
    assert.deepEqual(all(table).map((r) => r.summary), ['b', 'c1', 'c2', 'a']);
    assert.deepEqual(table.span(), { start: 1000, end: 3000 });
  });

  it('keeps identical records (same content, same millisecond) as separate records', async () => {
    const r = record();
    assert.equal((await parseText(exportCsv([r, r, r]))).size, 3);
  });

  it('reads a header-only export as empty', async () => {
    const table = await parseText(CSV_HEADER);
    assert.equal(table.size, 0);
    assert.equal(table.span(), undefined);
  });

  describe('refuses a malformed file with the line of the problem', () => {
    const good = exportCsv([record({ creationDate: 3000 }), record({ creationDate: 2000, description: 'two\r\nlines' }), record({ creationDate: 1000 })]);
    const lines = good.split('\r\n');
    // Lines: 1 header, 2 first record, 3–4 second record (a cell spans two lines), 5 third record.

    it('an empty file', async () => {
      assert.match((await refusal('')).message, /empty/);
    });

    it('a file that is not an audit export', async () => {
      const e = await refusal('name,age\r\nalice,3\r\n');
      assert.equal(e.line, 1);
      assert.match(e.message, /columns of this header are not known/);
    });

    it('a header missing a column', async () => {
      const e = await refusal(good.replace('Author user key,', ''));
      assert.equal(e.line, 1);
      assert.match(e.message, /Author user key/);
    });

    it('a row with a cell too few, after a record spanning two lines', async () => {
      const broken = [...lines.slice(0, 4), lines[4].replace(/,[^,]*$/, ''), ''].join('\r\n');
      const e = await refusal(broken);
      assert.equal(e.line, 5);
      assert.match(e.message, /22 cells, the header has 23/);
    });

    it('a quote that is never closed', async () => {
      const e = await refusal(`${good}"unterminated,`);
      assert.equal(e.line, 6);
      assert.match(e.message, /never closed/);
    });

    it('a stray quote inside a cell', async () => {
      const e = await refusal(good.replace('"two\r\nlines"', '"two"x'));
      assert.equal(e.line, 3);
      assert.match(e.message, /stray double quote/);
    });

    it('a creation date that is not epoch milliseconds', async () => {
      const e = await refusal(good.replace(',1000,', ',soon,'));
      assert.equal(e.line, 5);
      assert.match(e.message, /Creation date/);
    });

    it('a Date that disagrees with the creation date (an edited file)', async () => {
      const e = await refusal(good.replace(new Date(2000).toISOString(), new Date(2001).toISOString()));
      assert.equal(e.line, 3);
      assert.match(e.message, /does not match/);
    });

    it('JSON that is not JSON, or not the right shape', async () => {
      assert.equal((await refusal(good.replace('"[{""name"":""Permission""', '"[{""name"":Permission""'))).line, 2);
      const shape = await refusal(good.replace('"[{""name"":""confluence-users""', '"[{""name"":17'));
      assert.equal(shape.line, 2);
      assert.match(shape.message, /Associated objects/);
    });

    it('a boolean that is neither true nor false', async () => {
      const rows = good.split('\r\n');
      rows[4] = rows[4].replace(',false,', ',maybe,');
      const e = await refusal(rows.join('\r\n'));
      assert.equal(e.line, 5);
      assert.match(e.message, /true or false/);
    });

    it('bytes that are not UTF-8', async () => {
      const bytes = Buffer.concat([bytesOf(good), Buffer.from([0xff, 0xfe, 0x0d, 0x0a])]);
      assert.match((await refusal(bytes)).message, /not UTF-8/);
    });

    it('more records than the limit allows', async () => {
      await assert.rejects(parseCsv(chunksOf(bytesOf(good)), { maxRecords: 2 }), (e: unknown) => e instanceof ExportFileError && e.line === 5 && /more than 2 records/.test(e.message));
    });
  });

  describe('JSON Lines (the lossless twin of "Export Shown Records")', () => {
    it('reads back arbitrary records exactly, whatever the chunking (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryRecord, { maxLength: 10 }), fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 4 }), async (records, sizes) => {
          const sorted = newestFirst(records);
          const table = await parseJsonLines(chunksOf(bytesOf([...shownJsonLines(sorted)].join('')), sizes));
          assert.deepEqual(all(table), sorted.map((r) => parseAuditRecord(JSON.parse(JSON.stringify(r)))));
        }),
        { numRuns: 100 },
      );
    });

    it('refuses a line that is not a record, naming it', async () => {
      const text = [...shownJsonLines([record({ creationDate: 3 }), record({ creationDate: 2 })])].join('') + '\n{"author": 5}\n';
      await assert.rejects(parseJsonLines(chunksOf(bytesOf(text), [5])), (e: unknown) => e instanceof ExportFileError && e.line === 4 && /author is not an object/.test(e.message));
      await assert.rejects(parseJsonLines(chunksOf(bytesOf('{"a":\n'))), (e: unknown) => e instanceof ExportFileError && e.line === 1 && /not valid JSON/.test(e.message));
    });
  });

  describe('loadExport (a file on disk)', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'offline-load-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reports the SHA-256 and size of the file it read', async () => {
      const file = path.join(dir, 'a.csv');
      const text = exportCsv([record()]);
      writeFileSync(file, text);
      const loaded = await loadExport(file);
      assert.equal(loaded.format, 'csv');
      assert.equal(loaded.bytes, Buffer.byteLength(text));
      assert.equal(loaded.sha256, (await import('node:crypto')).createHash('sha256').update(text).digest('hex'));
      assert.equal(loaded.table.size, 1);
    });

    it('tells a ZIP, a CSV and JSON Lines apart by content, not by name', async () => {
      const jsonl = path.join(dir, 'records.csv');
      writeFileSync(jsonl, [...shownJsonLines([record()])].join(''));
      const loaded = await loadExport(jsonl);
      assert.equal(loaded.format, 'jsonl');
      assert.deepEqual(all(loaded.table), [record()]);
    });

    it('stops when cancelled', async () => {
      const file = path.join(dir, 'b.csv');
      writeFileSync(file, exportCsv(Array.from({ length: 2000 }, (_, i) => record({ creationDate: 10_000 - i }))));
      const abort = new AbortController();
      abort.abort();
      await assert.rejects(loadExport(file, { signal: abort.signal }));
    });
  });
});

describe('offline: a file with mixed line ends', () => {
  it('names the real problem: CRLF and lone LF mixed, so two lines were read as one row (issue 10, Also)', async () => {
    const crlf = exportCsv([record({ summary: 'first' }), record({ summary: 'second' }), record({ summary: 'third' })]);
    const lines = crlf.split('\r\n');
    // The third line (the second record) ends with LF only, as after a careless edit.
    const mixed = `${lines.slice(0, 3).join('\r\n')}\n${lines.slice(3).join('\r\n')}`;
    await assert.rejects(parseCsv(chunksOf(bytesOf(mixed))), (e: unknown) => e instanceof ExportFileError && e.line === 3 && /mixes line ends.*CRLF.*LF alone/i.test(e.message));
  });
});
