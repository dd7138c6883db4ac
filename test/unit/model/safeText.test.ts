import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { singleLine } from '../../../src/model/safeText';

// eslint-disable-next-line no-control-regex -- the test looks for control characters
const DANGEROUS = /[\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\uFEFF\u2028\u2029]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('model/safeText singleLine', () => {
  it('keeps ordinary text as it is', () => {
    assert.equal(singleLine('Space permission added'), 'Space permission added');
    assert.equal(singleLine('Zoë 日本語 👩‍💻'), 'Zoë 日本語 👩‍💻');
  });

  it('makes bidi overrides and invisible characters visible', () => {
    assert.equal(singleLine('invoice\u202Efdp.exe'), 'invoice\\u202Efdp.exe');
    assert.equal(singleLine('\u2066admin\u2069'), '\\u2066admin\\u2069');
    assert.equal(singleLine('ad\u200Bmin'), 'ad\\u200Bmin');
    assert.equal(singleLine('bell\u0007 and \u009B'), 'bell\\u0007 and \\u009B');
  });

  it('puts everything on one line', () => {
    assert.equal(singleLine('first\r\nsecond\nthird\u2028fourth\tfifth'), 'first ↵ second ↵ third ↵ fourth fifth');
  });

  it('replaces broken surrogates', () => {
    assert.equal(singleLine('a\uD800b\uDC00c'), 'a\uFFFDb\uFFFDc');
  });

  it('truncates with an ellipsis without cutting an escape or a surrogate pair', () => {
    assert.equal(singleLine('abcdefghij', 5), 'abcd…');
    assert.equal(singleLine('abcde', 5), 'abcde');
    assert.equal(singleLine('abc\u202Edefgh', 8), 'abc…');
    assert.equal(singleLine('😀😀😀😀', 3), '😀😀…');
    assert.equal(singleLine('hello world', 7), 'hello…', 'no space before the ellipsis');
  });

  it('never lets a control, bidi or line-break character through and respects the length (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (text, max) => {
        const out = singleLine(text, max);
        assert.ok(!DANGEROUS.test(out), JSON.stringify(out));
        assert.ok([...out].length <= max);
        assert.ok(!LONE_SURROGATE.test(out), 'well-formed UTF-16');
      }),
      { numRuns: 1000 },
    );
  });
});
