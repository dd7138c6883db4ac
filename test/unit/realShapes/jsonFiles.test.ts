// Saved API answers and Data Center audit files (our own fixtures in the real shapes) through the offline
// reader, presentation and the detail view model, with hand-written expected values; several files merged.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { recordTooltip } from '../../../src/model/recordView';
import { ExportFileError } from '../../../src/exportFile/read/csvRows';
import { loadExport, loadExportFiles } from '../../../src/offline/core/loadExport';
import { buildRecordView } from '../../../src/webview/recordViewModel';
import { fixturePath } from './fixtures';

describe('real-shaped JSON files: saved pages, Data Center events and audit log files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'json-files-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a Data Center audit log file: timestamp{epochSecond,nano}, auditType, ids kept as source fields', async () => {
    const { table, format } = await loadExport(fixturePath('dc-node1.audit.log'));
    assert.equal(format, 'jsonl');
    assert.equal(table.size, 2);
    const [granted, imported] = [table.record(0), table.record(1)];
    assert.equal(granted.creationDate, 1700000500000);
    assert.equal(granted.summary, 'Global permission added');
    assert.equal(granted.category, 'Permissions');
    assert.equal(granted.remoteAddress, '192.0.2.45');
    assert.deepEqual(granted.author, { type: 'user', displayName: 'Dana Whitfield', userKey: '8a7b6c5d4e3f20110a0b0c0d0e0f1011' });
    assert.deepEqual(granted.affectedObject, { name: 'writers', objectType: 'Group' });
    assert.deepEqual(granted.changedValues, [{ name: 'Group', oldValue: '', newValue: 'writers' }, { name: 'Type', oldValue: 'USECONFLUENCE', newValue: 'CREATESPACE' }]);
    assert.deepEqual(granted.sourceFields, [
      { name: 'Author type', value: 'user' }, { name: 'Author id', value: '8a7b6c5d4e3f20110a0b0c0d0e0f1011' }, { name: 'Object 1 id', value: 'writers' },
      { name: 'Method', value: 'Browser' }, { name: 'System', value: 'http://wiki.example.test:8090' }, { name: 'Area', value: 'PERMISSIONS' }, { name: 'Level', value: 'BASE' },
      { name: 'Action key', value: 'audit.logging.summary.global.permission.added' }, { name: 'Category key', value: 'audit.logging.category.permissions' }, { name: 'Version', value: '1.0' },
    ]);
    assert.equal(imported.creationDate, 1700000400125);
    assert.deepEqual(imported.author, { type: 'user', displayName: 'Anonymous' }, 'the anonymous user id -2 is not a key');
    assert.equal(imported.category, 'Import/Export');
    const view = buildRecordView(granted, 'dc-node1.audit.log', 'utc');
    assert.deepEqual(view.changedValues[1], { name: 'Type', oldValue: { kind: 'text', text: 'USECONFLUENCE' }, newValue: { kind: 'text', text: 'CREATESPACE' }, comparable: false });
    assert.deepEqual(view.sourceFields?.find((f) => f.name === 'Method'), { name: 'Method', value: 'Browser' });
  });

  it('opens a saved Data Center events answer: the first affected object, the others associated, the username from the user link', async () => {
    const { table } = await loadExport(fixturePath('dc-events.json'));
    assert.equal(table.size, 2);
    const [added, removed] = [table.record(0), table.record(1)];
    assert.equal(added.creationDate, Date.UTC(2023, 10, 14, 22, 13, 20, 250));
    assert.equal(added.author.username, 'dwhitfield');
    assert.deepEqual(added.affectedObject, { name: 'writers', objectType: 'Group' });
    assert.deepEqual(added.associatedObjects, [{ name: 'Handbook', objectType: 'Space' }]);
    assert.deepEqual(removed.changedValues, [{ name: 'Space', oldValue: 'HB', newValue: '' }, { name: 'Type', oldValue: 'VIEWSPACE', newValue: '' }]);
    assert.deepEqual(removed.sourceFields?.find((f) => f.name === 'Reason'), { name: 'Reason', value: 'cleanup' });
    assert.match(recordTooltip(added, 'utc'), /^Author: Dana Whitfield \(username dwhitfield\)$/m);
  });

  it('opens saved Cloud answers: a pretty-printed page, pages one after another, an array of pages, JSON Lines of records', async () => {
    const page = readFileSync(fixturePath('cloud-page.json'), 'utf8');
    assert.equal((await loadExport(fixturePath('cloud-page.json'))).table.size, 3);
    const compact = JSON.stringify(JSON.parse(page));
    for (const [name, text] of [['two.json', `${page}\n${page}`], ['array.json', `[${compact},\n${page}]`], ['lines.json', `${compact}\n${compact}\n`]]) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      assert.equal((await loadExport(file)).table.size, 6, name);
    }
    const { table } = await loadExport(fixturePath('cloud-records.jsonl'));
    assert.deepEqual(Array.from({ length: table.size }, (_, i) => table.record(i).creationDate), [1700000300000, 1700000200000, 1700000100000, 1700000050000, 1700000000000]);
    const active = buildRecordView(table.record(1), 'cloud-records.jsonl', 'utc');
    assert.deepEqual(active.changedValues[0], { name: 'Active', oldValue: { kind: 'text', text: 'Yes' }, newValue: { kind: 'text', text: 'No' }, comparable: false });
  });

  it('merges several files (a node\'s rotated logs, one file per node) newest first', async () => {
    const rotated = path.join(dir, '2023-11-13.audit.log');
    writeFileSync(rotated, `${JSON.stringify({ ...JSON.parse(readFileSync(fixturePath('dc-node1.audit.log'), 'utf8').split('\n')[0]) as object, timestamp: { epochSecond: 1700000450, nano: 0 } })}\n`);
    const { table, files } = await loadExportFiles([fixturePath('dc-node1.audit.log'), fixturePath('dc-events.json'), rotated]);
    assert.deepEqual(files.map((f) => f.format), ['jsonl', 'jsonl', 'jsonl']);
    assert.deepEqual(Array.from({ length: table.size }, (_, i) => table.record(i).creationDate), [1700000500000, 1700000450000, 1700000400125, 1700000000250, 1700000000100]);
  });

  it('opens a ZIP holding audit log files and a CSV, and names the entry of a problem', async () => {
    const zip = path.join(dir, 'node-logs.zip');
    writeFileSync(zip, zipSync({ 'node1.audit.log': readFileSync(fixturePath('dc-node1.audit.log')), 'export.csv': readFileSync(fixturePath('dc-export.csv')), 'README.txt': Buffer.from('ignored') }));
    const { table, entryName } = await loadExport(zip);
    assert.equal(table.size, 5);
    assert.equal(entryName, 'node1.audit.log, export.csv');
    writeFileSync(zip, zipSync({ 'a.audit.log': readFileSync(fixturePath('dc-node1.audit.log')), 'b.audit.log': Buffer.from('{"version":"1.0"}\n') }));
    await assert.rejects(loadExport(zip), (e: unknown) => e instanceof ExportFileError && /^in b\.audit\.log: Line 1: this is not an audit record/.test(e.message));
  });

  it('refuses a file that fits nothing, naming the file and the line and saying what was expected', async () => {
    const a = path.join(dir, 'a.audit.log');
    const b = path.join(dir, 'b.audit.log');
    writeFileSync(a, readFileSync(fixturePath('dc-node1.audit.log')));
    writeFileSync(b, `${readFileSync(fixturePath('dc-node1.audit.log'), 'utf8')}{"hello":"world"}\n`);
    await assert.rejects(loadExportFiles([a, b]), (e: unknown) => e instanceof ExportFileError && /^b\.audit\.log: Line 3: this is not an audit record, a saved page/.test(e.message));
  });
});
