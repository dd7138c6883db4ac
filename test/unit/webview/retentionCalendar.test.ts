// Retention changes judged by the server's calendar (issue 10 item 1, issue 17 item 3): a month back from
// 2 March is 28 days, a year is 365 or 366 days, and the server's clock and zone are not ours. No change that
// deletes a record in the simulator may go unconfirmed, and no cutoff is shown as one precise wrong time.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { RETENTION_UNITS, type RetentionPeriod, type RetentionUnit } from '../../../src/api/types';
import { cutoffRange, mayShorten, periodLengthBounds } from '../../../src/shared/retentionCutoff';
import { retentionProblem } from '../../../src/shared/retentionRules';
import { RetentionActions, type ConfirmRequest, type RetentionBackend } from '../../../src/webview/retentionActions';
import { periodStart } from '../../../simulator/time';

const DAY = 86_400_000;
const MONTH: RetentionPeriod = { number: 1, units: 'MONTHS' };
const DAYS_30: RetentionPeriod = { number: 30, units: 'DAYS' };
const YEAR: RetentionPeriod = { number: 1, units: 'YEARS' };

interface Run {
  asked: ConfirmRequest[];
  counts: [start: number, end: number][];
  puts: RetentionPeriod[];
  exports: { start: number; end: number }[];
  actions: RetentionActions;
}

/** RetentionActions against a fake API storing `stored`, at `now` on both clocks; the dialog answers `answer`. */
function run(now: number, stored: RetentionPeriod, answer: 'proceed' | 'cancel' | 'exportFirst' = 'proceed'): Run {
  const r: Run = { asked: [], counts: [], puts: [], exports: [], actions: undefined as unknown as RetentionActions };
  let current = { ...stored };
  const backend: RetentionBackend = {
    getRetention: async () => ({ ...current }),
    setRetention: async (p) => {
      r.puts.push(p);
      current = { ...p };
      return { stored: { ...p }, confirmedByRead: false };
    },
    countRecords: async (start, end) => {
      r.counts.push([start, end]);
      return 989;
    },
  };
  r.actions = new RetentionActions({
    siteId: 'site-1',
    siteLabel: 'Acme',
    backend: async () => backend,
    confirm: async (request) => {
      r.asked.push(request);
      return answer;
    },
    exportFirst: async (_id, range) => void r.exports.push(range),
    now: () => now,
    formatTime: (ms) => new Date(ms).toISOString(),
  });
  return r;
}

async function save(r: Run, period: RetentionPeriod, loaded: RetentionPeriod): Promise<void> {
  await r.actions.handlers()['retention.save']({ type: 'retention.save', requestId: 1, period, loaded }, () => undefined);
}

describe('Retention by the server’s calendar', () => {
  it('30 days -> 1 month on 2 March asks, with the earliest cutoff and the count (it deletes records)', async () => {
    const now = Date.UTC(2026, 2, 2, 12);
    assert.ok(periodStart(now, 1, 'MONTHS') > periodStart(now, 30, 'DAYS'), 'the simulator deletes records for this change');
    const r = run(now, DAYS_30, 'cancel');
    await save(r, MONTH, DAYS_30);
    assert.equal(r.asked.length, 1, 'asked before deleting');
    const question = r.asked[0];
    assert.equal(question.kind, 'shorten');
    if (question.kind !== 'shorten') return;
    assert.ok(question.impact.shortening);
    assert.ok(question.impact.cutoffMs <= periodStart(now, 1, 'MONTHS'), 'the earliest possible cutoff');
    assert.deepEqual(question.impact.count, { value: 989, capped: false, upperBound: true });
    assert.deepEqual(r.puts, [], 'nothing saved after Cancel');
  });

  it('30 days -> 1 month asks on any date, and 1 month -> 30 days too', async () => {
    for (const now of [Date.UTC(2026, 5, 15), Date.UTC(2026, 0, 31)]) {
      const a = run(now, DAYS_30, 'cancel');
      await save(a, MONTH, DAYS_30);
      assert.equal(a.asked.length, 1, new Date(now).toISOString());
      const b = run(now, MONTH, 'cancel');
      await save(b, DAYS_30, MONTH);
      assert.equal(b.asked.length, 1, new Date(now).toISOString());
    }
  });

  it('issue 17 item 3: the "1 year" cutoff is a calendar year back, shown as a range, not an average year', async () => {
    const now = Date.UTC(2026, 10, 25, 12);
    const snapshot = await run(now, YEAR).actions.handlers()['retention.ready']({ type: 'retention.ready', requestId: 1 }, () => undefined);
    const calendar = periodStart(now, 1, 'YEARS'); // 2025-11-25T12:00Z
    assert.notEqual(snapshot.currentCutoff, '2025-11-25T06:10:48.000Z', 'not 365.2425 days back');
    assert.ok(snapshot.currentCutoffLatest !== undefined, 'a range: the server’s zone and clock are unknown');
    assert.ok(Date.parse(snapshot.currentCutoff) <= calendar && calendar <= Date.parse(snapshot.currentCutoffLatest), 'the range holds the calendar cutoff');
    assert.ok(Date.parse(snapshot.currentCutoffLatest) - Date.parse(snapshot.currentCutoff) <= 2 * 3_600_000, 'and is no wider than a daylight-saving hour either way');

    const impact = await run(now, YEAR).actions.handlers()['retention.preview']({ type: 'retention.preview', requestId: 1, period: { number: 6, units: 'MONTHS' } }, () => undefined);
    const sixMonths = periodStart(now, 6, 'MONTHS');
    assert.ok(impact.cutoffMs <= sixMonths && sixMonths <= (impact.cutoffLatestMs ?? Number.NaN), 'the preview’s range holds the calendar cutoff');
  });

  it('property: for random periods and server dates, no change that deletes a record in the simulator goes unconfirmed', async () => {
    const calendarUnits: RetentionUnit[] = ['HOURS', 'HALF_DAYS', 'DAYS', 'WEEKS', 'MONTHS', 'YEARS'];
    const period = fc
      .record({ number: fc.integer({ min: 1, max: 400 }), units: fc.constantFrom(...calendarUnits) })
      .map((p): RetentionPeriod => ({ number: p.units === 'YEARS' ? 1 : p.units === 'MONTHS' ? Math.min(p.number, 12) : p.number, units: p.units }))
      .filter((p) => retentionProblem(p) === undefined);
    const current = fc.oneof(period, fc.constantFrom<RetentionPeriod>({ number: 1, units: 'FOREVER' }, { number: 2, units: 'YEARS' }));
    const serverNow = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 11, 31) });
    assert.ok(RETENTION_UNITS.includes('FOREVER'));
    await fc.assert(
      fc.asyncProperty(current, period, serverNow, async (cur, requested, now) => {
        const from = periodStart(now, cur.number, cur.units); // the oldest record the simulator keeps now
        const to = periodStart(now, requested.number, requested.units); // the simulator deletes everything before this
        const r = run(now, cur);
        await save(r, requested, cur);
        if (to > from) {
          assert.equal(r.asked.length, 1, `${JSON.stringify(cur)} -> ${JSON.stringify(requested)} at ${new Date(now).toISOString()} deletes records`);
          // The count covers every record the simulator would delete: [from, to).
          const [start, end] = r.counts[0] ?? [Number.NaN, Number.NaN];
          assert.ok(start <= Math.max(0, from) && end >= to - 1, `count [${start}, ${end}] covers [${from}, ${to})`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a month lasts 28 to 31 days and a year 365 or 366, give or take a daylight-saving hour', () => {
    const hour = 3_600_000;
    assert.deepEqual(periodLengthBounds(MONTH), { min: 28 * DAY - hour, max: 31 * DAY + hour });
    assert.deepEqual(periodLengthBounds(YEAR), { min: 365 * DAY - hour, max: 366 * DAY + hour });
    assert.deepEqual(periodLengthBounds(DAYS_30), { min: 30 * DAY, max: 30 * DAY });
    assert.equal(mayShorten(YEAR, { number: 12, units: 'MONTHS' }), false, 'the same calendar span');
    assert.equal(mayShorten(YEAR, { number: 11, units: 'MONTHS' }), true);
    assert.equal(mayShorten(DAYS_30, { number: 31, units: 'DAYS' }), false);
    assert.equal(mayShorten(MONTH, { number: 32, units: 'DAYS' }), false, '32 days is longer than any month');
    const fixed = cutoffRange(Date.UTC(2026, 2, 2), DAYS_30);
    assert.equal(fixed.earliest, fixed.latest, 'days are exact');
  });

  it('"Export first" exports every record the change may delete', async () => {
    const now = Date.UTC(2026, 2, 2, 12);
    const r = run(now, DAYS_30, 'exportFirst');
    await save(r, MONTH, DAYS_30);
    assert.equal(r.exports.length, 1);
    const from = periodStart(now, 30, 'DAYS');
    const to = periodStart(now, 1, 'MONTHS');
    assert.ok(r.exports[0].start <= from && r.exports[0].end >= to - 1, JSON.stringify(r.exports[0]));
    assert.equal(r.exports[0].end - r.exports[0].start < 5 * DAY, true, 'and not much more');
    assert.deepEqual(r.puts, []);
  });
});
