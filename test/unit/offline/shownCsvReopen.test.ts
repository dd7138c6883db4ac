// issue 17 item 1: "Open Audit Export" reads the CSV that "Export Shown Records" writes (everything we write,
// we read), formula guards undone, hidden markers kept, times from the epoch column whatever the zone.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AuditRecord } from '../../../src/api/types';
import { shownCsvLines, writeLines } from '../../../src/export/core/shownRecords';
import { loadExport } from '../../../src/offline/core/loadExport';
import { record } from './records';

describe('offline: our own "Export Shown Records" CSV', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shown-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opens with every record and every field the CSV holds (issue 17 item 1)', async () => {
    const written: AuditRecord[] = [
      record({ creationDate: Date.UTC(2025, 0, 10, 9), summary: '=HYPERLINK("http://evil")', description: "'quoted", changedValues: [{ name: 'Active', oldValue: 'Yes', newValue: 'No', hiddenOldValue: '', hiddenNewValue: '' }], superAdmin: true }),
      record({ creationDate: Date.UTC(2025, 0, 9, 8), remoteAddress: '2001:db8::7', changedValues: [{ name: 'Token', oldValue: '', newValue: '', hiddenOldValue: '****', hiddenNewValue: '****' }], associatedObjects: [{ name: 'confluence-users:3f2b8c1d', objectType: 'Group' }] }, { displayName: '-cmd|calc', publicName: 'Unknown user', accountId: 'acc-9', username: 'acc-9' }),
    ];
    const file = path.join(dir, 'shown.csv');
    await writeLines(file, shownCsvLines(written, 'Europe/Berlin'));
    const { table, format } = await loadExport(file);
    assert.equal(format, 'csv');
    assert.equal(table.size, 2);
    const [first, second] = [table.record(0), table.record(1)];
    assert.equal(first.creationDate, Date.UTC(2025, 0, 10, 9));
    assert.equal(first.summary, '=HYPERLINK("http://evil")');
    assert.equal(first.description, "'quoted");
    assert.equal(first.superAdmin, true);
    assert.deepEqual(first.changedValues, [{ name: 'Active', oldValue: 'Yes', newValue: 'No', hiddenOldValue: '', hiddenNewValue: '' }]);
    assert.equal(first.author.displayName, written[0].author.displayName);
    assert.equal(first.author.accountId, written[0].author.accountId);
    assert.equal(first.category, written[0].category);
    assert.deepEqual(first.affectedObject, written[0].affectedObject);
    assert.equal(second.creationDate, Date.UTC(2025, 0, 9, 8));
    assert.equal(second.author.displayName, '-cmd|calc');
    assert.equal(second.author.username, 'acc-9');
    assert.equal(second.author.publicName, 'Unknown user');
    assert.equal(second.remoteAddress, '2001:db8::7');
    assert.deepEqual(second.changedValues, [{ name: 'Token', oldValue: '', newValue: '', hiddenOldValue: '****', hiddenNewValue: '****' }]);
    assert.deepEqual(second.associatedObjects, [{ name: 'confluence-users:3f2b8c1d', objectType: 'Group' }]);
  });
});
