import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_TERMS, parseQuery, printQuery, QUERY_FIELDS, type Query, type QueryTerm } from '../../../../src/model/query';

function parsed(text: string): QueryTerm[] {
  const result = parseQuery(text);
  if (!result.ok) throw new Error(`${text}: ${result.error} at ${result.at}`);
  return result.query.terms;
}

function refused(text: string): { error: string; at: number } {
  const result = parseQuery(text);
  if (result.ok) throw new Error(`${text} was accepted: ${JSON.stringify(result.query)}`);
  return { error: result.error, at: result.at };
}

describe('query language: parsing', () => {
  it('reads the issue example: qualifiers, a range, a quoted object, a negation and quoted free text', () => {
    assert.deepEqual(parsed('author:alice category:Permissions ip:10.0.0.0/8 object:"Finance" -summary:viewed "free text"'), [
      { field: 'author', value: 'alice', negated: false },
      { field: 'category', value: 'Permissions', negated: false },
      { field: 'ip', value: '10.0.0.0/8', negated: false },
      { field: 'object', value: 'Finance', negated: false },
      { field: 'summary', value: 'viewed', negated: true },
      { value: 'free text', negated: false },
    ]);
  });

  it('takes qualifiers in any case, escapes in quotes, IPv6 values with colons, and free text with quotes inside a word', () => {
    assert.deepEqual(parsed('AUTHOR:"Ann \\"Jo\\" Lee" ip:2001:db8::/32 it"s -"a\\\\b"'), [
      { field: 'author', value: 'Ann "Jo" Lee', negated: false },
      { field: 'ip', value: '2001:db8::/32', negated: false },
      { value: 'it"s', negated: false },
      { value: 'a\\b', negated: true },
    ]);
  });

  it('reads text whose colon does not follow a word of letters as free text (a port, a time)', () => {
    assert.deepEqual(parsed('10.1.2.3:8443 12:30'), [
      { value: '10.1.2.3:8443', negated: false },
      { value: '12:30', negated: false },
    ]);
  });

  it('says what is wrong and where', () => {
    assert.deepEqual(refused('author:alice colour:red'), { error: '"colour:" is not a qualifier; use author: category: ip: object: summary: or put the text in quotes.', at: 13 });
    assert.match(refused('author: alice').error, /author: needs a value/);
    assert.match(refused('ip:10.0.').error, /^ip: Enter an IPv4 or IPv6 address/);
    assert.match(refused('ip:10.0.0.0/33').error, /^ip: /);
    assert.deepEqual(refused('summary:"viewed'), { error: 'A quote is not closed.', at: 8 });
    assert.match(refused('"a"b').error, /space after a closing quote/);
    assert.match(refused('alice -').error, /minus must be followed/);
    assert.match(refused('"" alice').error, /Enter a value/);
    assert.match(refused('a\u0007b').error, /control characters/);
    assert.match(refused(Array.from({ length: MAX_TERMS + 1 }, (_, i) => `t${i}`).join(' ')).error, /at most 64 terms/);
  });

  it('an empty query or white space is the query with no terms', () => {
    assert.deepEqual(parsed(''), []);
    assert.deepEqual(parsed(' \t '), []);
  });

  it('printing and parsing again gives the same query (property)', () => {
    // Values are anything a person can type: letters, digits, spaces, quotes, backslashes, colons, minus
    // signs, non-Latin text; no control characters (refused) and not blank (refused).
    const char = fc.constantFrom(...'aZ09 :-"\\/._éب漢'.split(''));
    const value = fc.array(char, { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')).filter((v) => v.trim() !== '');
    const ipValue = fc.constantFrom('10.0.0.0/8', '203.0.113.7', '2001:db8::1', '2001:db8::/32');
    const term: fc.Arbitrary<QueryTerm> = fc.oneof(
      fc.record({ field: fc.constantFrom(...QUERY_FIELDS.filter((f) => f !== 'ip')), value, negated: fc.boolean() }),
      fc.record({ field: fc.constant('ip' as const), value: ipValue, negated: fc.boolean() }),
      fc.record({ value, negated: fc.boolean() }),
    ).map((t) => ({ ...t })); // fast-check's records have no prototype; parsed terms are plain objects

    fc.assert(
      fc.property(fc.array(term, { maxLength: 8 }), (terms) => {
        const query: Query = { terms };
        const again = parseQuery(printQuery(query));
        assert.ok(again.ok, `${printQuery(query)}: ${again.ok ? '' : again.error}`);
        assert.deepEqual(again.query, query);
      }),
      { numRuns: 2000 },
    );
  });
});
