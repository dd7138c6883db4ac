// The records a live Data Center site's events make must not change when the offline reader starts to share
// their making (src/sources/dc/dcRecord.ts): the canonical JSON of the records made from the offline reader's
// generated events (audit log lines and /events entities, hostile text and every optional part present or not)
// and from a few hand-made ones is pinned by a SHA-256 taken with the live source's mapping as it was before.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseDcEvent } from '../../../src/api/dc/parse';
import { dcEventRecord, FILE_EVENT, SITE_EVENT } from '../../../src/sources/dc/dcRecord';
import { auditLogLines, eventsAnswer } from '../offline/sourceCorpus';

/** JSON with keys sorted: the same record gives the same text whatever order its fields were set in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Events the generated corpus does not make: unknown fields, numbers for text, unnamed attributes. */
const HAND_MADE: readonly unknown[] = [
  {
    timestamp: '2023-11-14T22:13:20.250Z',
    author: { name: 'Jörg', type: 'user', id: 'u-1', uri: 'http://wiki.example.test/viewuser.action?username=j%C3%B6rg', avatarUri: 'http://wiki.example.test/a.png' },
    type: { category: 'Permissions', action: 'Space permission added', area: 'PERMISSIONS', level: 'BASE', categoryI18nKey: 'c.k', actionI18nKey: 'a.k' },
    affectedObjects: [{ name: 'Handbook', type: 'Space', id: 7, uri: 'http://wiki.example.test/display/HB' }, { name: 'Writers', type: 'Group' }],
    changedValues: [{ key: 'Type', from: 'VIEWSPACE', to: 'EDITSPACE' }, { i18nKey: 'k.only' }],
    extraAttributes: [{ name: '', value: 'unnamed' }, { nameI18nKey: 'attr.key', value: 'keyed' }, { name: 'Empty', value: '' }],
    source: '192.0.2.45',
    system: 'http://wiki.example.test',
    method: 'Browser',
    version: '1.0',
    node: { id: 'node-2', weight: 3 },
    flag: true,
    note: 'kept',
  },
  { timestamp: { epochSecond: 1_700_000_000, nano: 5 }, auditType: { action: 'Anonymous' }, author: { id: '-2', name: 'Anonymous', uri: 'http://x/viewuser.action?username=null' } },
];

function corpus(): unknown[] {
  const lines = auditLogLines(21, 300).trim().split('\n').map((l) => JSON.parse(l) as unknown);
  const { entities } = JSON.parse(eventsAnswer(22, 300)) as { entities: unknown[] };
  return [...lines, ...entities, ...HAND_MADE];
}

describe('sources: the record a Data Center event makes', () => {
  it('is the record the live source made before the offline reader shared it', () => {
    const records = corpus().map((raw) => dcEventRecord(parseDcEvent(raw)));
    assert.equal(createHash('sha256').update(canonical(records)).digest('hex'), '080d36db92fd88904011b94af21331b1bde5a7d6a0817133403c614491563a7d');
  });

  it('keeps every field of an event, in the order the server sent them', () => {
    assert.deepEqual(dcEventRecord(parseDcEvent(HAND_MADE[0])), {
      author: { type: 'user', displayName: 'Jörg', username: 'jörg', userKey: 'u-1', accountId: 'u-1' },
      remoteAddress: '192.0.2.45',
      creationDate: 1700000000250,
      summary: 'Space permission added',
      description: '',
      category: 'Permissions',
      sysAdmin: false,
      affectedObject: { name: 'Handbook', objectType: 'Space' },
      changedValues: [{ name: 'Type', oldValue: 'VIEWSPACE', newValue: 'EDITSPACE' }, { name: 'k.only', oldValue: '', newValue: '' }],
      associatedObjects: [{ name: 'Writers', objectType: 'Group' }],
      sourceFields: [
        { name: 'Timestamp', value: '2023-11-14T22:13:20.250Z' },
        { name: 'Author id', value: 'u-1' },
        { name: 'Author type', value: 'user' },
        { name: 'Author URI', value: 'http://wiki.example.test/viewuser.action?username=j%C3%B6rg' },
        { name: 'Author avatar URI', value: 'http://wiki.example.test/a.png' },
        { name: 'Category', value: 'Permissions' },
        { name: 'Category key', value: 'c.k' },
        { name: 'Action', value: 'Space permission added' },
        { name: 'Action key', value: 'a.k' },
        { name: 'Area', value: 'PERMISSIONS' },
        { name: 'Level', value: 'BASE' },
        { name: 'Object 1', value: 'Space: Handbook' },
        { name: 'Object 1 id', value: '7' },
        { name: 'Object 1 URI', value: 'http://wiki.example.test/display/HB' },
        { name: 'Object 2', value: 'Group: Writers' },
        { name: 'Changed Type', value: 'VIEWSPACE → EDITSPACE' },
        { name: 'Changed k.only', value: '(empty) → (empty)' },
        { name: 'Source IP', value: '192.0.2.45' },
        { name: 'System', value: 'http://wiki.example.test' },
        { name: 'Method', value: 'Browser' },
        { name: 'Attribute', value: 'unnamed' },
        { name: 'attr.key', value: 'keyed' },
        { name: 'version', value: '1.0' },
        { name: 'node', value: '{"id":"node-2","weight":3}' },
        { name: 'flag', value: 'true' },
        { name: 'note', value: 'kept' },
      ],
    });
  });

  it('is the same record for a live site and a file but for the fields beyond the model and the author ids', () => {
    for (const raw of corpus()) {
      const event = parseDcEvent(raw);
      const { author: siteAuthor, sourceFields: _site, ...site } = dcEventRecord(event, SITE_EVENT);
      const { author: fileAuthor, sourceFields: _file, ...file } = dcEventRecord(event, FILE_EVENT);
      assert.deepEqual(file, site);
      assert.equal(fileAuthor.displayName, siteAuthor.displayName);
      if (siteAuthor.userKey !== undefined) assert.equal(siteAuthor.accountId, siteAuthor.userKey);
      assert.equal(fileAuthor.accountId, undefined);
    }
  });
});
