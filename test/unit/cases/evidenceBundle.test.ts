// The evidence bundle (issue 15 §4): a ZIP with the records as formula-safe CSV and JSON Lines, the notes and
// tags, the queries and windows, the case file, report.md (summary, timeline, table; hostile text as text)
// and a manifest with the SHA-256 of every file. Verification names every file that changed (one byte is
// enough, in the file's content or in its compressed bytes), is missing or was added, the manifest included.
import * as assert from 'node:assert/strict';
import { strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import Papa from 'papaparse';
import { addToCase } from '../../../src/cases/caseEdits';
import { emptyCase, type CaseFile } from '../../../src/cases/caseFile';
import { caseEvidenceBundle, NOTES_COLUMNS } from '../../../src/cases/evidenceBundle';
import { parseCase } from '../../../src/cases/parseCase';
import { bundleEntries, verifyBundle, type BundleVerdict } from '../../../src/exportFile/bundle/verifyBundle';
import { listZipEntries, type RandomAccess } from '../../../src/exportFile/read/zipReader';
import { CSV_COLUMNS } from '../../../src/exportFile/format/safeCsv';
import { draft, hostileRecord, NOW, plainRecord, SNAPSHOT } from './fixtures';

const EXTENSION = { id: 'confluence-audit.confluence-audit', version: '0.1.0' };
const FILES = ['incident-42.case.json', 'manifest.json', 'notes.csv', 'queries.json', 'records.csv', 'records.jsonl', 'report.md'];

function sampleCase(): CaseFile {
  let file = emptyCase(NOW - 3_600_000);
  file = addToCase(file, [draft(plainRecord(120_000, 'Newest')), draft(hostileRecord())], { tags: ['+exfil'], note: '=cmd|" /C calc"!A0\nsecond line' }, NOW).file;
  return addToCase(file, [draft(plainRecord(0, 'Oldest'), SNAPSHOT)], { tags: [], note: '' }, NOW + 1000).file;
}

function bundle(file = sampleCase()): Uint8Array {
  return caseEvidenceBundle(file, { name: 'incident-42', caseFile: 'audit-cases/incident-42.case.json', exportedAt: NOW + 5000, extension: EXTENSION }).zip;
}

function inMemory(bytes: Uint8Array): RandomAccess {
  return { size: bytes.length, read: async (position, length) => bytes.subarray(position, position + length) };
}

async function verify(zip: Uint8Array): Promise<BundleVerdict> {
  const file = inMemory(zip);
  const entries = await bundleEntries(file);
  assert.ok(entries, 'read as a bundle');
  return verifyBundle(file, entries);
}

function csvCells(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

/** A cell a spreadsheet would run: = + - @ first (after blanks), or a tab or line break first. */
const FORMULA = /^(?:[\t\r\n]|[\s]*[=+\-@])/;

interface MarkdownIt {
  render(text: string): string;
}

describe('Evidence bundle', () => {
  it('holds the records as CSV and JSON Lines, the notes and tags, the queries, the case file, report.md and a manifest', () => {
    const file = sampleCase();
    const files = unzipSync(bundle(file));
    assert.deepEqual(Object.keys(files).sort(), FILES);
    const text = (name: string): string => strFromU8(files[name]);

    const records = csvCells(text('records.csv'));
    assert.deepEqual(records[0], [...CSV_COLUMNS]);
    assert.equal(records.length, 4);
    assert.deepEqual(records.slice(1).map((r) => r[CSV_COLUMNS.indexOf('summary')].slice(0, 7)), ['Oldest', "'=HYPER", 'Newest'], 'in time order, the formula neutralised');
    const lines = text('records.jsonl').trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    assert.deepEqual(lines, file.records.map((e) => e.record), 'JSON Lines keep each record whole');

    const notes = csvCells(text('notes.csv'));
    assert.deepEqual(notes[0], [...NOTES_COLUMNS]);
    const hostileNote = notes[2];
    assert.equal(hostileNote[NOTES_COLUMNS.indexOf('note')], '\'=cmd|" /C calc"!A0\nsecond line');
    assert.equal(hostileNote[NOTES_COLUMNS.indexOf('tags')], "'+exfil");
    for (const cell of [...records, ...notes].flat()) assert.doesNotMatch(cell, FORMULA, `a cell a spreadsheet would run: ${cell.slice(0, 40)}`);

    assert.deepEqual(parseCase(text('incident-42.case.json')), file, 'the case file, as it was');
    const queries = JSON.parse(text('queries.json')) as { queries: { id: string; window: { start: string } }[] };
    assert.deepEqual(queries.queries.map((q) => q.id), ['q1', 'q2']);
    assert.match(queries.queries[0].window.start, /^2026-11-18T14:00:00\.000Z$/);
  });

  it('writes report.md with a summary, a timeline and a table, every hostile value as text', () => {
    const report = strFromU8(unzipSync(bundle())['report.md']);
    assert.match(report, /^# Evidence bundle: case ` incident-42 `\n/);
    assert.match(report, /- Records: 3, from 2026-11-25T14:00:00\.000Z to 2026-11-25T14:02:00\.000Z/);
    assert.match(report, /- Tags: ` \+exfil ` \(2\)/);
    const timeline = report.slice(report.indexOf('## Timeline'), report.indexOf('## Records')).split('\n').filter((l) => l.startsWith('- '));
    assert.deepEqual(timeline.map((l) => l.slice(2, 26)), ['2026-11-25T14:00:00.000Z', '2026-11-25T14:01:00.000Z', '2026-11-25T14:02:00.000Z']);
    assert.match(timeline[1], /note ` =cmd\|" \/C calc"!A0 ↵ second line `/, 'a note on one line, as code');
    const table = report.slice(report.indexOf('## Records')).split('\n').filter((l) => l.startsWith('|'));
    assert.equal(table.length, 2 + 3);
    const cells = (line: string): number => line.split(/(?<!\\)\|/).length;
    assert.ok(table.every((line) => cells(line) === cells(table[0])), 'a pipe in a value does not add a cell');
    assert.match(report, /Finance \\u202Egnp\.exe/, 'a right-to-left override is shown, not applied');

    // As VS Code's Markdown preview renders it (markdown-it, with HTML and link detection on): no element
    // comes from a record, no link; the values are code.
    const MarkdownItClass = require('markdown-it') as new (options: object) => MarkdownIt; // eslint-disable-line @typescript-eslint/no-require-imports
    const html = new MarkdownItClass({ html: true, linkify: true }).render(report);
    assert.doesNotMatch(html, /<script|<img|<a |href=/i);
    assert.match(html, /<code>=HYPERLINK\(&quot;http:\/\/evil\.example&quot;,&quot;click&quot;\) &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/code>/);
    assert.equal((html.match(/<tr>/g) ?? []).length, 1 + 3 + 1 + 2, 'the queries table (header, 2) and the records table (header, 3)');
  });

  it('verifies an untouched bundle as intact', async () => {
    const verdict = await verify(bundle());
    assert.equal(verdict.intact, true, JSON.stringify(verdict.differences));
    assert.equal(verdict.checked, FILES.length);
    assert.equal(verdict.manifest?.title, 'Case "incident-42"');
    assert.deepEqual(verdict.manifest?.files.map((f) => f.name), FILES.filter((f) => f !== 'manifest.json'));
  });

  it('names the file after a one-byte change in any file of the bundle (re-zipped)', async () => {
    const original = unzipSync(bundle());
    for (const name of FILES) {
      for (const at of [0, Math.floor(original[name].length / 2), original[name].length - 1]) {
        const files: Zippable = {};
        for (const [n, bytes] of Object.entries(original)) files[n] = n === name ? changedByte(bytes, at) : bytes;
        const verdict = await verify(zipSync(files));
        assert.equal(verdict.intact, false, `${name} byte ${at}`);
        assert.ok(verdict.differences.some((d) => d.file === name && d.message.startsWith(name)), `${name} byte ${at} named: ${JSON.stringify(verdict.differences)}`);
        if (name !== 'manifest.json') assert.deepEqual(verdict.differences.map((d) => d.file), [name], 'only that file');
      }
    }
  });

  it('names the file after a one-byte change in its compressed bytes inside the ZIP', async () => {
    const zip = bundle();
    for (const entry of await listZipEntries(inMemory(zip))) {
      const header = Buffer.from(zip.subarray(entry.localHeaderOffset, entry.localHeaderOffset + 30));
      const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const changed = changedByte(zip, dataStart + Math.floor(entry.compressedSize / 2));
      const verdict = await verify(changed);
      assert.equal(verdict.intact, false, entry.name);
      assert.ok(verdict.differences.some((d) => d.file === entry.name), `${entry.name} named: ${JSON.stringify(verdict.differences)}`);
    }
  });

  it('names a missing file and an added one', async () => {
    const original = unzipSync(bundle());
    const withoutNotes: Zippable = { ...original };
    delete withoutNotes['notes.csv'];
    let verdict = await verify(zipSync(withoutNotes));
    assert.deepEqual(verdict.differences.map((d) => [d.file, d.kind, d.message]), [['notes.csv', 'missing', 'notes.csv is missing']]);
    verdict = await verify(zipSync({ ...original, 'extra.txt': Buffer.from('planted') }));
    assert.deepEqual(verdict.differences.map((d) => [d.file, d.kind, d.message]), [['extra.txt', 'extra', 'extra.txt is not in the manifest']]);
    const withoutManifest: Zippable = { ...original };
    delete withoutManifest['manifest.json'];
    assert.equal(await bundleEntries(inMemory(zipSync(withoutManifest))), undefined, 'a ZIP without manifest.json is not a bundle');
  });
});

function changedByte(bytes: Uint8Array, at: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[at] ^= 0x01;
  return copy;
}
