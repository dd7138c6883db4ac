import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import Papa from 'papaparse';
import type { AuditRecord } from '../../../src/api/types';
import { CSV_COLUMNS, csvHeader, csvRow, csvSafeCell, csvUnsafeCell, recordsToCsv, recordToCsvRow } from '../../../src/exportFile/format/safeCsv';
import { recordToJsonLine } from '../../../src/exportFile/format/jsonLines';
import { sampleRecord, SYSTEM_AUTHOR } from '../model/sampleRecord';

/** What a spreadsheet would take for a formula: a formula character first, even after blanks or invisibles. */
const SPREADSHEET_FORMULA = /^(?:[\t\r\n]|[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text.endsWith('\r\n') ? text.slice(0, -2) : text, { delimiter: ',', newline: '\r\n', header: false });
  assert.deepEqual(result.errors, []);
  return result.data;
}

const formulaPrefix = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", ' =', '\u00A0+', '\u200B@', '＝', ';', ',', '"', '');
const hostileCell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(formulaPrefix, fc.string({ unit: 'binary', maxLength: 40 })).map(([p, s]) => p + s),
  fc.constantFrom('=1+1\nnote', '=HYPERLINK("http://evil","x")', '-2+3', "'=already", '@SUM(A1)', '\r\n=cmd', 'a;=cmd|\' /C calc\'!A0'),
);

describe('exportFile/format/safeCsv', () => {
  describe('csvSafeCell', () => {
    it('neutralises formulas, including across lines and after blanks', () => {
      assert.equal(csvSafeCell('=1+1\nnote'), "'=1+1\nnote");
      assert.equal(csvSafeCell('+1'), "'+1");
      assert.equal(csvSafeCell('-1'), "'-1");
      assert.equal(csvSafeCell('@SUM(A1)'), "'@SUM(A1)");
      assert.equal(csvSafeCell('\tx'), "'\tx");
      assert.equal(csvSafeCell('\rx'), "'\rx");
      assert.equal(csvSafeCell('\nx'), "'\nx");
      assert.equal(csvSafeCell('  =cmd'), "'  =cmd");
      assert.equal(csvSafeCell('＝cmd'), "'＝cmd");
    });

    it('leaves ordinary text alone and guards a leading apostrophe so the rule is reversible', () => {
      assert.equal(csvSafeCell('Space permission added'), 'Space permission added');
      assert.equal(csvSafeCell('a=b'), 'a=b');
      assert.equal(csvSafeCell(''), '');
      assert.equal(csvSafeCell("'quoted"), "''quoted");
      assert.equal(csvUnsafeCell("''quoted"), "'quoted");
      assert.equal(csvUnsafeCell('plain'), 'plain');
    });
  });

  it('writes cells a spreadsheet cannot run, which papaparse reads back exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(hostileCell, { minLength: 1, maxLength: 6 }), (cells) => {
        const parsed = parseCsv(csvRow(cells));
        assert.equal(parsed.length, 1);
        assert.deepEqual(parsed[0], cells.map(csvSafeCell));
        for (const cell of parsed[0]) assert.ok(!SPREADSHEET_FORMULA.test(cell), JSON.stringify(cell));
        assert.deepEqual(parsed[0].map(csvUnsafeCell), cells);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps rows apart whatever the cells contain (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(hostileCell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = parseCsv(rows.map(csvRow).join(''));
        assert.deepEqual(parsed.map((row) => row.map(csvUnsafeCell)), rows);
      }),
      { numRuns: 1000 },
    );
  });

  it('quotes every cell and ends lines with CRLF', () => {
    assert.equal(csvRow(['a', 'b"c', '']), '"a","b""c",""\r\n');
  });

  describe('records', () => {
    const hostile = sampleRecord({
      summary: '=HYPERLINK("http://evil.example","click")',
      description: 'line one\nline two, with "quotes"',
      author: { ...SYSTEM_AUTHOR, displayName: '@admin' },
      changedValues: [{ name: 'Password', oldValue: '', newValue: '', hiddenOldValue: '', hiddenNewValue: '' }],
    });

    it('writes the documented columns', () => {
      const [header, row] = parseCsv(recordsToCsv([sampleRecord()]));
      assert.deepEqual(header, [...CSV_COLUMNS]);
      const cell = (name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
      assert.equal(cell('creationDate'), '2026-11-25T14:03:22.123Z');
      assert.equal(cell('creationDateMs'), String(Date.UTC(2026, 10, 25, 14, 3, 22, 123)));
      assert.equal(cell('authorDisplayName'), 'alice');
      assert.equal(cell('authorAccountId'), '5b10a2844c20165700ede21g');
      assert.equal(cell('authorType'), 'user');
      assert.equal(cell('remoteAddress'), '10.1.2.3');
      assert.equal(cell('category'), 'Permissions');
      assert.equal(cell('affectedObjectName'), 'Engineering');
      assert.equal(cell('affectedObjectType'), 'Space');
      assert.deepEqual(JSON.parse(cell('associatedObjects')), [{ name: 'confluence-users', objectType: 'Group' }]);
      assert.deepEqual(JSON.parse(cell('changedValues')), [{ name: 'Permission', oldValue: '', newValue: 'View' }]);
      assert.equal(cell('sysAdmin'), 'false');
      assert.equal(cell('superAdmin'), 'false');
    });

    it('writes the time in another zone when asked', () => {
      const [, row] = parseCsv(recordsToCsv([sampleRecord()], 'Europe/Berlin'));
      assert.equal(row[0], '2026-11-25T15:03:22.123+01:00');
    });

    it('neutralises hostile record text and keeps hidden-value markers', () => {
      const rows = parseCsv(csvHeader() + recordToCsvRow(hostile));
      assert.equal(rows.length, 2);
      const row = rows[1];
      assert.equal(row[CSV_COLUMNS.indexOf('summary')], `'${hostile.summary}`);
      assert.equal(row[CSV_COLUMNS.indexOf('authorDisplayName')], "'@admin");
      assert.equal(row[CSV_COLUMNS.indexOf('description')], hostile.description);
      assert.deepEqual(JSON.parse(row[CSV_COLUMNS.indexOf('changedValues')]), hostile.changedValues);
      for (const cell of row) assert.ok(!SPREADSHEET_FORMULA.test(cell), cell);
    });

    it('tolerates records with missing fields', () => {
      const broken = { creationDate: 0, summary: 'x' } as unknown as AuditRecord;
      const [, row] = parseCsv(recordsToCsv([broken]));
      assert.equal(row.length, CSV_COLUMNS.length);
      assert.equal(row[CSV_COLUMNS.indexOf('changedValues')], '[]');
    });
  });

  describe('recordToJsonLine', () => {
    it('writes one line that parses back to the record', () => {
      const r = sampleRecord({ summary: 'a\nb\u2028c\u2029d' });
      const line = recordToJsonLine(r);
      assert.ok(line.endsWith('\n'));
      assert.ok(!/[\n\r\u2028\u2029]/.test(line.slice(0, -1)));
      assert.deepEqual(JSON.parse(line), r);
    });
  });
});
