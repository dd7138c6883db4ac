import * as assert from 'node:assert/strict';
import { parseSiteConfig, parseSiteList } from '../../../src/sites/siteConfig';

const valid = { id: '0b8f3c1e-1234-4abc-9def-000000000001', url: 'https://acme.atlassian.net', deployment: 'cloud', authKind: 'basic', email: 'admin@acme.test' };

describe('site configuration from settings', () => {
  it('reads a valid entry and derives a label from the host', () => {
    assert.deepEqual(parseSiteConfig(valid), { ...valid, deployment: 'cloud', authKind: 'basic', cloudId: undefined, label: 'acme.atlassian.net' });
  });

  it('drops hand-edited entries that are malformed rather than trusting them', () => {
    assert.equal(parseSiteConfig({ ...valid, url: 'file:///etc/passwd' }), undefined);
    assert.equal(parseSiteConfig({ ...valid, id: '../../x' }), undefined);
    assert.equal(parseSiteConfig({ ...valid, deployment: 'server' }), undefined);
    assert.equal(parseSiteConfig({ ...valid, authKind: 'oauth' }), undefined);
    assert.equal(parseSiteConfig({ ...valid, email: undefined }), undefined, 'Cloud needs the e-mail');
    assert.equal(parseSiteConfig(null), undefined);
    assert.equal(parseSiteConfig([valid]), undefined);
  });

  it('accepts a Data Center bearer site without an e-mail', () => {
    const site = parseSiteConfig({ id: 'abcdefgh-1', url: 'https://wiki.corp.test/confluence', deployment: 'datacenter', authKind: 'bearer' });
    assert.equal(site?.authKind, 'bearer');
    assert.equal(site?.email, undefined);
  });

  it('keeps the first of duplicate ids and ignores non-arrays', () => {
    assert.equal(parseSiteList([valid, { ...valid, url: 'https://other.atlassian.net' }]).length, 1);
    assert.deepEqual(parseSiteList({}), []);
  });
});
