// Advanced auditing answers parsed from fixtures of our own in the shapes of real Data Center 7.14
// answers and audit log file lines (see ../shared/notes/real-formats.md), expected values by hand.
import * as assert from 'node:assert/strict';
import { parseDcCoverage, parseDcEvent, parseDcEventsPage } from '../../../../src/api/dc';

/** Shaped like a real /rest/auditing/1.0/events entity: a space permission added through the browser. */
const EVENT = {
  timestamp: '2024-03-05T14:21:09.417Z',
  author: { name: 'Dana Whitfield', type: 'user', id: '8a7f80828e1b2c3d018e1b2c4f5a0001', uri: 'https://wiki.example.org/admin/users/viewuser.action?username=dwhitfield', avatarUri: '' },
  type: { categoryI18nKey: 'audit.logging.category.permissions', category: 'Permissions', actionI18nKey: 'audit.logging.summary.space.permission.added', action: 'Space permission added' },
  affectedObjects: [
    { name: 'finance-team', type: 'Group', uri: 'https://wiki.example.org/admin/users/domembersofgroupsearch.action?membersOfGroupTerm=finance-team', id: 'finance-team' },
    { name: 'Finance', type: 'Space', uri: 'https://wiki.example.org/display/FIN', id: '131073' },
  ],
  changedValues: [{ key: 'Group', i18nKey: 'Group', to: 'finance-team' }, { key: 'Type', i18nKey: 'Type', to: 'VIEWSPACE' }],
  source: '203.0.113.77',
  system: 'https://wiki.example.org',
  method: 'Browser',
  extraAttributes: [],
};

/** Shaped like a line of <local-home>/log/audit/*.audit.log: auditType, {epochSecond, nano}, version. */
const FILE_LINE = {
  affectedObjects: [{ name: 'jdoe', type: 'User', id: '8a7f80828e1b2c3d018e1b2c4f5a0002' }],
  author: { id: '-2', name: 'System', type: 'system' },
  auditType: { action: 'User deactivated', actionI18nKey: 'audit.logging.summary.user.deactivated', area: 'USER_MANAGEMENT', category: 'Users and groups', categoryI18nKey: 'audit.logging.category.user.management', level: 'BASE' },
  changedValues: [{ key: 'Active', i18nKey: 'Active', from: 'true', to: 'false' }],
  extraAttributes: [{ nameI18nKey: 'audit.logging.attribute.node', name: 'Node', value: 'node-2' }],
  method: 'System',
  source: '',
  system: 'https://wiki.example.org',
  timestamp: { epochSecond: 1709648469, nano: 417000123 },
  version: '1.0',
};

describe('api: parsing Data Center advanced auditing answers', () => {
  it('reads an /events entity with every field', () => {
    const e = parseDcEvent(EVENT);
    assert.equal(e.time, Date.UTC(2024, 2, 5, 14, 21, 9, 417));
    assert.equal(e.timestampText, '2024-03-05T14:21:09.417Z');
    assert.deepEqual(e.author, { name: 'Dana Whitfield', type: 'user', id: '8a7f80828e1b2c3d018e1b2c4f5a0001', uri: 'https://wiki.example.org/admin/users/viewuser.action?username=dwhitfield', avatarUri: undefined });
    assert.equal(e.category, 'Permissions');
    assert.equal(e.action, 'Space permission added');
    assert.equal(e.actionI18nKey, 'audit.logging.summary.space.permission.added');
    assert.deepEqual(e.affectedObjects.map((o) => `${o.type}:${o.name}:${o.id ?? ''}`), ['Group:finance-team:finance-team', 'Space:Finance:131073']);
    assert.equal(e.affectedObjects[1].uri, 'https://wiki.example.org/display/FIN');
    assert.deepEqual(e.changedValues.map((c) => [c.key, c.from, c.to]), [['Group', undefined, 'finance-team'], ['Type', undefined, 'VIEWSPACE']]);
    assert.equal(e.source, '203.0.113.77');
    assert.equal(e.method, 'Browser');
    assert.deepEqual(e.extra, {});
  });

  it('reads an audit log file line: auditType, epochSecond + nano, area, level, version kept', () => {
    const e = parseDcEvent(FILE_LINE);
    assert.equal(e.time, 1709648469417);
    assert.equal(e.timestampText, '2024-03-05T14:21:09.417000123Z');
    assert.equal(e.category, 'Users and groups');
    assert.equal(e.action, 'User deactivated');
    assert.equal(e.area, 'USER_MANAGEMENT');
    assert.equal(e.level, 'BASE');
    assert.deepEqual(e.author, { name: 'System', type: 'system', id: '-2', uri: undefined, avatarUri: undefined });
    assert.deepEqual(e.changedValues, [{ key: 'Active', i18nKey: 'Active', from: 'true', to: 'false' }]);
    assert.deepEqual(e.extraAttributes, [{ name: 'Node', nameI18nKey: 'audit.logging.attribute.node', value: 'node-2' }]);
    assert.deepEqual(e.extra, { version: '1.0' });
  });

  it('keeps unknown fields, takes hostile text as text and survives wrong types', () => {
    const e = parseDcEvent({ ...EVENT, author: { name: '<img src=x onerror=alert(1)>', id: 42 }, changedValues: [null, { key: 'K', from: 7 }], futureField: { a: 1 } });
    assert.equal(e.author.name, '<img src=x onerror=alert(1)>');
    assert.equal(e.author.id, '42');
    assert.deepEqual(e.changedValues, [{ key: 'K', i18nKey: undefined }]);
    assert.deepEqual(e.extra, { futureField: { a: 1 } });
  });

  it('reads a time no date can hold as sent, instead of failing the page (a corrupt audit log line)', () => {
    const e = parseDcEvent({ ...FILE_LINE, timestamp: { epochSecond: 1e20, nano: 5 } });
    assert.equal(e.time, 1e23);
    assert.equal(e.timestampText, '100000000000000000000 s');
  });

  it('refuses an event without a readable time, naming what it got', () => {
    assert.throws(() => parseDcEvent({ ...EVENT, timestamp: 'yesterday' }), /no readable timestamp \("yesterday"\)/);
  });

  it('reads a page with and without a next cursor', () => {
    const page = parseDcEventsPage({ entities: [EVENT], pagingInfo: { nextPageCursor: '1709648469417,3321', nextPageLink: 'x', size: 1, limit: 1 } });
    assert.equal(page.events.length, 1);
    assert.equal(page.nextPageCursor, '1709648469417,3321');
    assert.equal(parseDcEventsPage({ entities: [], pagingInfo: {} }).nextPageCursor, undefined);
    assert.throws(() => parseDcEventsPage({ results: [] }), /no "entities" list/);
  });

  it('reads coverage levels in any case and leaves unknown levels out', () => {
    assert.deepEqual(parseDcCoverage({ levelByArea: { SECURITY: 'FULL', END_USER_ACTIVITY: 'Off', ECOSYSTEM: 'loud' } }).levelByArea, { SECURITY: 'full', END_USER_ACTIVITY: 'off' });
  });
});
