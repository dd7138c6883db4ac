// Saved queries in the model: the window text a user types ("last 24h", "since 2026-11-01T09:00Z") with its
// refusals, the "since" window (validated, described, resolved), and saved queries made from what was typed
// or read back from storage, where whatever does not hold is dropped.
import * as assert from 'node:assert/strict';
import { makeSavedQuery, MAX_SAVED_QUERIES, parseStoredSavedQueries, validateSavedQueryName, type SavedQuery } from '../../../src/model/savedQuery';
import { isInputError, parseWindowInput } from '../../../src/model/timeInput';
import { describeWindow, resolveWindow, validateWindowSpec, windowInputText, windowTooltip, type SinceSpec, type UntilNowSpec } from '../../../src/model/timeWindow';

const NOW = Date.UTC(2026, 11, 3, 12, 30);
const NOV_1_9H = Date.UTC(2026, 10, 1, 9);

function errorOf(value: unknown): string {
  if (isInputError(value)) return value.error;
  if (typeof value === 'object' && value !== null && 'error' in value && typeof value.error === 'string') return value.error;
  assert.fail(`expected an error, got ${JSON.stringify(value)}`);
}

describe('model/savedQuery', () => {
  describe('parseWindowInput', () => {
    it('reads "last …" as a relative window and "since …" as a fixed start up to now', () => {
      assert.deepEqual(parseWindowInput('last 24h', 'utc', NOW), { kind: 'relative', amount: 24, unit: 'hours' });
      assert.deepEqual(parseWindowInput('Last 7 days', 'utc', NOW), { kind: 'relative', amount: 7, unit: 'days' });
      assert.deepEqual(parseWindowInput('last hour', 'utc', NOW), { kind: 'relative', amount: 1, unit: 'hours' });
      assert.deepEqual(parseWindowInput(' 36h ', 'utc', NOW), { kind: 'relative', amount: 36, unit: 'hours' });
      assert.deepEqual(parseWindowInput('since 2026-11-01T09:00Z', 'Europe/Berlin', NOW), { kind: 'since', start: NOV_1_9H });
      assert.deepEqual(parseWindowInput('SINCE 2026-11-01T10:00+01:00', 'utc', NOW), { kind: 'since', start: NOV_1_9H });
      // Without Z or an offset the time is read in the zone given (the display zone).
      assert.deepEqual(parseWindowInput('since 2026-11-01 10:00', 'Europe/Berlin', NOW), { kind: 'since', start: NOV_1_9H });
    });

    it('refuses with what to type instead', () => {
      assert.match(errorOf(parseWindowInput('', 'utc', NOW)), /Enter a time window.*since 2026-11-01T09:00Z/);
      assert.match(errorOf(parseWindowInput('since', 'utc', NOW)), /Say since when/);
      assert.match(errorOf(parseWindowInput('since yesterday', 'utc', NOW)), /^After "since": This is not a date and time/);
      assert.match(errorOf(parseWindowInput('since 2026-02-30', 'utc', NOW)), /that month has 28 days/);
      assert.match(errorOf(parseWindowInput('since 2027-01-01T00:00Z', 'utc', NOW)), /in the future/);
      assert.match(errorOf(parseWindowInput('since 1999-12-31T23:00Z', 'utc', NOW)), /on or after 2000-01-01/);
      assert.match(errorOf(parseWindowInput('2026-11-01T09:00Z', 'utc', NOW)), /write "since 2026-11-01T09:00Z"/);
      assert.match(errorOf(parseWindowInput('last fortnight', 'utc', NOW)), /"fortnight" is not a unit/);
      assert.match(errorOf(parseWindowInput('last 1.5h', 'utc', NOW)), /whole number/);
      assert.match(errorOf(parseWindowInput('last 11 years', 'utc', NOW)), /at most 10 years/);
      assert.match(errorOf(parseWindowInput('yesterday', 'utc', NOW)), /not a time window we can read/);
    });

    it('reads back the text windowInputText writes', () => {
      const specs: UntilNowSpec[] = [
        { kind: 'relative', amount: 24, unit: 'hours' },
        { kind: 'relative', amount: 1, unit: 'weeks' },
        { kind: 'since', start: NOV_1_9H },
        { kind: 'since', start: NOV_1_9H + 30_123 },
      ];
      for (const spec of specs) assert.deepEqual(parseWindowInput(windowInputText(spec), 'Asia/Kathmandu', NOW), spec, windowInputText(spec));
      assert.equal(windowInputText({ kind: 'since', start: NOV_1_9H }), 'since 2026-11-01T09:00Z');
      assert.equal(windowInputText({ kind: 'preset', id: 'last-7-days' }), 'last 7 days');
    });
  });

  describe('the "since" window', () => {
    const since: SinceSpec = { kind: 'since', start: NOV_1_9H };

    it('resolves from its start to now, whenever that is', () => {
      assert.deepEqual(resolveWindow(since, NOW, 'utc'), { start: NOV_1_9H, end: NOW });
      assert.deepEqual(resolveWindow(since, NOW + 3_600_000, 'Europe/Berlin'), { start: NOV_1_9H, end: NOW + 3_600_000 });
    });

    it('is described in the display zone, its tooltip ending now', () => {
      assert.equal(describeWindow(since, 'utc'), 'Since 2026-11-01 09:00 (UTC)');
      const tooltip = windowTooltip(since, resolveWindow(since, NOW, 'utc'), 'utc');
      assert.match(tooltip, /From: 2026-11-01T09:00:00.000Z\nTo: {3}2026-12-03T12:30:00.000Z \(now\)\nA fixed start, up to now\./);
    });

    it('is valid from 2000 up to before now', () => {
      assert.equal(validateWindowSpec(since, NOW).ok, true);
      assert.equal(validateWindowSpec({ kind: 'since', start: Number.NaN }, NOW).ok, false);
      assert.equal(validateWindowSpec({ kind: 'since', start: NOW }, NOW).ok, false);
      assert.equal(validateWindowSpec({ kind: 'since', start: Date.UTC(1999, 11, 31) }, NOW).ok, false);
    });
  });

  describe('saved queries', () => {
    const typed = { name: 'Permission changes', query: 'category:Permissions   -summary:viewed', window: 'last 7 days' };

    it('are made from what was typed, the query in its canonical form', () => {
      assert.deepEqual(makeSavedQuery('saved-1', typed, { zone: 'utc', now: NOW }), {
        id: 'saved-1',
        name: 'Permission changes',
        query: 'category:Permissions -summary:viewed',
        window: { kind: 'relative', amount: 7, unit: 'days' },
      });
    });

    it('say which part is wrong', () => {
      assert.match(errorOf(makeSavedQuery('saved-1', { ...typed, name: ' ' }, { zone: 'utc', now: NOW })), /^Name: Enter a name/);
      assert.match(errorOf(makeSavedQuery('saved-1', typed, { zone: 'utc', now: NOW, taken: ['permission CHANGES'] })), /^Name: There is already a saved query named "Permission changes"/);
      assert.match(errorOf(makeSavedQuery('saved-1', { ...typed, query: 'colour:red' }, { zone: 'utc', now: NOW })), /^Query: "colour:" is not a qualifier.*\(at character 1\)/);
      assert.match(errorOf(makeSavedQuery('saved-1', { ...typed, query: '  ' }, { zone: 'utc', now: NOW })), /^Query: Enter a query to save/);
      assert.match(errorOf(makeSavedQuery('saved-1', { ...typed, window: 'since then' }, { zone: 'utc', now: NOW })), /^Window: After "since"/);
      assert.match(validateSavedQueryName('a\u202Eb\nc') ?? '', /one line/);
      assert.match(validateSavedQueryName('x'.repeat(81)) ?? '', /at most 80/);
    });

    it('read back from storage keep only what holds', () => {
      const good: SavedQuery = { id: 'saved-abc-0', name: 'Logins', query: 'summary:login', window: { kind: 'since', start: NOV_1_9H } };
      const stored: unknown[] = [
        good,
        { ...good, id: 'saved-abc-1', name: 'Spaced', query: 'author:alice    -ip:10.0.0.0/8' }, // kept, printed canonically
        { ...good, id: 'saved-abc-2', name: 'Extra', window: { kind: 'relative', amount: 3, unit: 'days', evil: '<script>' } }, // kept without the extra field
        { ...good, id: 'saved-abc-0', name: 'Same id' },
        { ...good, id: 'saved-abc-3', name: 'LOGINS' }, // a name already taken
        { ...good, id: 'other-1', name: 'Not our id' },
        { ...good, id: 'saved-abc-4', name: 'Bad query', query: 'colour:red' },
        { ...good, id: 'saved-abc-5', name: 'Empty query', query: '' },
        { ...good, id: 'saved-abc-6', name: 'Absolute', window: { kind: 'absolute', start: 0, end: 1, zone: 'utc' } },
        { ...good, id: 'saved-abc-7', name: 'Future', window: { kind: 'since', start: NOW + 1 } },
        { ...good, id: 'saved-abc-8', name: 'Too far', window: { kind: 'relative', amount: 11, unit: 'years' } },
        { ...good, id: 'saved-abc-9', name: 'Unknown kind', window: { kind: 'forever' } },
        { ...good, id: 'saved-abc-10', name: 'line\nbreak' },
        { ...good, id: 'saved-abc-11', name: 42 },
        { ...good, id: 'saved-abc-12', name: ' padded' },
        { ...good, id: 'saved-abc-13', name: 'Proto', query: { toString: () => 'author:x' } },
        null,
        'saved-abc-14',
        [good],
      ];
      assert.deepEqual(parseStoredSavedQueries(stored, NOW), [
        good,
        { ...good, id: 'saved-abc-1', name: 'Spaced', query: 'author:alice -ip:10.0.0.0/8' },
        { ...good, id: 'saved-abc-2', name: 'Extra', window: { kind: 'relative', amount: 3, unit: 'days' } },
      ]);
      for (const hostile of [undefined, null, 'x', 42, { length: 3 }]) assert.deepEqual(parseStoredSavedQueries(hostile, NOW), []);
      const many = Array.from({ length: MAX_SAVED_QUERIES + 5 }, (_, i) => ({ ...good, id: `saved-n-${i}`, name: `Query ${i}` }));
      assert.equal(parseStoredSavedQueries(many, NOW).length, MAX_SAVED_QUERIES);
    });
  });
});
