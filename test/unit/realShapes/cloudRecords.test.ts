// Real-shaped Cloud records (test/fixtures/real-shapes/cloud-records.jsonl) through parsing, the tree's
// presentation and the detail view model, against values written by hand from the fixture.
import * as assert from 'node:assert/strict';
import { parseAuditRecord } from '../../../src/api/parse';
import type { AuditRecord } from '../../../src/api/types';
import { authorLabel, changedValueText, recordDescription, recordTooltip } from '../../../src/model/recordView';
import { buildRecordView } from '../../../src/webview/recordViewModel';
import { jsonLines } from './fixtures';

function records(): AuditRecord[] {
  return jsonLines('cloud-records.jsonl').map(parseAuditRecord);
}

describe('real-shaped Cloud records', () => {
  it('parse as sent: operations null, accountType "", no isGuest, a string creationDate read as a number', () => {
    const [user, , deactivated, groupAdd] = records();
    assert.equal(user.author.operations, null);
    assert.equal(user.author.accountType, '');
    assert.equal(user.author.isGuest, undefined);
    assert.equal(user.author.username, '7a1f0c2e9b8d4c6a5e3f1d0b');
    assert.equal(groupAdd.creationDate, 1700000050000);
    assert.deepEqual(deactivated.affectedObject, { name: '', objectType: '' });
  });

  it('shows a real user by display name, never with "(Unknown user)"', () => {
    const [user, system] = records();
    assert.equal(authorLabel(user.author), 'Morgan Reyes');
    assert.equal(recordDescription(user, 'utc'), 'Morgan Reyes · 2023-11-14T22:18:20.000Z');
    assert.equal(authorLabel(system.author), 'System');
  });

  it('shows values with empty hidden markers as the values they are, not as hidden', () => {
    const [user, active] = records();
    const [activeChange] = active.changedValues;
    assert.equal(changedValueText(activeChange, 'old'), 'Yes');
    assert.equal(changedValueText(activeChange, 'new'), 'No');
    assert.equal(changedValueText(user.changedValues[0], 'old'), '(empty)');
    assert.equal(changedValueText(user.changedValues[0], 'new'), 'FG');
    assert.match(recordTooltip(user, 'utc'), /^Changed values: 2$/m);
    assert.match(recordTooltip(active, 'utc'), /^Changed values: 1$/m);
  });

  it('lists the tooltip fields of a real record as a person would read them', () => {
    const [user, , deactivated] = records();
    assert.equal(
      recordTooltip(user, 'utc'),
      [
        'Change: Space configuration updated',
        'Event type: Spaces',
        'Author: Morgan Reyes (account 7a1f0c2e9b8d4c6a5e3f1d0b)',
        'Time: 2023-11-14T22:18:20.000Z (UTC)',
        'Remote address: 198.51.100.23',
        'Affected object: Field Guides (Space)',
        'Changed values: 2',
      ].join('\n'),
    );
    assert.match(recordTooltip(deactivated, 'utc'), /^Affected object: \(none\)$/m);
  });

  it('builds the detail: "Yes → No" as text, no public name, no empty account type, username not repeated', () => {
    const [user, active, , groupAdd, page] = records();
    const activeView = buildRecordView(active, 'Acme', 'utc', 'site');
    assert.deepEqual(activeView.changedValues, [{ name: 'Active', oldValue: { kind: 'text', text: 'Yes' }, newValue: { kind: 'text', text: 'No' }, comparable: false }]);
    assert.deepEqual(activeView.author, { system: true, label: 'System', displayName: 'System', type: 'user', isExternalCollaborator: false });
    assert.deepEqual(buildRecordView(user, 'Acme', 'utc', 'site').author, {
      system: false, label: 'Morgan Reyes', displayName: 'Morgan Reyes', type: 'user',
      accountId: '7a1f0c2e9b8d4c6a5e3f1d0b', userKey: 'c0ffee00112233445566778899aabbcc', isExternalCollaborator: false,
    });
    assert.deepEqual(buildRecordView(groupAdd, 'Acme', 'utc', 'site').affectedObject, { name: 'confluence-users:3f2b8c1d-0a4e-4b7f-9c6d-2e1a5b8f7c90', objectType: 'Group' });
    const pageView = buildRecordView(page, 'Acme', 'utc', 'site');
    assert.equal(pageView.category, 'Page');
    assert.deepEqual(pageView.changedValues[0], { name: 'Content status', oldValue: { kind: 'text', text: 'current' }, newValue: { kind: 'text', text: 'archived' }, comparable: false });
  });

  it('still shows a value as hidden when its marker holds something', () => {
    const [user] = records();
    const redacted = { ...user, changedValues: [{ name: 'Token', oldValue: '', newValue: '', hiddenOldValue: '********', hiddenNewValue: '********' }] };
    assert.equal(changedValueText(redacted.changedValues[0], 'new'), '(hidden by Confluence)');
    assert.match(recordTooltip(redacted, 'utc'), /^Changed values: 1 \(1 with hidden values\)$/m);
    assert.deepEqual(buildRecordView(redacted, 'Acme', 'utc', 'site').changedValues[0].newValue, { kind: 'hidden' });
  });
});
