// The digest taken while a download streams to disk must equal the one "Verify Export…" recomputes with
// papaparse: same SHA-256 and size, and the same record count, or no count at all (the download then
// counts with papaparse) for files the streaming count cannot vouch for.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { countCsvRecords } from '../../../src/exportFile/digest/digest';
import { CsvRecordCounter } from '../../../src/exportFile/digest/csvRecordCounter';
import { DigestingStream, type StreamedDigest } from '../../../src/exportFile/digest/streamingDigest';
import { Utf8Validator } from '../../../src/exportFile/digest/utf8Validator';
import { csvRow as modelCsvRow, CSV_BOM } from '../../../src/exportFile/format/safeCsv';
import { arbitraryRecord, bytesOf, exportCsv } from '../offline/records';

/** Splits bytes into chunks of the given sizes, cycling (1-byte chunks cut every CRLF, quote pair and character). */
function split(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

async function streamed(bytes: Uint8Array, sizes: readonly number[] = [7, 1, 64]): Promise<StreamedDigest> {
  const digester = new DigestingStream(true);
  const passed: Buffer[] = [];
  digester.on('data', (chunk: Buffer) => passed.push(chunk));
  const finished = new Promise<void>((resolve, reject) => digester.on('end', resolve).on('error', reject));
  for (const chunk of split(bytes, sizes)) digester.write(chunk);
  digester.end();
  await finished;
  assert.deepEqual(Buffer.concat(passed), Buffer.from(bytes), 'the bytes pass through untouched');
  return digester.result();
}

async function papaparseCount(bytes: Uint8Array): Promise<number> {
  async function* once(): AsyncIterable<Uint8Array> {
    yield bytes;
  }
  return countCsvRecords(once());
}

function counted(bytes: Uint8Array, sizes: readonly number[]): number | undefined {
  const counter = new CsvRecordCounter();
  for (const chunk of split(bytes, sizes)) counter.update(chunk);
  return counter.finish();
}

const HEADER = 'Date,Author,Change\r\n';

describe('export: the digest taken while downloading', () => {
  const plain: Array<[string, string, number]> = [
    ['empty file', '', 0],
    ['header only', HEADER, 0],
    ['header only, no final line break', 'Date,Author,Change', 0],
    ['two rows, CRLF', `${HEADER}a,b,c\r\nd,e,f\r\n`, 2],
    ['no final line break', `${HEADER}a,b,c\r\nd,e,f`, 2],
    ['LF line ends', 'Date,Author,Change\na,b,c\nd,e,f\n', 2],
    ['quoted line breaks (CRLF, LF and CR) inside cells', `${HEADER}"a\r\nb","c\nd","e\rf"\r\n"x",y,z\r\n`, 2],
    ['escaped quotes, a quoted comma, an empty quoted cell', `${HEADER}"say ""hi""","a,b",""\r\n"""",x,"""\r\n"""\r\n`, 2],
    ['a quoted cell ending at the end of the file', `${HEADER}a,b,"c""\r\n"`, 1],
    ['blank lines and a lone "" are not records', `${HEADER}\r\na,b,c\r\n""\r\n\r\nd,e,f\r\ng,h,i\r\n`, 3],
    ['a row of empty cells is a record', `${HEADER},,\r\n`, 1],
    ['UTF-8 BOM and a quoted first header cell', '\uFEFF"Date",Author,Change\r\n"é",😀,c\r\n', 1],
    ['CR inside an unquoted cell of an LF file', 'Date,Author,Change\na\rb,c,d\n', 1],
  ];
  for (const [name, text, records] of plain) {
    it(`counts like papaparse: ${name}`, async () => {
      const bytes = bytesOf(text);
      assert.equal(await papaparseCount(bytes), records);
      for (const sizes of [[1], [2], [3, 1], [1 << 20]]) assert.equal(counted(bytes, sizes), records, `chunks of ${sizes.join(',')}`);
    });
  }

  it('vouches for the count of a plain export and passes size and SHA-256 through', async () => {
    const bytes = bytesOf(`${HEADER}"a\r\nb","c ""d""",e\r\nf,g,h`);
    const digest = await streamed(bytes);
    // No line end after the last row: the download refuses it as incomplete (csvEndCheck.ts).
    assert.deepEqual(digest, { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), records: 2, incomplete: 'its last row has no line end', formulaCells: 0 });
  });

  const declined: Array<[string, Uint8Array]> = [
    ['a quote inside an unquoted cell', bytesOf(`${HEADER}a"b,c,d\r\n`)],
    ['characters after a closing quote', bytesOf(`${HEADER}"a"b,c,d\r\n`)],
    ['an unclosed quote', bytesOf(`${HEADER}"a,b,c\r\n`)],
    ['a lone LF in a CRLF file', bytesOf(`${HEADER}a,b,c\nd,e,f\r\n`)],
    ['a lone CR in a CRLF file', bytesOf(`${HEADER}a,b\rc,d\r\n`)],
    ['CR line ends', bytesOf('Date,Author,Change\ra,b,c\r')],
    ['an LF file whose closing quote meets a CR', bytesOf('Date,Author,Change\na,b,"c"\r\n')],
    ['invalid UTF-8', Buffer.concat([bytesOf(HEADER), Buffer.from([0x61, 0xff, 0x2c, 0x62, 0x2c, 0x63, 0x0d, 0x0a])])],
    ['a character cut off at the end', Buffer.concat([bytesOf(`${HEADER}a,b,`), Buffer.from([0xe2, 0x82])])],
    ['semicolons, which papaparse guesses as the delimiter', bytesOf('Date;Author;Change\r\na;b;c\r\nd;e;f\r\n')],
    ['a single column (papaparse cannot guess a delimiter)', bytesOf('Date\r\na\r\nb\r\n')],
  ];
  for (const [name, bytes] of declined) {
    it(`leaves the count to papaparse: ${name}`, async () => {
      assert.equal((await streamed(bytes)).records, undefined);
    });
  }

  it('UTF-8 check: agrees with the fatal TextDecoder however the bytes are split', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), (bytes, sizes) => {
        let decodes = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          decodes = false;
        }
        const validator = new Utf8Validator();
        for (const chunk of split(bytes, sizes)) validator.update(chunk);
        assert.equal(validator.finish(), decodes);
      }),
      { numRuns: 2000 },
    );
    const text = bytesOf('aé€😀'.repeat(20));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), (sizes) => {
        const validator = new Utf8Validator();
        for (const chunk of split(text, sizes)) validator.update(chunk);
        assert.ok(validator.finish());
      }),
    );
  });

  const chunking = fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 5 });

  it('property: the simulator\'s export of any records is counted here, as papaparse counts it', async () => {
    // The streaming count may decline (then the download counts with papaparse): a tiny export whose
    // values hold tabs can make papaparse guess another delimiter. It must never give a wrong number,
    // and it must decline only rarely.
    let declined = 0;
    const runs = 150;
    await fc.assert(
      fc.asyncProperty(fc.array(arbitraryRecord, { maxLength: 12 }), chunking, async (records, sizes) => {
        const bytes = bytesOf(exportCsv(records));
        const digest = await streamed(bytes, sizes);
        if (digest.records === undefined) declined += 1;
        else assert.equal(digest.records, records.length);
        assert.equal(await papaparseCount(bytes), records.length);
      }),
      { numRuns: runs },
    );
    assert.ok(declined <= runs * 0.2, `declined ${declined} of ${runs} (and more while shrinking)`);
  });

  it('property: any cells through the extension\'s CSV writer (CRLF, every cell quoted, with or without BOM)', async () => {
    const cell = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '"', '""', '\r\n', '\n', '\r', ',', 'a"\r\n"b'));
    const rows = fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(rows, fc.boolean(), chunking, async (cells, bom, sizes) => {
        const text = (bom ? CSV_BOM : '') + modelCsvRow(['Date', 'Author', 'Change']) + cells.map((r) => modelCsvRow(r)).join('');
        const bytes = bytesOf(text);
        const expected = await papaparseCount(bytes);
        assert.equal((await streamed(bytes, sizes)).records, expected);
      }),
      { numRuns: 150 },
    );
  });

  it('property: on arbitrary text, a count given is papaparse\'s count', async () => {
    const piece = fc.constantFrom('a', ',', '"', '""', '\r\n', '\n', '\r', ' ', 'é', ';', '\t', '\uFEFF');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), chunking, async (pieces, sizes) => {
        const bytes = bytesOf(`${HEADER}${pieces.join('')}`);
        const digest = await streamed(bytes, sizes);
        if (digest.records === undefined) return;
        assert.equal(digest.records, await papaparseCount(bytes));
      }),
      { numRuns: 500 },
    );
  });
});
