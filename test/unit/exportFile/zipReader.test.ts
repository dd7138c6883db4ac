// Reading a ZIP export's CSV entry without extracting: the central directory first (entry count and
// names checked before anything is inflated), sizes and CRC-32 checked, limits enforced while inflating.
import * as assert from 'node:assert/strict';
import { Unzip, UnzipInflate, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { ExportFileError } from '../../../src/exportFile/read/csvRows';
import { csvEntry, listZipEntries, readZipEntry, unsafeNameReason, type RandomAccess, type ZipLimits } from '../../../src/exportFile/read/zipReader';

function inMemory(bytes: Uint8Array): RandomAccess {
  return { size: bytes.length, read: async (position, length) => bytes.subarray(position, position + length) };
}

/** A ZIP written the way exports are: streamed, sizes in data descriptors after each entry. */
function streamingZip(entries: Array<[string, Uint8Array, 'deflate' | 'store']>): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  for (const [name, data, method] of entries) {
    const entry = method === 'store' ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  return Buffer.concat(parts);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function readCsv(zip: Uint8Array, limits?: Partial<ZipLimits>): Promise<Buffer> {
  const file = inMemory(zip);
  const all: ZipLimits = { maxEntries: 64, maxEntryBytes: 1024 ** 3, ...limits };
  const entry = csvEntry(await listZipEntries(file, all));
  return collect(readZipEntry(file, entry, all));
}

const csv = Buffer.from('Date,Author\r\n2025-01-01T00:00:00.000Z,Alice\r\n'.repeat(2000), 'utf8');

describe('offline: ZIP reader', () => {
  it('reads the CSV entry of a streamed (data descriptor) ZIP and of a plain one, deflated or stored', async () => {
    assert.deepEqual(await readCsv(streamingZip([['confluence-audit-log.csv', csv, 'deflate']])), csv);
    assert.deepEqual(await readCsv(streamingZip([['confluence-audit-log.csv', csv, 'store']])), csv);
    assert.deepEqual(await readCsv(zipSync({ 'export.CSV': csv })), csv);
    assert.deepEqual(await readCsv(zipSync({ 'folder/': new Uint8Array(0), 'folder/export.csv': csv, 'readme.txt': Buffer.from('hi') })), csv);
  });

  it('is not fooled by a data-descriptor signature inside the entry data (where streaming Unzip stops early)', async () => {
    const tricky = Buffer.concat([Buffer.from('a,b\r\n'), Buffer.from([0x50, 0x4b, 0x07, 0x08]), Buffer.alloc(40, 0x41), Buffer.from('\r\n')]);
    const zip = streamingZip([['export.csv', tricky, 'store']]);
    assert.deepEqual(await readCsv(zip), tricky);
    // Why the central directory is used: fflate's streaming Unzip cuts this entry at the signature.
    const parts: Uint8Array[] = [];
    const unzip = new Unzip((file) => {
      file.ondata = (_error, data) => parts.push(data);
      file.start();
    });
    unzip.register(UnzipInflate);
    unzip.push(zip, true);
    assert.notDeepEqual(Buffer.concat(parts), tricky);
  });

  it('refuses an archive with too many entries before inflating anything', async () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, Buffer.from('x')]));
    await assert.rejects(listZipEntries(inMemory(zipSync({ ...files, 'a.csv': csv })), { maxEntries: 5, maxEntryBytes: 1e9 }), /6 entries; at most 5/);
  });

  it('stops inflating at the size limit (a zip bomb), and checks the recorded size', async () => {
    const bomb = zipSync({ 'bomb.csv': new Uint8Array(16 * 1024 * 1024) });
    assert.ok(bomb.length < 64 * 1024);
    await assert.rejects(readCsv(bomb, { maxEntryBytes: 1024 * 1024 }), /at most 1048576|more than 1048576/);
    // A directory that understates the size cannot slip past the limit: what is counted is the real output.
    const lying = Buffer.from(zipSync({ 'bomb.csv': new Uint8Array(4 * 1024 * 1024) }));
    const central = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1000, central + 24);
    await assert.rejects(readCsv(lying, { maxEntryBytes: 1024 * 1024 }), /inflates to more than 1048576/);
    await assert.rejects(readCsv(lying), /not the 1000 its directory records/);
  });

  it('refuses path-traversal and absolute entry names, though nothing is ever extracted', async () => {
    for (const name of ['../evil.csv', 'a/../../evil.csv', '/etc/evil.csv', 'C:/evil.csv', 'a\\..\\evil.csv']) {
      await assert.rejects(listZipEntries(inMemory(zipSync({ [name]: csv }))), (e: unknown) => e instanceof ExportFileError && /entry name/.test(e.message), name);
    }
    assert.equal(unsafeNameReason('confluence-audit-log.csv'), undefined);
    assert.equal(unsafeNameReason('dir/sub/x..y.csv'), undefined);
    assert.match(unsafeNameReason('a\u0000b') ?? '', /control/);
  });

  it('wants exactly one CSV entry', async () => {
    await assert.rejects(readCsv(zipSync({ 'a.txt': csv })), /no \.csv file/);
    await assert.rejects(readCsv(zipSync({ 'a.csv': csv, 'b.csv': csv })), /2 \.csv files/);
  });

  it('detects damaged data: a flipped byte fails the CRC-32 or the inflate', async () => {
    const stored = Buffer.from(zipSync({ 'a.csv': csv }, { level: 0 }));
    stored[100] ^= 0x01;
    await assert.rejects(readCsv(stored), /CRC-32/);
    const deflated = Buffer.from(zipSync({ 'a.csv': csv }, { level: 6 }));
    deflated[60] ^= 0xff;
    await assert.rejects(readCsv(deflated), ExportFileError);
  });

  it('refuses a file that is not a ZIP or is cut short', async () => {
    await assert.rejects(listZipEntries(inMemory(Buffer.from('not a zip at all, just text'))), /central directory is missing/);
    const zip = streamingZip([['a.csv', csv, 'deflate']]);
    await assert.rejects(listZipEntries(inMemory(zip.subarray(0, zip.length - 30))), ExportFileError);
    await assert.rejects(listZipEntries(inMemory(Buffer.alloc(5))), /too short/);
  });
});
