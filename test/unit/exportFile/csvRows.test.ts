// Line numbers of CSV rows: a row starts on the line after the previous row's last line, and a line break
// inside a cell (CRLF, LF or a lone CR, counted once each) moves every later row down. The reader finds the
// rows holding such breaks from its text instead of looking into every cell; the numbers must not change.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as Papa from 'papaparse';
import { lineBreaksIn, readCsvRows } from '../../../src/exportFile/read/csvRows';

async function* chunked(text: string, sizes: readonly number[]): AsyncIterable<string> {
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    yield text.slice(at, at + size);
    at += size;
  }
}

/** Each non-empty row's line, counting every cell's breaks (what the reader did before, cell by cell). */
function expectedLines(text: string, newline: '\r\n' | '\n' | '\r'): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const cells of Papa.parse<string[]>(text, { newline, delimiter: ',' }).data) {
    if (!(cells.length === 1 && cells[0] === '')) lines.push(line);
    line += 1 + cells.reduce((n, cell) => n + lineBreaksIn(cell), 0);
  }
  return lines;
}

describe('offline: CSV row line numbers', () => {
  const cell = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
    { weight: 2, arbitrary: fc.constantFrom('a\r\nb', '\n', '\r', '\r\r\n', '\n\r', 'x\ny\rz', '"', ',', '') },
  );
  const newline = fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n');

  it('property: the line of every row is the line the cell-by-cell count gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }), newline, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }), async (rows, nl, sizes) => {
        const text = Papa.unparse([['a', 'b', 'c'], ...rows], { newline: nl, quotes: (_value, column) => column !== 1 });
        const seen: number[] = [];
        await readCsvRows(chunked(text, sizes), (_cells, line) => seen.push(line));
        assert.deepEqual(seen, expectedLines(text, nl));
      }),
      { numRuns: 300 },
    );
  });

  it('counts a CR that ends an unquoted cell of an LF file as a line of its own', async () => {
    const seen: number[] = [];
    await readCsvRows(chunked('a,b\nc\r\nd,e\n', [2]), (_cells, line) => seen.push(line));
    assert.deepEqual(seen, [1, 2, 4]);
  });

  it('reports the line of a row that fails, after rows spanning several lines', async () => {
    const text = 'a,b\r\n"one\r\ntwo\nthree",x\r\n"\r",y\r\nbad,row\r\n';
    await assert.rejects(
      readCsvRows(chunked(text, [3]), (cells, line) => {
        if (cells[0] === 'bad') throw new Error(`line ${line}`);
      }),
      /line 7/,
    );
  });
});

describe('offline: CSV cell size limit', () => {
  it('refuses a cell longer than the limit, naming its line, and takes a long row of short cells', async () => {
    const limits = { maxRowChars: 1000, maxCellChars: 10 };
    const long = `a,b\r\n${'x,'.repeat(20)}y\r\nshort,${'z'.repeat(11)}\r\n`;
    const lines: number[] = [];
    await assert.rejects(
      readCsvRows(chunked(long, [7]), (_cells, line) => lines.push(line), undefined, limits),
      (e: unknown) => e instanceof Error && /^Line 3: a cell is longer than/.test(e.message),
    );
    assert.deepEqual(lines, [1, 2]);
  });
});

describe('offline: CSV reading stopped early', () => {
  it('tells its source to stop (so that the file is closed at once), after a bad row', async () => {
    let stopped = false;
    const source: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => {
        const chunks = ['a,b\r\n', '1,2\r\n', '3,4\r\n', '5,6\r\n'];
        return {
          next: async () => (chunks.length > 0 ? { done: false, value: chunks.shift() ?? '' } : { done: true, value: undefined }),
          return: async () => {
            stopped = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    await assert.rejects(
      readCsvRows(source, (cells) => {
        if (cells[0] === '1') throw new Error('bad row');
      }),
      /bad row/,
    );
    assert.equal(stopped, true);
  });
});
