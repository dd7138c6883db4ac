// The host's validator accepts exactly the protocol's messages and refuses forgeries of every kind.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { validateDetailState, validateRetentionState, validateWebviewMessage } from '../../../src/shared/validateMessage';
import type { WebviewRequest } from '../../../src/shared/protocol';

const VALID: WebviewRequest[] = [
  { type: 'detail.ready', requestId: 1 },
  { type: 'detail.copyJson', requestId: 2 },
  { type: 'detail.openJson', requestId: 3 },
  { type: 'detail.compare', requestId: 4, index: 0 },
  { type: 'detail.compare', requestId: 4, index: 9_999 },
  { type: 'detail.pivot', requestId: 5, pivot: 'author' },
  { type: 'detail.pivot', requestId: 5, pivot: 'remoteAddress' },
  { type: 'detail.pivot', requestId: 5, pivot: 'affectedObject' },
  { type: 'detail.pivot', requestId: 5, pivot: 'around' },
  { type: 'detail.setPinned', requestId: 6, pinned: true },
  { type: 'retention.ready', requestId: 0 },
  { type: 'retention.refresh', requestId: 2 ** 31 - 1 },
  { type: 'retention.preview', requestId: 8, period: { number: 30, units: 'DAYS' } },
  { type: 'retention.cancelPreview', requestId: 9 },
  { type: 'retention.save', requestId: 10, period: { number: 6, units: 'MONTHS' }, loaded: { number: 1, units: 'YEARS' } },
  { type: 'timeline.ready', requestId: 11 },
  { type: 'timeline.cancel', requestId: 12 },
  { type: 'timeline.recount', requestId: 12 },
  { type: 'timeline.reveal', requestId: 13, index: 0 },
  { type: 'timeline.reveal', requestId: 13, index: 99_999 },
  { type: 'timeline.select', requestId: 14, from: 3, to: 1 },
];

function rejected(raw: unknown, panel?: 'detail' | 'retention' | 'timeline'): string {
  const result = validateWebviewMessage(raw, panel);
  assert.equal(result.ok, false, `accepted ${inspect(raw)}`);
  return result.ok ? '' : result.reason;
}

describe('validateWebviewMessage', () => {
  it('accepts every valid message of the protocol', () => {
    for (const message of VALID) {
      const result = validateWebviewMessage(JSON.parse(JSON.stringify(message)));
      assert.equal(result.ok, true, `refused ${JSON.stringify(message)}: ${result.ok ? '' : result.reason}`);
      if (result.ok) assert.deepEqual(result.message, message);
    }
  });

  it('accepts a message only from the panel it belongs to', () => {
    assert.equal(validateWebviewMessage({ type: 'detail.ready', requestId: 1 }, 'detail').ok, true);
    assert.match(rejected({ type: 'detail.ready', requestId: 1 }, 'retention'), /not a retention message/);
    assert.match(rejected({ type: 'retention.save', requestId: 1, period: { number: 1, units: 'DAYS' }, loaded: { number: 1, units: 'DAYS' } }, 'detail'), /not a detail message/);
    assert.equal(validateWebviewMessage({ type: 'timeline.select', requestId: 1, from: 0, to: 2 }, 'timeline').ok, true);
    assert.match(rejected({ type: 'timeline.select', requestId: 1, from: 0, to: 2 }, 'retention'), /not a retention message/);
    assert.match(rejected({ type: 'detail.pivot', requestId: 1, pivot: 'author' }, 'timeline'), /not a timeline message/);
  });

  it('refuses forged timeline messages: bars only by index, no window, range or text the page chose', () => {
    for (const index of [-1, 1.5, 100_000, Number.NaN, '2', null, [1]]) rejected({ type: 'timeline.reveal', requestId: 1, index }, 'timeline');
    for (const [from, to] of [[0, -1], [0, '1'], [2 ** 53, 0], [undefined, 0]]) rejected({ type: 'timeline.select', requestId: 1, from, to }, 'timeline');
    assert.match(rejected({ type: 'timeline.select', requestId: 1, from: 0, to: 1, spec: { kind: 'absolute', start: 0, end: 1, zone: 'utc' } }, 'timeline'), /unexpected field "spec"/);
    assert.match(rejected({ type: 'timeline.select', requestId: 1, from: 0 }, 'timeline'), /missing field to/);
    assert.match(rejected({ type: 'timeline.reveal', requestId: 1, index: 0, siteId: 'other-site' }, 'timeline'), /unexpected field "siteId"/);
    assert.match(rejected({ type: 'timeline.show', view: {} }, 'timeline'), /unknown message type/);
    assert.match(rejected({ type: 'timeline.ready', requestId: 1, command: 'workbench.action.terminal.new' }, 'timeline'), /unexpected field/);
  });

  it('rejects non-objects and unknown types, including command ids', () => {
    for (const raw of [null, undefined, 42, 'detail.ready', [], [{ type: 'detail.ready', requestId: 1 }], true]) rejected(raw);
    for (const type of ['executeCommand', 'command', 'vscode.open', 'confluenceAudit.addFilter', 'workbench.action.terminal.new', 'DETAIL.READY', 'detail.ready ', '', 'toString', '__proto__', 'constructor']) {
      assert.match(rejected({ type, requestId: 1 }), /unknown message type/, type);
    }
    assert.match(rejected({ requestId: 1 }), /unknown message type/);
    assert.match(rejected({ type: 'executeCommand', requestId: 1, command: 'workbench.action.terminal.new', args: [] }), /unknown message type/);
  });

  it('rejects extra fields, such as a smuggled command or value', () => {
    assert.match(rejected({ type: 'detail.ready', requestId: 1, command: 'workbench.action.terminal.new' }), /unexpected field "command"/);
    assert.match(rejected({ type: 'detail.pivot', requestId: 1, pivot: 'author', value: 'attacker' }), /unexpected field/);
    assert.match(rejected({ type: 'retention.save', requestId: 1, period: { number: 1, units: 'DAYS', force: true }, loaded: { number: 1, units: 'DAYS' } }), /unexpected field "force"/);
  });

  it('rejects missing fields', () => {
    assert.match(rejected({ type: 'detail.ready' }), /missing field requestId/);
    assert.match(rejected({ type: 'detail.compare', requestId: 1 }), /missing field index/);
    assert.match(rejected({ type: 'retention.save', requestId: 1, period: { number: 1, units: 'DAYS' } }), /missing field loaded/);
    assert.match(rejected({ type: 'retention.preview', requestId: 1, period: { units: 'DAYS' } }), /missing field number/);
  });

  it('rejects wrong types', () => {
    rejected({ type: 'detail.ready', requestId: '1' });
    rejected({ type: 'detail.ready', requestId: 1n });
    rejected({ type: 'detail.compare', requestId: 1, index: '0' });
    rejected({ type: 'detail.setPinned', requestId: 1, pinned: 'true' });
    rejected({ type: 'detail.setPinned', requestId: 1, pinned: 1 });
    rejected({ type: 'detail.pivot', requestId: 1, pivot: ['author'] });
    rejected({ type: 'retention.preview', requestId: 1, period: { number: '30', units: 'DAYS' } });
    rejected({ type: 'retention.preview', requestId: 1, period: [30, 'DAYS'] });
    rejected({ type: 'retention.preview', requestId: 1, period: null });
  });

  it('rejects out-of-range values and values outside the enumerations', () => {
    for (const requestId of [-1, 1.5, 2 ** 31, Number.NaN, Number.POSITIVE_INFINITY, -0.5]) rejected({ type: 'detail.ready', requestId });
    for (const index of [-1, 10_000, 0.5, 1e300]) rejected({ type: 'detail.compare', requestId: 1, index });
    for (const number of [0, -5, 1.5, 2 ** 31, Number.NaN]) rejected({ type: 'retention.preview', requestId: 1, period: { number, units: 'DAYS' } });
    for (const units of ['days', 'FORTNIGHTS', '', 'DAYS ']) rejected({ type: 'retention.preview', requestId: 1, period: { number: 1, units } });
    rejected({ type: 'detail.pivot', requestId: 1, pivot: 'command:workbench.action.terminal.new' });
  });

  it('rejects prototype-pollution keys and non-plain objects', () => {
    const withProto: unknown = JSON.parse('{"type":"detail.ready","requestId":1,"__proto__":{"polluted":true}}');
    assert.match(rejected(withProto), /unexpected field "__proto__"/);
    const nested: unknown = JSON.parse('{"type":"retention.preview","requestId":1,"period":{"number":1,"units":"DAYS","__proto__":{"x":1}}}');
    rejected(nested);
    rejected({ type: 'detail.ready', requestId: 1, constructor: { prototype: { polluted: true } } });
    rejected(Object.assign(Object.create({ inherited: true }) as object, { type: 'detail.ready', requestId: 1 }));
    const withSymbol = { type: 'detail.ready', requestId: 1, [Symbol('s')]: 1 };
    rejected(withSymbol);
    const withAccessor = { type: 'detail.ready' };
    Object.defineProperty(withAccessor, 'requestId', { get: () => 1, enumerable: true });
    assert.match(rejected(withAccessor), /accessor/);
    const hiddenExtra = { type: 'detail.ready', requestId: 1 };
    Object.defineProperty(hiddenExtra, 'command', { value: 'x', enumerable: false });
    rejected(hiddenExtra);
    assert.equal(({} as { polluted?: unknown }).polluted, undefined, 'Object.prototype untouched');
  });

  it('accepts an object with a null prototype (structured clone may produce one)', () => {
    const bare = Object.assign(Object.create(null) as object, { type: 'detail.ready', requestId: 1 });
    assert.equal(validateWebviewMessage(bare).ok, true);
  });

  it('accepts a random object only when it has exactly the fields of its type', () => {
    const expectedKeys = new Map<string, string>();
    for (const v of VALID) expectedKeys.set(v.type, Object.keys(v).sort().join(','));
    const value = fc.oneof(fc.integer({ min: -5, max: 20_000 }), fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(null), fc.constantFrom('author', 'around', 'DAYS'), fc.record({ number: fc.integer({ min: -1, max: 400 }), units: fc.constantFrom('DAYS', 'YEARS', 'days') }));
    const field = fc.constantFrom('requestId', 'index', 'pivot', 'pinned', 'period', 'loaded', 'command', 'value', 'args');
    fc.assert(
      fc.property(fc.constantFrom(...expectedKeys.keys()), fc.dictionary(field, value), (type, fields) => {
        const raw = { ...fields, type };
        const result = validateWebviewMessage(raw);
        if (!result.ok) return true;
        return Object.keys(raw).sort().join(',') === expectedKeys.get(type);
      }),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...VALID), fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue(), (message, key, extra) => {
        fc.pre(!(key in message));
        return !validateWebviewMessage({ ...message, [key]: extra }).ok;
      }),
      { numRuns: 300 },
    );
  });
});

describe('panel state validation (state handed back by the serializer)', () => {
  const identity = { siteId: 'site-1234abcd', creationDate: 1_700_000_000_000, key: 'a'.repeat(64) };

  it('accepts the states the webviews save', () => {
    assert.deepEqual(validateDetailState({ identity, pinned: true }), { identity, pinned: true });
    assert.deepEqual(validateRetentionState({ siteId: 'site-1234abcd' }), { siteId: 'site-1234abcd' });
    const draft = { number: '3x', units: 'DAYS', basedOn: { number: 1, units: 'YEARS' } };
    assert.deepEqual(validateRetentionState({ siteId: 'site-1234abcd', draft }), { siteId: 'site-1234abcd', draft });
  });

  it('refuses malformed or forged states', () => {
    assert.equal(validateDetailState(undefined), undefined);
    assert.equal(validateDetailState({ identity }), undefined);
    assert.equal(validateDetailState({ identity: { ...identity, key: '../../etc' }, pinned: false }), undefined);
    assert.equal(validateDetailState({ identity: { ...identity, siteId: 'x' }, pinned: false }), undefined);
    assert.equal(validateDetailState({ identity: { ...identity, creationDate: -1 }, pinned: false }), undefined);
    assert.equal(validateDetailState({ identity, pinned: false, extra: 1 }), undefined);
    assert.equal(validateRetentionState({ siteId: 'site-1234abcd', draft: { number: 'x'.repeat(33), units: 'DAYS' } }), undefined);
    assert.equal(validateRetentionState({ siteId: 'site-1234abcd', draft: { number: '1', units: '<img>' } }), undefined);
    assert.equal(validateRetentionState({ siteId: 'site 1234' }), undefined);
  });
});
