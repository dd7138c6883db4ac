// A CSV export whose body the server ended cleanly mid-row (issue 10 item 7): the transfer looks complete
// (no broken connection, the length matches), but the file is not. An unterminated last row or quoted cell,
// or a last row with the wrong number of cells, fails the export, and no file is placed.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { csvLine } from '../../../simulator/csv';
import { AuditError, type ExportQuery } from '../../../src/api';
import { CsvEndCheck } from '../../../src/exportFile/digest/csvEndCheck';
import { downloadExport, type ExportSource } from '../../../src/export/core/download';

const HEADER = 'Date,Author,Summary,Description\r\n';
const ROW = '2025-06-01T12:00:00Z,Ann,"Page ""Plan"" updated","two\r\nlines, with a comma"\r\n';

/** A server that sends `text` in chunks of `chunk` bytes and ends the body cleanly. */
function serverSending(text: string, chunk = 7): ExportSource {
  return {
    exportTo: async (_query: ExportQuery, sink: NodeJS.WritableStream) => {
      const bytes = Buffer.from(text, 'utf8');
      for (let i = 0; i < bytes.length; i += chunk) {
        if (!sink.write(bytes.subarray(i, i + chunk))) await new Promise((resolve) => sink.once('drain', resolve));
      }
      await new Promise<void>((resolve, reject) => {
        sink.once('error', reject);
        sink.end(() => resolve());
      });
      return { bytes: bytes.length, contentType: 'text/csv' };
    },
  };
}

describe('export: a CSV body that ends cleanly but mid-row', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-truncated-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function attempt(text: string, chunk?: number): Promise<AuditError | undefined> {
    const temp = path.join(dir, `x-${Math.random().toString(36).slice(2)}.csv.part`);
    try {
      await downloadExport(serverSending(text, chunk), { format: 'csv' }, temp);
      rmSync(temp);
      return undefined;
    } catch (e) {
      assert.ok(e instanceof AuditError, String(e));
      assert.equal(existsSync(temp), false, 'no file is left');
      return e;
    }
  }

  it('a complete export passes, whatever the chunking', async () => {
    for (const chunk of [1, 3, 7, 64, 65_536]) assert.equal(await attempt(HEADER + ROW + ROW, chunk), undefined, `chunks of ${chunk}`);
    assert.equal(await attempt(HEADER), undefined, 'a header and no records');
  });

  it('fails when the last row has no line end', async () => {
    const e = await attempt(HEADER + ROW + '2025-06-01T12:00:00Z,Bob,Space');
    assert.match(e?.message ?? 'accepted', /incomplete.*last row has no line end/i);
  });

  it('fails when the body ends inside a quoted cell', async () => {
    const e = await attempt(HEADER + ROW + '2025-06-01T12:00:00Z,Bob,"Page ""Pl');
    assert.match(e?.message ?? 'accepted', /incomplete.*inside a quoted cell/i);
    const e2 = await attempt(HEADER + ROW + '2025-06-01T12:00:00Z,Bob,x,"two\r\n');
    assert.match(e2?.message ?? 'accepted', /incomplete.*inside a quoted cell/i);
  });

  it('fails when the last row has the wrong number of cells', async () => {
    const e = await attempt(HEADER + ROW + '2025-06-01T12:00:00Z,Bob\r\n');
    assert.match(e?.message ?? 'accepted', /incomplete.*last row has 2 cells; the header has 4/i);
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('export: the end check against every cut of a well-formed export (property)', () => {
  it('a whole file passes in any chunking; a cut anywhere but at a row end is caught', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' ', 'é', '='), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), fc.nat(), (rows, chunk, cutSeed) => {
        const lines = [csvLine(['Date', 'Author', 'Summary']), ...rows.map((r) => csvLine(r))];
        const text = Buffer.from(lines.join(''), 'utf8');
        assert.equal(check(text, chunk), undefined, 'the whole file');
        const rowEnds = new Set<number>();
        let at = 0;
        for (const line of lines) rowEnds.add((at += Buffer.byteLength(line)));
        const cut = 1 + (cutSeed % (text.length - 1));
        if (!rowEnds.has(cut)) assert.notEqual(check(text.subarray(0, cut), chunk), undefined, `cut at ${cut} of ${JSON.stringify(text.toString())}`);
      }),
      { numRuns: 500 },
    );
  });
});

function check(bytes: Uint8Array, chunk: number): string | undefined {
  const c = new CsvEndCheck();
  for (let i = 0; i < bytes.length; i += chunk) c.update(bytes.subarray(i, i + chunk));
  return c.problem();
}
