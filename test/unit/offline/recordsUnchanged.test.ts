// The records (and search results) the offline reader gives for every shape of file must not change when its
// storage changes: each case's canonical JSON is pinned by a SHA-256 taken with the reader as it was before
// the column store learnt to keep cells by position (2026-12-03). The real samples in ../shared/real-samples
// are third-party material, so only their digests are kept here, never their content.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { loadExport, loadExportFiles } from '../../../src/offline/core/loadExport';
import type { RecordTable } from '../../../src/offline/core/recordTable';
import { REAL_SHAPES } from '../realShapes/fixtures';
import { auditLogLines, dataCenterCsv, eventsAnswer, mixedJsonLines, namedCsv, ownExportCsv, shownCsv } from './sourceCorpus';

const REAL_SAMPLES = path.join(__dirname, '..', '..', '..', '..', '..', 'shared', 'real-samples');
const NEEDLES = ['a', 'space', '192.0.2', 'dana', 'type', 'yes', '[', 'null', 'ü', '"', 'node', 'http', 'user'];

/** JSON with keys sorted: the same record gives the same text whatever order its fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function digestOf(table: RecordTable): string {
  const records = Array.from({ length: table.size }, (_, i) => table.record(i));
  const found = NEEDLES.map((needle) => {
    const test = table.searchTest(needle);
    return Array.from({ length: table.size }, (_, i) => i).filter((i) => test?.(i) ?? true);
  });
  return createHash('sha256').update(canonical({ records, found })).digest('hex');
}

async function failure(file: string): Promise<string> {
  try {
    await loadExport(file);
    return 'opened';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Each generated file: its content, and the digest of what the reader gives for it. */
const GENERATED: ReadonlyArray<readonly [string, () => string, string]> = [
  ['node1.audit.log', () => auditLogLines(1, 400), '7fbae3e218bc423651d175a3a9eba91fe5f96239d20b94f30590aa2d1f691b47'],
  ['events.json', () => eventsAnswer(2, 150), '1b4af7fc233526d83fe4a2011cb0dc281ef7204f1f4ebfc25a6e3a86d02a96ae'],
  ['dc-written.csv', () => dataCenterCsv(3, 400, false), '8f0406e5f5c0cffee7f9c631d188320080810b11642ec72f18f916a2dd321a2f'],
  ['dc-headed.csv', () => dataCenterCsv(4, 200, true), 'f494bf6e9a07abc81bf86cfc14e0d0dba8176e17f433a3deaba5c19f8f6d15d7'],
  ['named.csv', () => namedCsv(5, 300), '6ae7bfb3c102113f648deec3b946d707598c0bc69cb45932accbf436e1d45d23'],
  ['shown.csv', () => shownCsv(6, 200), '26370c7674abcd5ea6dd7ec83abbbc8e05012a41155d07aa09920e3def7faba2'],
  ['export.csv', () => ownExportCsv(7, 200), 'd6b5606727346ce061efdce25125b5f4287cf274e8a925acf7a9ae09bc8d534d'],
  ['mixed.jsonl', () => mixedJsonLines(8, 200), '266e224aa59a52d60bf40e372ef0692064b1b060804f8384f9c0d8b656e17067'],
];

/** Files that must be refused, each with the message it was refused with. */
const REFUSED: ReadonlyArray<readonly [string, string]> = [
  ['name-object.audit.log', '{"timestamp":{"epochSecond":1700000000,"nano":0},"auditType":{"action":"x"},"author":{"name":{"a":1}}}\n'],
  ['list-not-list.audit.log', '{"timestamp":{"epochSecond":1700000000,"nano":0},"auditType":{"action":"x"},"changedValues":{"key":"a"}}\n'],
  ['item-not-object.audit.log', '{"timestamp":{"epochSecond":1700000000,"nano":0},"auditType":{"action":"x"},"affectedObjects":["a"]}\n'],
  ['value-object.audit.log', '{"timestamp":{"epochSecond":1700000000,"nano":0},"auditType":{"action":"x"},"changedValues":[{"key":"a","to":{"b":1}}]}\n'],
  ['attribute-object.audit.log', '{"timestamp":{"epochSecond":1700000000,"nano":0},"auditType":{"action":"x"},"extraAttributes":[{"name":"a","value":[1]}]}\n'],
  ['type-field.audit.log', '{"timestamp":{"epochSecond":1700000000,"nano":0},"auditType":{"action":["x"]}}\n'],
  ['no-zone.json', '{"entities":[{"timestamp":"2023-11-14T23:13:20","type":{"action":"x"}}]}\n'],
  ['bad-time.json', '{"entities":[{"timestamp":"yesterday","type":{"action":"x"}}]}\n'],
  ['entity-not-object.json', '{"entities":[1]}\n'],
  ['bad-flag.csv', 'Timestamp,Action,sysAdmin\r\n1700000000000,x,maybe\r\n'],
  ['bad-json-cell.csv', 'Timestamp,Action,Changed values\r\n1700000000000,x,"[{""name"":1"\r\n'],
  ['bad-zone.csv', `${'Date,Time zone,Category,Address,Summary,Description,Author,Author name,Changed object,Changed object type,Details,Associated items'}\r\n2023-11-14 22:15:00,Mars/Olympus,jdoe,Jo Doe,Permissions,192.0.2.9,x,,o,o,,\r\n`],
  ['no-zone.csv', 'Date,Action\r\n2023-11-14 22:15:00,x\r\n'],
];

describe('offline: the records shown for every kind of file are those shown before the storage changed', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'records-unchanged-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, content, expected] of GENERATED) {
    it(`generated ${name}`, async () => {
      const file = path.join(dir, name);
      writeFileSync(file, content());
      assert.equal(digestOf((await loadExport(file)).table), expected);
    });
  }

  it('our real-shaped fixtures, one by one and merged, and in a ZIP', async () => {
    const names = readdirSync(REAL_SHAPES).filter((n) => n !== 'README.md').sort();
    const digests = await Promise.all(names.map(async (n) => digestOf((await loadExport(path.join(REAL_SHAPES, n))).table)));
    const merged = await loadExportFiles(names.map((n) => path.join(REAL_SHAPES, n)));
    const zip = path.join(dir, 'shapes.zip');
    writeFileSync(zip, zipSync(Object.fromEntries(names.map((n) => [n, new Uint8Array(readFileSync(path.join(REAL_SHAPES, n)))]))));
    assert.deepEqual({ names, digests, merged: digestOf(merged.table), zip: digestOf((await loadExport(zip)).table) }, {
      names,
      digests: [
        '4f0ae65848cf8271b8978cd2b4242aa3f2b6eefa9e6ea34db06dcb754a35253e',
        '98237ce0f0314e434c388801d6c749fbf9b9919e5a1aa1e12c0cc29d3b7625ec',
        '6f2a423d902eb395afa62b94f28545fb08f5d57dc9174b22171deb9d79113488',
        'dd111194e3ea97383bf966113a2d48ccf85d21700311a508cf752fa2752fbaf7',
        'f9ba8aebb6a46716638be84882f95ffbda22254ebc6b82b734b8cd9d984aa01a',
      ],
      merged: '2c707c8cc9eb335bb8c9e6faf82614afc89dcf6e657194b15177f8527216f560',
      zip: '2c707c8cc9eb335bb8c9e6faf82614afc89dcf6e657194b15177f8527216f560',
    });
  });

  it('the real samples (when ../shared/real-samples is there)', async function () {
    if (!existsSync(REAL_SAMPLES)) this.skip();
    const names = readdirSync(REAL_SAMPLES).filter((n) => /\.jsonl?$/.test(n)).sort();
    const digests = await Promise.all(names.map(async (n) => digestOf((await loadExport(path.join(REAL_SAMPLES, n))).table)));
    assert.deepEqual(Object.fromEntries(names.map((n, i) => [n, digests[i]])), {
      'cloud-getAuditRecords-doc-example.json': '928caef1454482ad87d61d06faa1b65fcfa71080cd9da769e6b9f7c7c7c7a7d4',
      'cloud-records-elastic-subset.jsonl': '6fc45414b42dff96f6def3fc585bc78b1d7fca18e3ec63c6f05499b98d5cd1ec',
      'dc-audit-file-log-elastic-subset.jsonl': 'e0a3ccdb467169dd857670f2c15d9d350058c03deda09610e6b8e583f6a3404a',
      'dc-auditing-events-elastic-subset.jsonl': '9f8a5ed621ab5428d7a640ae311bd063a90d182766dab49d0c81cfee8c3c58cc',
    });
  });

  it('shows a line whose time no date can hold, as before (the record is made from its cells when shown)', async () => {
    const file = path.join(dir, 'far.audit.log');
    writeFileSync(file, '{"timestamp":{"epochSecond":1e20,"nano":0},"auditType":{"action":"x"},"author":{"name":"n"}}\n');
    const { table } = await loadExport(file);
    assert.deepEqual(table.record(0), {
      author: { type: 'user', displayName: 'n' },
      remoteAddress: '', creationDate: 1e23, summary: 'x', description: '', category: '', sysAdmin: false,
      affectedObject: { name: '', objectType: '' }, changedValues: [], associatedObjects: [],
    });
  });

  it('refuses the same files with the same messages', async () => {
    const messages: string[] = [];
    for (const [name, content] of REFUSED) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      messages.push(`${name}: ${await failure(file)}`);
    }
    assert.deepEqual(messages, [
      'name-object.audit.log: Line 1: author.name is not text',
      'list-not-list.audit.log: Line 1: "changedValues" is not a list',
      'item-not-object.audit.log: Line 1: "affectedObjects"[0] is not an object',
      'value-object.audit.log: Line 1: changedValues.to is not text',
      'attribute-object.audit.log: Line 1: extraAttributes.value is not text',
      'type-field.audit.log: Line 1: type.action is not text',
      'no-zone.json: Line 1: "timestamp" is not a time (ISO 8601 with a zone, or {epochSecond, nano}, was expected): "\\"2023-11-14T23:13:20\\""',
      'bad-time.json: Line 1: "timestamp" is not a time (ISO 8601 with a zone, or {epochSecond, nano}, was expected): "\\"yesterday\\""',
      'entity-not-object.json: Line 1: an event is not an object',
      'bad-flag.csv: Line 2: "sysAdmin" must be true or false, not "maybe"',
      'bad-json-cell.csv: Line 2: "Changed values" is neither a JSON list nor "[…]" lines: "[{\\"name\\":1"',
      'bad-zone.csv: Line 2: "Date" is in the time zone "Mars/Olympus", which is not a known zone name',
      'no-zone.csv: Line 2: "Date" "2023-11-14 22:15:00" has no time zone (the file names none)',
    ]);
  });
});
