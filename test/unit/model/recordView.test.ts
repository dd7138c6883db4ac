import * as assert from 'node:assert/strict';
import {
  authorLabel, categoryIconId, changedValueText, isHiddenValue, isLikelyBlankDraftCleanup, isSystemAuthor,
  recordAccessibilityLabel, recordDescription, recordLabel, recordTooltip,
} from '../../../src/model/recordView';
import { sampleAuthor, sampleRecord, SYSTEM_AUTHOR } from './sampleRecord';

describe('model/recordView', () => {
  describe('authorLabel', () => {
    it('names the system, and a person by display name with a differing public name', () => {
      assert.equal(authorLabel(SYSTEM_AUTHOR), 'System');
      assert.equal(authorLabel(sampleAuthor()), 'alice');
      assert.equal(authorLabel(sampleAuthor({ displayName: 'Alice Smith', publicName: 'alice' })), 'Alice Smith (alice)');
      assert.equal(authorLabel(sampleAuthor({ displayName: '', publicName: 'alice' })), 'alice');
      assert.equal(authorLabel({ type: 'user', displayName: '', username: 'carol.dc' }), 'carol.dc');
      assert.equal(authorLabel({ type: 'user', displayName: '' }), 'Unknown author');
      assert.equal(authorLabel(undefined), 'Unknown author');
    });

    it('does not take a person who calls themselves System for the system', () => {
      const impostor = sampleAuthor({ displayName: 'System', publicName: 'System', accountId: 'acc-evil' });
      assert.ok(isSystemAuthor(SYSTEM_AUTHOR));
      assert.ok(!isSystemAuthor(impostor));
      assert.equal(authorLabel(impostor), 'System (user account)');
      assert.match(recordTooltip(sampleRecord({ author: impostor }), 'utc'), /^Author: System \(user account\) \(account acc-evil\)$/m);
    });

    it('neutralises hostile names', () => {
      assert.equal(authorLabel(sampleAuthor({ displayName: 'mallory\u202E\nAdmin', publicName: 'mallory\u202E\nAdmin' })), 'mallory\\u202E ↵ Admin');
    });
  });

  describe('recordLabel and recordDescription', () => {
    it('shows the summary on one safe line', () => {
      assert.equal(recordLabel(sampleRecord()), 'Space permission added');
      assert.equal(recordLabel(sampleRecord({ summary: '  ' })), '(no summary)');
      assert.equal(recordLabel(sampleRecord({ summary: 'Page \u202Etxt.exe\nline' })), 'Page \\u202Etxt.exe ↵ line');
      const long = recordLabel(sampleRecord({ summary: 'x'.repeat(500) }));
      assert.equal([...long].length, 120);
      assert.ok(long.endsWith('…'));
    });

    it('gives the author and the ISO time in the zone', () => {
      assert.equal(recordDescription(sampleRecord(), 'utc'), 'alice · 2026-11-25T14:03:22.123Z');
      assert.equal(recordDescription(sampleRecord(), 'Europe/Berlin'), 'alice · 2026-11-25T15:03:22.123+01:00');
    });
  });

  describe('recordTooltip', () => {
    it('lists the fields as plain text lines', () => {
      assert.equal(
        recordTooltip(sampleRecord(), 'Europe/Berlin'),
        [
          'Change: Space permission added',
          'Event type: Permissions',
          'Description: Added "View" permission for group confluence-users',
          'Author: alice (account 5b10a2844c20165700ede21g)',
          'Time: 2026-11-25T15:03:22.123+01:00 (Europe/Berlin)',
          'Time (UTC): 2026-11-25T14:03:22.123Z',
          'Remote address: 10.1.2.3',
          'Affected object: Engineering (Space)',
          'Changed values: 1',
          'Associated objects: 1',
        ].join('\n'),
      );
    });

    it('omits the second UTC line in UTC, and says when fields are empty or values hidden', () => {
      const r = sampleRecord({
        description: '',
        remoteAddress: '',
        affectedObject: { name: '', objectType: '' },
        changedValues: [
          { name: 'Password', oldValue: '', newValue: '', hiddenOldValue: '********', hiddenNewValue: '********' },
          { name: 'Title', oldValue: 'a', newValue: 'b' },
        ],
        associatedObjects: [],
      });
      assert.deepEqual(recordTooltip(r, 'utc').split('\n'), [
        'Change: Space permission added',
        'Event type: Permissions',
        'Author: alice (account 5b10a2844c20165700ede21g)',
        'Time: 2026-11-25T14:03:22.123Z (UTC)',
        'Remote address: (none)',
        'Affected object: (none)',
        'Changed values: 2 (1 with hidden values)',
      ]);
    });

    it('cannot be made to show a fake field', () => {
      const r = sampleRecord({ description: 'harmless\nAuthor: admin\rRemote address: 127.0.0.1' });
      const lines = recordTooltip(r, 'utc').split('\n');
      assert.equal(lines.filter((l) => l.startsWith('Author:')).length, 1);
      assert.equal(lines.filter((l) => l.startsWith('Remote address:')).length, 1);
    });
  });

  it('reads as a sentence for screen readers', () => {
    assert.equal(
      recordAccessibilityLabel(sampleRecord(), 'utc'),
      'Space permission added by alice at 14:03 on 25 November 2026 UTC, from 10.1.2.3, affecting Space Engineering',
    );
    assert.equal(
      recordAccessibilityLabel(sampleRecord({ summary: '', author: SYSTEM_AUTHOR, remoteAddress: '', affectedObject: { name: '', objectType: 'Page' } }), 'Europe/Berlin'),
      'Audit record with no summary by System at 15:03 on 25 November 2026 Europe/Berlin',
    );
  });

  it('chooses an icon per category', () => {
    const cases: Array<[string, string]> = [
      ['Permissions', 'shield'], ['Users and groups', 'organization'], ['Global config and administration', 'settings-gear'],
      ['Apps', 'extensions'], ['Space', 'folder'], ['Pages', 'file'], ['Content', 'file'], ['Security', 'lock'],
      ['Import/export', 'export'], ['Add-ons', 'extensions'], ['Space permissions', 'shield'], ['Blog posts', 'file'],
      ['Spaces', 'folder'], ['Something new', 'history'], ['', 'history'], ['happy path', 'history'],
    ];
    for (const [category, icon] of cases) assert.equal(categoryIconId(category), icon, category);
  });

  it('tells hidden values from empty ones', () => {
    const hidden = { name: 'Password', oldValue: '', newValue: '', hiddenOldValue: '********', hiddenNewValue: '********' };
    const shown = { name: 'Title', oldValue: '', newValue: 'New title' };
    assert.ok(isHiddenValue(hidden, 'old') && isHiddenValue(hidden, 'new'));
    assert.ok(!isHiddenValue(shown, 'old') && !isHiddenValue(shown, 'new'));
    assert.ok(isHiddenValue({ name: 'x', oldValue: 'a', newValue: 'b', hiddenNewValue: '***' }, 'new'));
    assert.ok(!isHiddenValue({ name: 'Active', oldValue: 'Yes', newValue: 'No', hiddenOldValue: '', hiddenNewValue: '' }, 'new'));
    assert.equal(changedValueText(hidden, 'old'), '(hidden by Confluence)');
    assert.equal(changedValueText(shown, 'old'), '(empty)');
    assert.equal(changedValueText(shown, 'new'), 'New title');
  });

  it('recognises the routine clean-up of blank drafts', () => {
    const cleanup = sampleRecord({ author: SYSTEM_AUTHOR, summary: 'Page deleted', category: 'Pages', affectedObject: { name: '', objectType: 'Page' } });
    assert.ok(isLikelyBlankDraftCleanup(cleanup));
    assert.ok(isLikelyBlankDraftCleanup({ ...cleanup, author: { type: 'user', displayName: 'Anonymous' } }));
    assert.ok(!isLikelyBlankDraftCleanup({ ...cleanup, affectedObject: { name: 'Roadmap', objectType: 'Page' } }), 'has a title');
    assert.ok(!isLikelyBlankDraftCleanup({ ...cleanup, author: sampleAuthor() }), 'a person deleted it');
    assert.ok(!isLikelyBlankDraftCleanup({ ...cleanup, summary: 'Page created' }), 'not a deletion');
    assert.ok(!isLikelyBlankDraftCleanup({ ...cleanup, summary: 'Space deleted', category: 'Space', affectedObject: { name: '', objectType: 'Space' } }));
  });
});
