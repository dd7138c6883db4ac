import * as assert from 'node:assert/strict';
import { compileFilter, describeFilter, FILTER_KINDS, isEmptyFilter, offeredFilterKinds, validateFilterValue, type RecordFilter } from '../../../src/model/filters';
import { sampleAuthor, sampleRecord, SYSTEM_AUTHOR } from './sampleRecord';

const alice = sampleRecord();
const bob = sampleRecord({
  author: sampleAuthor({ displayName: 'Bob Builder', publicName: 'bob', accountId: 'acc-bob' }),
  category: 'Users and groups',
  remoteAddress: '2001:db8:1::7',
});
const dc = sampleRecord({
  author: { type: 'user', displayName: 'Carol', username: 'carol.dc', userKey: 'k1' },
  category: 'Global config and administration',
  remoteAddress: '203.0.113.9, 10.9.8.7',
});
const system = sampleRecord({ author: SYSTEM_AUTHOR, category: 'Space', remoteAddress: '' });
const all = [alice, bob, dc, system];

function keep(filter: RecordFilter): string[] {
  const predicate = compileFilter(filter);
  return all.filter(predicate).map((r) => r.author.displayName);
}

describe('model/filters', () => {
  it('keeps everything when empty', () => {
    assert.ok(isEmptyFilter({}));
    assert.ok(isEmptyFilter({ categories: [], authors: ['  '] }));
    assert.ok(!isEmptyFilter({ authors: ['alice'] }));
    assert.deepEqual(keep({}), ['alice', 'Bob Builder', 'Carol', 'System']);
  });

  it('matches categories case-insensitively and exactly', () => {
    assert.deepEqual(keep({ categories: ['permissions'] }), ['alice']);
    assert.deepEqual(keep({ categories: ['Permission'] }), []);
    assert.deepEqual(keep({ categories: ['Permissions', 'space '] }), ['alice', 'System'], 'OR within a list');
  });

  it('matches authors by display name, public name, account id or username', () => {
    assert.deepEqual(keep({ authors: ['BOB BUILDER'] }), ['Bob Builder']);
    assert.deepEqual(keep({ authors: ['bob'] }), ['Bob Builder']);
    assert.deepEqual(keep({ authors: ['acc-bob'] }), ['Bob Builder']);
    assert.deepEqual(keep({ authors: ['carol.dc'] }), ['Carol']);
    assert.deepEqual(keep({ authors: ['k1'] }), [], 'the user key is not a name people type');
    assert.deepEqual(keep({ authors: ['bo'] }), [], 'exact, not substring');
    assert.deepEqual(keep({ authors: ['system'] }), ['System']);
  });

  it('matches remote addresses exactly, by CIDR, and within forwarding chains', () => {
    assert.deepEqual(keep({ remoteAddresses: ['10.1.2.3'] }), ['alice']);
    assert.deepEqual(keep({ remoteAddresses: ['10.0.0.0/8'] }), ['alice', 'Carol']);
    assert.deepEqual(keep({ remoteAddresses: ['2001:0db8:0001:0000::7'] }), ['Bob Builder'], 'IPv6 compared as numbers');
    assert.deepEqual(keep({ remoteAddresses: ['2001:db8::/32'] }), ['Bob Builder']);
    assert.deepEqual(keep({ remoteAddresses: ['203.0.113.0/24'] }), ['Carol']);
    assert.deepEqual(keep({ remoteAddresses: ['10.1.2.0/24', '2001:db8::/32'] }), ['alice', 'Bob Builder']);
    const mapped = sampleRecord({ remoteAddress: '::ffff:10.1.2.3' });
    assert.ok(compileFilter({ remoteAddresses: ['10.0.0.0/8'] })(mapped));
    const oddText = sampleRecord({ remoteAddress: 'unknown' });
    assert.ok(compileFilter({ remoteAddresses: ['Unknown'] })(oddText), 'non-addresses compare as text');
  });

  it('ANDs across lists', () => {
    assert.deepEqual(keep({ categories: ['Permissions', 'Users and groups'], remoteAddresses: ['2001:db8::/32'] }), ['Bob Builder']);
    assert.deepEqual(keep({ categories: ['Permissions'], authors: ['bob'] }), []);
  });

  it('survives records with missing fields', () => {
    const broken = { ...sampleRecord(), author: undefined, category: undefined, remoteAddress: undefined } as unknown as Parameters<ReturnType<typeof compileFilter>>[0];
    assert.equal(compileFilter({ authors: ['alice'], categories: ['x'], remoteAddresses: ['10.0.0.0/8'] })(broken), false);
    assert.equal(compileFilter({ remoteAddresses: ['10.0.0.0/8'] })(broken), false);
  });

  it('describes the filter on one line', () => {
    assert.equal(describeFilter({ categories: ['Permissions'], authors: ['alice'] }), 'category: Permissions · author: alice');
    assert.equal(describeFilter({ categories: ['Permissions', 'Apps'], remoteAddresses: ['10.0.0.0/8'], authors: [] }), 'category: Permissions, Apps · address: 10.0.0.0/8');
    assert.equal(describeFilter({ authors: ['evil\u202Egnp.exe\nnext'] }), 'author: evil\\u202Egnp.exe ↵ next');
    assert.equal(describeFilter({}), '');
  });

  it('describes a value by its label when it has one: an author filtered by account id reads as the name (issue 17, item 9)', () => {
    const labels = { authors: { 'acc-bob': 'Bob Builder' } };
    assert.equal(describeFilter({ authors: ['acc-bob', 'alice'] }, labels), 'author: Bob Builder, alice');
    assert.equal(describeFilter({ authors: ['acc-bob'] }, { authors: { 'acc-bob': 'evil\u202Eexe' } }), 'author: evil\\u202Eexe');
  });

  it('validates typed values', () => {
    assert.equal(validateFilterValue('remoteAddresses', '10.0.0.0/8'), undefined);
    assert.equal(validateFilterValue('remoteAddresses', '2001:db8::/32'), undefined);
    assert.equal(validateFilterValue('remoteAddresses', ' 10.1.2.3 '), undefined);
    assert.match(validateFilterValue('remoteAddresses', '10.0.0.0/40') ?? '', /0 to 32/);
    assert.match(validateFilterValue('remoteAddresses', '10.0.0/8') ?? '', /not an IPv4 or IPv6 address/);
    assert.match(validateFilterValue('remoteAddresses', 'intranet') ?? '', /Enter an IPv4 or IPv6 address/);
    assert.match(validateFilterValue('authors', '  ') ?? '', /Enter a value/);
    assert.match(validateFilterValue('authors', 'a\u0007b') ?? '', /control characters/);
    assert.match(validateFilterValue('categories', 'x'.repeat(300)) ?? '', /at most 256/);
    assert.equal(validateFilterValue('authors', 'Zoë O’Brien'), undefined);
  });
});

describe('affected object filter', () => {
  it('matches the affected object or an associated object by name, case-insensitively', () => {
    const base = {
      author: { type: 'user' as const, displayName: 'alice' },
      remoteAddress: '10.0.0.1',
      creationDate: 1,
      summary: 's',
      description: '',
      category: 'Permissions',
      sysAdmin: false,
      changedValues: [],
    };
    const affected = { ...base, affectedObject: { name: 'Engineering', objectType: 'Space' }, associatedObjects: [] };
    const associated = { ...base, affectedObject: { name: 'x', objectType: 'Group' }, associatedObjects: [{ name: 'ENGINEERING', objectType: 'Space' }] };
    const other = { ...base, affectedObject: { name: 'Sales', objectType: 'Space' }, associatedObjects: [] };
    const match = compileFilter({ affectedObjects: ['engineering'] });
    assert.equal(match(affected), true);
    assert.equal(match(associated), true);
    assert.equal(match(other), false);
    assert.equal(describeFilter({ affectedObjects: ['Engineering'] }), 'object: Engineering');
  });
});

describe('action filter', () => {
  it('matches what happened (the record\'s summary), case-insensitively and exactly, and describes itself as "action"', () => {
    const granted = sampleRecord({ summary: 'Space permission added' });
    const removed = sampleRecord({ summary: 'Space permission removed' });
    const match = compileFilter({ actions: ['space PERMISSION added'] });
    assert.equal(match(granted), true);
    assert.equal(match(removed), false);
    assert.equal(compileFilter({ actions: ['Space permission'] })(granted), false, 'exact, not a substring');
    assert.equal(describeFilter({ actions: ['Space permission added'], authors: ['alice'] }), 'author: alice · action: Space permission added');
    assert.equal(isEmptyFilter({ actions: [' '] }), true);
  });

  it('is offered only while a source filters by it on its server; the other kinds always', () => {
    assert.deepEqual(offeredFilterKinds([]), FILTER_KINDS.filter((k) => k !== 'actions'));
    assert.deepEqual(offeredFilterKinds(['authors', 'categories']), FILTER_KINDS.filter((k) => k !== 'actions'));
    assert.deepEqual(offeredFilterKinds(['actions']), [...FILTER_KINDS]);
  });
});
