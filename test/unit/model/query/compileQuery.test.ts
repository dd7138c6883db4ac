import * as assert from 'node:assert/strict';
import { compileQuery, describeSplit, parseQuery, splitQuery, type Query } from '../../../../src/model/query';
import { sampleAuthor, sampleRecord } from '../sampleRecord';

function query(text: string): Query {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(result.error);
  return result.query;
}

const records = [
  sampleRecord({ summary: 'Space permission added', author: sampleAuthor({ displayName: 'alice', accountId: 'a-1' }), remoteAddress: '10.1.2.3', category: 'Permissions' }),
  sampleRecord({ summary: 'Page viewed', author: sampleAuthor({ displayName: 'bob', publicName: 'bob', accountId: 'b-2' }), remoteAddress: '203.0.113.7', category: 'Pages' }),
  sampleRecord({ summary: 'User removed from group', author: sampleAuthor({ displayName: 'carol', publicName: 'carol', accountId: 'c-3' }), remoteAddress: '10.9.9.9, 172.16.0.1', category: 'Users and groups', affectedObject: { name: 'Finance', objectType: 'Space' } }),
];

function matching(text: string): string[] {
  const p = compileQuery(query(text));
  return records.filter(p).map((r) => r.author?.displayName ?? '');
}

describe('query language: matching records', () => {
  it('ANDs terms, ORs values of one qualifier, leaves out negated terms', () => {
    assert.deepEqual(matching(''), ['alice', 'bob', 'carol']);
    assert.deepEqual(matching('author:alice author:BOB'), ['alice', 'bob']);
    assert.deepEqual(matching('author:alice author:bob category:pages'), ['bob']);
    assert.deepEqual(matching('-author:alice'), ['bob', 'carol']);
    assert.deepEqual(matching('-summary:viewed -author:carol'), ['alice']);
  });

  it('ip: takes ranges and forwarding chains; object: names; summary: and free text are parts of text', () => {
    assert.deepEqual(matching('ip:10.0.0.0/8'), ['alice', 'carol']);
    assert.deepEqual(matching('ip:172.16.0.0/12'), ['carol']);
    assert.deepEqual(matching('object:finance'), ['carol']);
    assert.deepEqual(matching('summary:"from group"'), ['carol']);
    assert.deepEqual(matching('"FINANCE"'), ['carol'], 'free text finds an object name');
    assert.deepEqual(matching('203.0.113'), ['bob'], 'and an address');
    assert.deepEqual(matching('permission -viewed'), ['alice', 'carol'], "carol's description mentions a permission");
  });

  it('sends positive qualifiers of the kinds a source filters by to its server, and says what ran where', () => {
    const split = splitQuery(query('author:alice author:bob -author:carol ip:10.0.0.0/8 category:Pages "free"'), ['authors', 'categories']);
    assert.deepEqual(split.server, { authors: ['alice', 'bob'], categories: ['Pages'] });
    assert.equal(describeSplit(split), 'on the server: author:alice author:bob category:Pages · here: -author:carol ip:10.0.0.0/8 free');
    const none = splitQuery(query('author:alice'), []);
    assert.deepEqual(none.server, {});
    assert.equal(describeSplit(none), 'here: author:alice');
  });
});
