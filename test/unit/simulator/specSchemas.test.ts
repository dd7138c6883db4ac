// The spec-derived validators accept what the spec allows and reject what it does not.
import * as assert from 'node:assert/strict';
import { validatorFor } from './specSchemas';

const record = {
  author: { type: 'user', displayName: 'System', operations: null, publicName: 'Unknown user' },
  remoteAddress: '192.0.2.1', creationDate: 1700000000000, summary: 's', description: '', category: 'c', sysAdmin: false,
  affectedObject: { name: 'n', objectType: 'Space' }, changedValues: [], associatedObjects: [],
};

describe('simulator: spec schemas', () => {
  it('accepts a valid record, nullable ids included', () => {
    assert.equal(validatorFor('AuditRecord')(record), true);
    assert.equal(validatorFor('AuditRecord')({ ...record, author: { ...record.author, accountId: null, username: null } }), true);
  });

  it('rejects what the spec does not allow', () => {
    const validate = validatorFor('AuditRecord');
    const { remoteAddress: _omitted, ...noAddress } = record;
    for (const bad of [
      noAddress,
      { ...record, creationDate: '1700000000000' },
      { ...record, creationDate: 1.5 },
      { ...record, author: { ...record.author, operations: {} } },
      { ...record, author: { ...record.author, type: 'app' } },
      { ...record, changedValues: [{ name: 'x', oldValue: '' }] },
    ]) {
      assert.equal(validate(bad), false, JSON.stringify(bad));
    }
  });

  it('checks enums and int32 in RetentionPeriod and the links map in AuditRecordArray', () => {
    const retention = validatorFor('RetentionPeriod');
    assert.equal(retention({ number: 3, units: 'MONTHS' }), true);
    assert.equal(retention({ number: 3, units: 'FORTNIGHTS' }), false);
    assert.equal(retention({ number: 2 ** 31, units: 'DAYS' }), false);
    const page = validatorFor('AuditRecordArray');
    assert.equal(page({ results: [record], start: 0, limit: 1, size: 1, _links: { base: 'x', self: 'y', extra: { a: 1 } } }), true);
    assert.equal(page({ results: [record], start: 0, limit: 1, size: 1, _links: { base: 3 } }), false);
    assert.equal(page({ results: [record], start: 0, limit: 1, _links: {} }), false);
  });
});
