// Opening a hostile export must not exhaust the extension host's memory (issue 10 item 4): a ZIP bomb, a
// quoted cell never closed (papaparse would pull the rest of the file into one string) and a file too big
// for a snapshot are refused with a clear message. Peak RSS is measured in a child process, whose memory
// is its own: the limit is what the extension host could afford, not a figure read after the fact.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import * as os from 'node:os';
import * as path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { CSV_HEADER, csvRow } from '../../../simulator/csv';
import { startSimulator } from '../../../simulator';
import { loadExport } from '../../../src/offline/core/loadExport';

const LOAD_EXPORT = path.resolve(__dirname, '../../../src/offline/core/loadExport.js');
/** What opening one export may cost the host, all told (Node itself takes about 50 MB). */
const RSS_LIMIT_MB = 300;
const MB = 1024 * 1024;

/** Opens `file` in a fresh Node process; its outcome and its peak resident memory. */
function openInChild(file: string): Promise<{ error?: string; records?: number; maxRssMb: number }> {
  const script = `
    const { loadExport } = require(${JSON.stringify(LOAD_EXPORT)});
    loadExport(${JSON.stringify(file)}).then(
      (l) => ({ records: l.table.size }),
      (e) => ({ error: String(e && e.message || e) }),
    ).then((r) => { r.maxRssMb = process.resourceUsage().maxRSS / 1024; console.log(JSON.stringify(r)); });`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--max-old-space-size=4096', '-e', script], { timeout: 120_000, maxBuffer: 1 * MB }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (line.startsWith('{')) return resolve(JSON.parse(line) as { error?: string; records?: number; maxRssMb: number });
      reject(new Error(`the child died (${error?.message ?? 'no result'}): ${stderr.slice(-500)}`));
    });
  });
}

async function writeChunks(file: string, head: string, chunk: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(head);
  for (let i = 0; i < count; i++) if (!out.write(chunk)) await once(out, 'drain');
  out.end();
  await once(out, 'close');
}

/** A ZIP whose one CSV entry is `head` and then `count` copies of `chunk`, deflated as it goes. */
async function writeZip(file: string, head: string, chunk: string, count: number): Promise<void> {
  const out = createWriteStream(file);
  const zip = new Zip((err, data, final) => {
    if (err) throw err;
    out.write(data);
    if (final) out.end();
  });
  const entry = new ZipDeflate('audit-log.csv', { level: 6 });
  zip.add(entry);
  entry.push(Buffer.from(head));
  const bytes = Buffer.from(chunk);
  for (let i = 0; i < count; i++) entry.push(bytes);
  entry.push(new Uint8Array(0), true);
  zip.end();
  await once(out, 'close');
}

describe('offline: opening a hostile export keeps memory bounded', function () {
  this.timeout(300_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'export-memory-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a ZIP bomb (1000:1, one quoted cell never closed) is refused, under the memory limit', async () => {
    const file = path.join(dir, 'bomb.zip');
    await writeZip(file, `${CSV_HEADER}2025-01-01,"`, 'a'.repeat(MB), 256);
    const outcome = await openInChild(file);
    assert.match(outcome.error ?? `opened ${outcome.records} records`, /compressed more than 200:1/);
    assert.ok(outcome.maxRssMb < RSS_LIMIT_MB, `peak RSS ${Math.round(outcome.maxRssMb)} MB`);
  });

  it('a CSV whose quoted cell is never closed is refused at the row limit, under the memory limit', async () => {
    const file = path.join(dir, 'unclosed.csv');
    await writeChunks(file, `${CSV_HEADER}2025-01-01,"`, 'b'.repeat(MB), 200);
    const outcome = await openInChild(file);
    assert.match(outcome.error ?? `opened ${outcome.records} records`, /row is longer than 16 MiB of text \(is a quoted cell never closed\?\)/);
    assert.ok(outcome.maxRssMb < RSS_LIMIT_MB, `peak RSS ${Math.round(outcome.maxRssMb)} MB`);
  });

  it('an export too large for the snapshot budget is refused with a clear message', async () => {
    const sim = await startSimulator({ records: 20_000, seed: 3 });
    const file = path.join(dir, 'large.csv');
    try {
      const records = sim.allRecords();
      await writeChunks(file, CSV_HEADER, '', 0);
      const out = createWriteStream(file, { flags: 'a' });
      for (const r of records) out.write(csvRow(r));
      out.end();
      await once(out, 'close');
    } finally {
      await sim.stop();
    }
    await assert.rejects(loadExport(file, { limits: { maxTableBytes: 1 * MB } }), /too large to open as a snapshot: its records would take more than about 1 MiB/);
    const whole = await loadExport(file);
    assert.equal(whole.table.size, 20_000, 'within the default budget it opens');
  });
});
