// The Data Center CSV export (test/fixtures/real-shapes/dc-export.csv, our own data in the layout its writer
// really produces) through the offline reader, presentation and the detail view model, with hand-written values.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { authorLabel, recordTooltip } from '../../../src/model/recordView';
import { loadExport } from '../../../src/offline/core/loadExport';
import { ExportFileError } from '../../../src/exportFile/read/csvRows';
import { buildRecordView } from '../../../src/webview/recordViewModel';
import { fixturePath } from './fixtures';

describe('real-shaped Data Center CSV export', () => {
  it('opens: headings misaligned as written are undone, local time + zone read, prose cells split', async () => {
    const { table, format } = await loadExport(fixturePath('dc-export.csv'));
    assert.equal(format, 'csv');
    assert.equal(table.size, 3);
    const [updated, permission, imported] = [table.record(0), table.record(1), table.record(2)];
    // 2023-11-14 23:15:00 in Berlin (UTC+1 in November)
    assert.equal(updated.creationDate, Date.UTC(2023, 10, 14, 22, 15, 0));
    assert.equal(updated.summary, 'User details updated');
    assert.equal(updated.category, 'Users and groups');
    assert.equal(updated.remoteAddress, '192.0.2.44');
    assert.equal(updated.description, '');
    assert.deepEqual({ displayName: updated.author.displayName, username: updated.author.username }, { displayName: 'Dana Whitfield', username: 'dwhitfield' });
    assert.deepEqual(updated.affectedObject, { name: 'Pat Lee', objectType: '' });
    assert.deepEqual(updated.changedValues, [
      { name: 'Active', oldValue: 'Yes', newValue: 'No' },
      { name: 'Email', oldValue: '', newValue: 'pat@example.test' },
    ]);
    assert.equal(permission.creationDate, Date.UTC(2023, 10, 14, 22, 10, 5));
    assert.equal(permission.description, 'Added, with care');
    assert.deepEqual(permission.associatedObjects, [{ name: 'writers', objectType: 'Group' }, { name: 'Handbook', objectType: 'Space' }]);
    assert.deepEqual(permission.changedValues, [{ name: 'Type', oldValue: '', newValue: 'EDITSPACE' }]);
    assert.equal(imported.author.displayName, 'Anonymous');
    assert.equal(imported.author.username, undefined);
    assert.equal(imported.remoteAddress, '');
    assert.deepEqual(imported.changedValues, [{ name: 'Key', oldValue: 'RN', newValue: '' }]);
  });

  it('shows its records right in the tree and the detail ("Yes → No", not hidden)', async () => {
    const { table } = await loadExport(fixturePath('dc-export.csv'));
    const updated = table.record(0);
    assert.equal(authorLabel(updated.author), 'Dana Whitfield');
    assert.match(recordTooltip(updated, 'utc'), /^Author: Dana Whitfield \(username dwhitfield\)$/m);
    assert.match(recordTooltip(updated, 'utc'), /^Changed values: 2$/m);
    const view = buildRecordView(updated, 'dc-export.csv', 'utc');
    assert.deepEqual(view.changedValues[0], { name: 'Active', oldValue: { kind: 'text', text: 'Yes' }, newValue: { kind: 'text', text: 'No' }, comparable: false });
  });

  it('reads the layout under its own headings too, when the rows say so (the address under "Address")', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dc-csv-'));
    try {
      const file = path.join(dir, 'aligned.csv');
      const header = readFileSync(fixturePath('dc-export.csv'), 'utf8').split('\r\n')[0];
      writeFileSync(file, `${header}\r\n2023-11-14 22:15:00,UTC,Permissions,192.0.2.9,Space permission added,why,jdoe,Jo Doe,Handbook,Space,[Type] was changed to [VIEWSPACE],\r\n`);
      const r = (await loadExport(file)).table.record(0);
      assert.deepEqual(
        { time: r.creationDate, category: r.category, address: r.remoteAddress, summary: r.summary, description: r.description, user: r.author.username, name: r.author.displayName, object: r.affectedObject },
        { time: Date.UTC(2023, 10, 14, 22, 15), category: 'Permissions', address: '192.0.2.9', summary: 'Space permission added', description: 'why', user: 'jdoe', name: 'Jo Doe', object: { name: 'Handbook', objectType: 'Space' } },
      );
      writeFileSync(file, `${header}\r\n2023-11-14 22:15:00,Mars/Olympus,jdoe,Jo Doe,Permissions,192.0.2.9,x,,o,o,,\r\n`);
      await assert.rejects(loadExport(file), (e: unknown) => e instanceof ExportFileError && e.line === 2 && /time zone "Mars\/Olympus"/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
