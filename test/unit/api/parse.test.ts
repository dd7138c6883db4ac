// Lenient parsing of server JSON, and record identity.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AuditError, canonicalJson, parseAuditRecord, parseAuditRecordArray, parseRetentionPeriod, recordKey } from '../../../src/api';

function raw(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    author: { type: 'user', displayName: 'Avery', operations: null, accountId: 'abc', publicName: 'Avery' },
    remoteAddress: '10.0.0.1',
    creationDate: 1_700_000_000_000,
    summary: 'Space permission added',
    description: '',
    category: 'Permissions',
    sysAdmin: false,
    affectedObject: { name: 'SPACE', objectType: 'Space' },
    changedValues: [{ name: 'Permission', oldValue: '', newValue: 'read', hiddenOldValue: '' }],
    associatedObjects: [],
    ...overrides,
  };
}

const isBadResponse = (e: unknown): boolean => e instanceof AuditError && e.kind === 'badResponse';

describe('api/parseAuditRecord', () => {
  it('keeps a well-formed record as is', () => {
    assert.deepEqual(parseAuditRecord(raw()), raw());
  });

  it('accepts operations null, {} and arrays; {} becomes []', () => {
    assert.equal(parseAuditRecord(raw()).author.operations, null);
    assert.deepEqual(parseAuditRecord(raw({ author: { type: 'user', displayName: 'A', operations: {} } })).author.operations, []);
    const ops = [{ operation: 'read', targetType: 'space' }, { operation: 'teleport', targetType: 'page' }];
    assert.deepEqual(parseAuditRecord(raw({ author: { type: 'user', displayName: 'A', operations: ops } })).author.operations, [{ operation: 'read', targetType: 'space' }]);
  });

  it('converts a numeric-string creationDate to a number', () => {
    assert.equal(parseAuditRecord(raw({ creationDate: '1700000000123' })).creationDate, 1_700_000_000_123);
  });

  it('fills missing arrays and strings, keeps hidden-value markers', () => {
    const r = parseAuditRecord(raw({ changedValues: null, associatedObjects: undefined, description: null, affectedObject: null }));
    assert.deepEqual(r.changedValues, []);
    assert.deepEqual(r.associatedObjects, []);
    assert.equal(r.description, '');
    assert.deepEqual(r.affectedObject, { name: '', objectType: '' });
    assert.equal(parseAuditRecord(raw()).changedValues[0].hiddenOldValue, '');
    assert.equal(parseAuditRecord(raw()).changedValues[0].hiddenNewValue, undefined);
  });

  it('throws badResponse on garbage', () => {
    for (const bad of [null, 42, 'x', [], raw({ creationDate: 'yesterday' }), raw({ creationDate: undefined }), raw({ summary: 5 }),
      raw({ changedValues: {} }), raw({ author: 'someone' }), raw({ sysAdmin: 'no' }), raw({ author: { displayName: 'A', operations: 'all' } })]) {
      assert.throws(() => parseAuditRecord(bad), isBadResponse, JSON.stringify(bad));
    }
  });
});

describe('api/parseAuditRecordArray and parseRetentionPeriod', () => {
  it('parses a page and falls back to what was asked for missing counters', () => {
    const page = parseAuditRecordArray({ results: [raw()], _links: { next: '/rest/api/audit?start=1' } }, { start: 0, limit: 1 });
    assert.equal(page.size, 1);
    assert.equal(page.limit, 1);
    assert.equal(page.start, 0);
    assert.equal(page._links.next, '/rest/api/audit?start=1');
  });
  it('refuses a page without results', () => {
    assert.throws(() => parseAuditRecordArray({ size: 0 }), isBadResponse);
    assert.throws(() => parseAuditRecordArray({ results: [], limit: -1 }), isBadResponse);
  });
  it('reads retention periods leniently about case and numeric strings, strictly about units', () => {
    assert.deepEqual(parseRetentionPeriod({ number: '3', units: 'months' }), { number: 3, units: 'MONTHS' });
    assert.throws(() => parseRetentionPeriod({ number: 3, units: 'FORTNIGHTS' }), isBadResponse);
    assert.throws(() => parseRetentionPeriod({ number: 1.5, units: 'DAYS' }), isBadResponse);
  });
});

describe('api/recordKey', () => {
  it('does not depend on property order on the wire', () => {
    const a = parseAuditRecord(raw());
    const reordered = Object.fromEntries(Object.entries(raw()).reverse());
    assert.equal(recordKey(parseAuditRecord(reordered)), recordKey(a));
  });
  it('differs when any content differs, also one millisecond or a hidden marker', () => {
    const base = recordKey(parseAuditRecord(raw()));
    assert.notEqual(recordKey(parseAuditRecord(raw({ creationDate: 1_700_000_000_001 }))), base);
    assert.notEqual(recordKey(parseAuditRecord(raw({ changedValues: [{ name: 'Permission', oldValue: '', newValue: 'read' }] }))), base);
    assert.match(base, /^[0-9a-f]{64}$/);
  });
  it('is the same for genuinely identical records', () => {
    assert.equal(recordKey(parseAuditRecord(raw())), recordKey(parseAuditRecord(raw())));
  });
  it('keeps the identity earlier versions computed (saved detail panels refer to records by key)', () => {
    assert.equal(recordKey(parseAuditRecord(raw())), 'c40498ea544ed5456c07a687e88a17cd34aa1ca591c49a265bea09cda9faad6a');
  });
});

/** The definition canonicalJson must meet (its first, plainest implementation): keys sorted at every level, undefined members left out. */
function referenceCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(referenceCanonical).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonical(v)}`).join(',')}}`;
}

describe('api/canonicalJson', () => {
  it('sorts keys at every level and leaves out undefined members', () => {
    const values = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.option(fc.jsonValue(), { nil: undefined })));
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 3, e: undefined }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"f":3}]},"b":1}');
    fc.assert(fc.property(values, (v) => {
      assert.equal(canonicalJson(v), referenceCanonical(v));
    }), { numRuns: 300, seed: 7 });
  });
  it('ignores key order, also for keys past its cache of quoted names', () => {
    const many = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}"\\`, i]));
    const reversed = Object.fromEntries(Object.entries(many).reverse());
    assert.equal(canonicalJson(reversed), canonicalJson(many));
    assert.deepEqual(JSON.parse(canonicalJson(many)), many);
  });
});
