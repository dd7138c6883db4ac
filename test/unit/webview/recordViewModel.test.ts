// The detail view model: every field, hidden values as hidden, long values comparable, quirk notes.
import * as assert from 'node:assert/strict';
import type { AuditRecord } from '../../../src/api/types';
import { authorFilterValue, buildRecordView, NOTES } from '../../../src/webview/recordViewModel';
import { withProcessTz } from '../model/processTz';

const T = Date.UTC(2026, 10, 25, 9, 15, 42, 7);

function record(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    author: { type: 'user', displayName: 'Alice', publicName: 'alice', accountId: 'acc-1', accountType: 'atlassian', isGuest: false, isExternalCollaborator: true },
    remoteAddress: '2001:db8::1',
    creationDate: T,
    summary: 'Group membership changed',
    description: 'Added to admins',
    category: 'Users and groups',
    sysAdmin: true,
    superAdmin: false,
    affectedObject: { name: 'confluence-admins:4375f4c3', objectType: 'Group' },
    changedValues: [],
    associatedObjects: [{ name: 'Bob', objectType: 'User' }],
    ...overrides,
  };
}

describe('record view model', () => {
  it('gives one UTC time, in one format, when the local zone is UTC (issue 17, item 10)', () => {
    // A machine set to Etc/UTC made the detail show "Time (UTC)" twice: +00:00 and Z.
    for (const tz of ['Etc/UTC', 'UTC']) {
      const view = withProcessTz(tz, () => buildRecordView(record(), 'Acme', 'local', 'site'));
      assert.equal(view.time.zoneLabel, 'UTC', tz);
      assert.equal(view.time.zoned, view.time.utc, `${tz}: the page shows the UTC line only when it differs`);
      assert.equal(view.time.utc, '2026-11-25T09:15:42.007Z');
    }
    // A zone that is at +00:00 only in winter keeps its own name and line.
    const london = buildRecordView(record(), 'Acme', 'Europe/London', 'site');
    assert.equal(london.time.zoneLabel, 'Europe/London');
  });

  it('carries every field, times in the zone and UTC', () => {
    const view = buildRecordView(record(), 'Acme', 'Europe/Berlin', 'site');
    assert.deepEqual(view.time, { epochMs: T, zoned: '2026-11-25T10:15:42.007+01:00', zoneLabel: 'Europe/Berlin', utc: '2026-11-25T09:15:42.007Z' });
    assert.equal(view.summary, 'Group membership changed');
    assert.equal(view.category, 'Users and groups');
    assert.equal(view.description, 'Added to admins');
    assert.deepEqual(view.author, { system: false, label: 'Alice', displayName: 'Alice', type: 'user', publicName: 'alice', accountId: 'acc-1', accountType: 'atlassian', isGuest: false, isExternalCollaborator: true });
    assert.equal(view.remoteAddress, '2001:db8::1');
    assert.equal(view.sysAdmin, true);
    assert.equal(view.superAdmin, false);
    assert.deepEqual(view.affectedObject, { name: 'confluence-admins:4375f4c3', objectType: 'Group' });
    assert.deepEqual(view.associatedObjects, [{ name: 'Bob', objectType: 'User' }]);
    assert.deepEqual(view.pivots, { author: true, remoteAddress: true, affectedObject: true, around: true });
    assert.deepEqual(view.notes, []);
  });

  it('shows a system author as System, without account fields', () => {
    const view = buildRecordView(record({ author: { type: 'user', displayName: 'System', publicName: 'Unknown user' } }), 'Acme', 'utc', 'site');
    assert.equal(view.author.system, true);
    assert.equal(view.author.label, 'System');
    assert.equal(view.author.accountId, undefined);
    assert.equal(authorFilterValue(record({ author: { type: 'user', displayName: 'System' } })), 'System');
  });

  it('marks hidden values as hidden (not empty), empty as empty, and long or multi-line values as comparable', () => {
    const view = buildRecordView(
      record({
        changedValues: [
          { name: 'Token', oldValue: '', newValue: '', hiddenOldValue: '********', hiddenNewValue: '********' },
          { name: 'Permission', oldValue: '', newValue: 'Admin' },
          { name: 'Body', oldValue: 'line 1\nline 2', newValue: 'short' },
          { name: 'Huge', oldValue: 'x', newValue: 'y'.repeat(201) },
        ],
      }),
      'Acme',
      'utc',
      'site',
    );
    assert.deepEqual(view.changedValues, [
      { name: 'Token', oldValue: { kind: 'hidden' }, newValue: { kind: 'hidden' }, comparable: false },
      { name: 'Permission', oldValue: { kind: 'empty' }, newValue: { kind: 'text', text: 'Admin' }, comparable: false },
      { name: 'Body', oldValue: { kind: 'text', text: 'line 1\nline 2' }, newValue: { kind: 'text', text: 'short' }, comparable: true },
      { name: 'Huge', oldValue: { kind: 'text', text: 'x' }, newValue: { kind: 'text', text: 'y'.repeat(201) }, comparable: true },
    ]);
  });

  it('passes hostile text through verbatim (the webview inserts it as text)', () => {
    const hostile = '<img src=x onerror=alert(1)></script><script>alert(2)</script>[x](command:evil)\u202Efdp.exe';
    const view = buildRecordView(record({ summary: hostile, description: hostile, affectedObject: { name: hostile, objectType: 'Page' } }), 'Acme', 'utc', 'site');
    assert.equal(view.summary, hostile);
    assert.equal(view.description, hostile);
    assert.equal(view.affectedObject.name, hostile);
  });

  it('explains the blank-draft clean-up and that deletions do not say trash or purge', () => {
    const cleanup = buildRecordView(record({ author: { type: 'user', displayName: 'System' }, summary: 'Page deleted', category: 'Pages', affectedObject: { name: '', objectType: 'Page' } }), 'Acme', 'utc', 'site');
    assert.deepEqual(cleanup.notes, [NOTES.blankDraftCleanup, NOTES.trashOrPurge]);
    const deletion = buildRecordView(record({ summary: 'Blog post deleted', affectedObject: { name: 'Q3 plans', objectType: 'BlogPost' } }), 'Acme', 'utc', 'site');
    assert.deepEqual(deletion.notes, [NOTES.trashOrPurge]);
    assert.deepEqual(buildRecordView(record({ summary: 'Group deleted' }), 'Acme', 'utc', 'site').notes, []);
  });

  it('filters by account id first, because display names can be chosen by anyone', () => {
    assert.equal(authorFilterValue(record()), 'acc-1');
    assert.equal(authorFilterValue(record({ author: { type: 'user', displayName: 'Bob', username: 'bob' } })), 'bob');
    assert.equal(authorFilterValue(record({ author: { type: 'user', displayName: '' } })), undefined);
    const view = buildRecordView(record({ author: { type: 'user', displayName: '' }, remoteAddress: ' ', affectedObject: { name: '', objectType: '' } }), 'Acme', 'utc', 'site');
    assert.deepEqual(view.pivots, { author: false, remoteAddress: false, affectedObject: false, around: true });
  });
});
