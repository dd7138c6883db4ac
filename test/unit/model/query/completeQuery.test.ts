import * as assert from 'node:assert/strict';
import type { FilterKind } from '../../../../src/model/filters';
import { completeQuery } from '../../../../src/model/query';

const SEEN: Partial<Record<FilterKind, string[]>> = { authors: ['alice', 'Alan Turing', 'bob'], categories: ['Permissions', 'Pages'] };
const seen = (kind: FilterKind): string[] => SEEN[kind] ?? [];
const texts = (text: string): string[] => completeQuery(text, seen).map((c) => c.text);

describe('query language: completions', () => {
  it('offers the qualifiers a word could still become, keeping a minus', () => {
    assert.deepEqual(texts(''), ['author:', 'category:', 'ip:', 'object:', 'summary:']);
    assert.deepEqual(texts('category:Pages a'), ['category:Pages author:']);
    assert.deepEqual(texts('-s'), ['-summary:']);
    assert.deepEqual(texts('free'), []);
  });

  it('offers values seen for the qualifier, quoted where needed, and nothing inside an open quote', () => {
    assert.deepEqual(texts('author:a'), ['author:alice ', 'author:"Alan Turing" ']);
    assert.deepEqual(texts('ip:10 -category:P'), ['ip:10 -category:Permissions ', 'ip:10 -category:Pages ']);
    assert.deepEqual(texts('summary:x'), [], 'summary has no seen values');
    assert.deepEqual(texts('author:"Al'), []);
    assert.deepEqual(texts('author:alice'), [], 'a value typed out is not offered again');
  });
});
