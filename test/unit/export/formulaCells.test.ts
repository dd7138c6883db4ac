// Server CSV exports carrying live formulas (issue 10 item 5): the server's bytes stay verbatim (evidence),
// formula-like cells are counted while streaming, the count goes into the digest and the manifest, and a
// spreadsheet-safe copy neutralises them.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import * as Papa from 'papaparse';
import { csvLine } from '../../../simulator/csv';
import type { ExportQuery } from '../../../src/api';
import { downloadExport, type ExportSource } from '../../../src/export/core/download';
import { FormulaCellCounter } from '../../../src/exportFile/digest/formulaCells';
import { buildManifest } from '../../../src/exportFile/manifest';
import { writeSpreadsheetSafeCopy } from '../../../src/export/core/spreadsheetSafeCopy';
import { fileBytes } from '../../../src/exportFile/read/localFile';

const HOSTILE = [
  csvLine(['Date', 'Author', 'Summary', 'Description']),
  csvLine(['2025-06-01T12:00:00Z', 'Ann', '=HYPERLINK("http://evil.test","x")', 'a,=not a cell start']),
  csvLine(['2025-06-01T12:00:01Z', '@SUM(A1:A9)', 'plain', '\t=1']),
  csvLine(['2025-06-01T12:00:02Z', 'Bob', '-2+3', 'two\nlines']),
].join('');

function source(text: string): ExportSource {
  return {
    exportTo: async (_q: ExportQuery, sink: NodeJS.WritableStream) => {
      await new Promise<void>((resolve) => sink.end(Buffer.from(text), () => resolve()));
      return { bytes: Buffer.byteLength(text), contentType: 'text/csv' };
    },
  };
}

/** The same rule read through papaparse, cell by cell. */
function papaCount(text: string): number {
  const rows = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data;
  return rows.flat().filter((c) => /^[=+\-@\t]/.test(c) || /^[\r\n]/.test(c)).length;
}

function streamed(text: string, chunk: number): number {
  const counter = new FormulaCellCounter();
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunk) counter.update(bytes.subarray(i, i + chunk));
  return counter.formulaCells;
}

describe('export: formula-like cells in a server CSV export', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-formulas-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('are counted while downloading, the file stays byte for byte what the server sent, and the manifest records the count', async () => {
    const file = path.join(dir, 'hostile.csv');
    const digest = await downloadExport(source(HOSTILE), { format: 'csv' }, file);
    assert.equal(readFileSync(file, 'utf8'), HOSTILE, 'verbatim');
    assert.equal(digest.formulaCells, 4);
    const manifest = buildManifest({ file: 'hostile.csv', site: { url: 'https://x.test', label: 'x' }, start: 0, end: 1, format: 'csv', source: 'server', digest, extension: { id: 'a.b', version: '1' }, exportedAt: 0 });
    assert.equal(manifest.formulaCells, 4);
  });

  it('the spreadsheet-safe copy neutralises every formula-like cell and keeps the rest', async () => {
    const file = path.join(dir, 'source.csv');
    await downloadExport(source(HOSTILE), { format: 'csv' }, file);
    const copy = path.join(dir, 'copy.csv');
    await writeSpreadsheetSafeCopy(fileBytes(file), copy);
    const rows = Papa.parse<string[]>(readFileSync(copy, 'utf8'), { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    assert.equal(rows.length, 4);
    assert.equal(rows[1][2], `'=HYPERLINK("http://evil.test","x")`);
    assert.equal(rows[2][1], `'@SUM(A1:A9)`);
    assert.equal(rows[2][3], `'\t=1`);
    assert.equal(rows[3][2], `'-2+3`);
    assert.equal(rows[1][3], 'a,=not a cell start', 'text inside a cell is kept');
    assert.equal(papaCount(readFileSync(copy, 'utf8')), 0, 'no formula-like cell is left');
  });

  it('a copy that cannot be finished leaves no partial file, and an existing file is never replaced', async () => {
    const broken = path.join(dir, 'broken.csv');
    await downloadExport(source(HOSTILE), { format: 'csv' }, broken);
    const copy = path.join(dir, 'broken-copy.csv');
    async function* unclosed(): AsyncIterable<Uint8Array> {
      yield Buffer.from(`${HOSTILE}2025-06-01,"never closed`);
    }
    await assert.rejects(writeSpreadsheetSafeCopy(unclosed(), copy), /never closed/);
    assert.equal(existsSync(copy), false);
    await assert.rejects(writeSpreadsheetSafeCopy(fileBytes(broken), broken), /EEXIST/);
    assert.equal(readFileSync(broken, 'utf8'), HOSTILE);
  });

  it('property: the streaming count is papaparse’s, in any chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' '), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 30 }), (rows, chunk) => {
        const text = [csvLine(['Date', 'Author']), ...rows.map((r) => csvLine(r))].join('');
        assert.equal(streamed(text, chunk), papaCount(text), JSON.stringify(text));
      }),
      { numRuns: 500 },
    );
  });
});
