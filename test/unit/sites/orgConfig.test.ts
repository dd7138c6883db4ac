// The organization list as read from settings (hand-edited entries are dropped, a key put there is never
// carried along) and the warning before a key's year is up.
import * as assert from 'node:assert/strict';
import { KEY_LIFETIME_MS, KEY_WARNING_MS, keyExpiryNear, parseOrgList } from '../../../src/sites/orgConfig';
import { OrgSources } from '../../../src/sources/org/orgSources';
import { FakeOrgs } from '../sources/org/fakeOrgs';

const GOOD = { id: 'entry-0001', orgId: 'a1b2c3d4-org', label: 'Acme', apiUrl: 'https://api.atlassian.com', keyAddedAt: Date.UTC(2025, 0, 1) };

describe('organization settings', () => {
  it('keeps well-formed entries once each and drops the rest, and never a key written into settings', () => {
    const list = parseOrgList([
      { ...GOOD, key: 'ATCTT3xFfGN0-secret' },
      GOOD,
      { ...GOOD, id: 'x' },
      { ...GOOD, id: 'entry-0002', apiUrl: 'javascript:alert(1)' },
      { ...GOOD, id: 'entry-0003', orgId: '../../etc' },
      { ...GOOD, id: 'entry-0004', label: '', keyAddedAt: 'soon' },
      'nonsense',
    ]);
    assert.deepEqual(list.map((o) => o.id), ['entry-0001', 'entry-0004']);
    assert.ok(!JSON.stringify(list).includes('secret'), 'a key in settings is not carried into the configuration');
    assert.equal(list[1].label, GOOD.orgId, 'a missing name shows the organization id');
    assert.equal(list[1].keyAddedAt, undefined);
    assert.deepEqual(parseOrgList(undefined), []);
  });

  it('warns from a month before the key\'s year is up, and not before', () => {
    const latest = GOOD.keyAddedAt + KEY_LIFETIME_MS;
    assert.equal(keyExpiryNear(GOOD, latest - KEY_WARNING_MS - 1), undefined);
    assert.equal(keyExpiryNear(GOOD, latest - KEY_WARNING_MS), latest);
    assert.equal(keyExpiryNear(GOOD, latest + 1), latest);
    assert.equal(keyExpiryNear({ ...GOOD, keyAddedAt: undefined }, latest), undefined);
  });

  it('the organization\'s row says by when its key expires once the warning starts', () => {
    const orgs = new FakeOrgs([GOOD], () => undefined);
    const row = () => new OrgSources(orgs, () => undefined).sources()[0].row();
    orgs.time = GOOD.keyAddedAt + 30 * 86_400_000;
    assert.equal(row().description, undefined);
    orgs.time = GOOD.keyAddedAt + KEY_LIFETIME_MS - 10 * 86_400_000;
    assert.equal(row().description, 'API key expires by 2026-01-01');
    assert.match(row().tooltip ?? '', /Enter Organization API Key/);
  });
});
