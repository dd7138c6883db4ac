// The retention save flow against a fake API: confirmation before destroying records, a check for
// concurrent changes, no blind repeat of a PUT whose answer was lost, the server's refusal in its own words.
import * as assert from 'node:assert/strict';
import { AuditError } from '../../../src/api/errors';
import type { RetentionPeriod } from '../../../src/api/types';
import type { SaveOutcome } from '../../../src/shared/protocol';
import { RequestError } from '../../../src/webview/messageRouter';
import { RetentionActions, type ConfirmAnswer, type ConfirmRequest, type RetentionBackend } from '../../../src/webview/retentionActions';
import { buildConfirmation } from '../../../src/webview/retentionConfirm';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const YEAR: RetentionPeriod = { number: 1, units: 'YEARS' };
const DAYS_30: RetentionPeriod = { number: 30, units: 'DAYS' };

interface FakeServer {
  stored: RetentionPeriod;
  calls: string[];
  counts: [start: number, end: number, cap: number][];
  backend: RetentionBackend;
  /** What the next PUT does instead of storing and answering. */
  putFault?: 'refuse' | 'lostAnswerApplied' | 'lostAnswerNotApplied' | 'clientConfirmed';
  countResult: number | Error;
}

function fakeServer(stored: RetentionPeriod = YEAR): FakeServer {
  const server: FakeServer = {
    stored,
    calls: [],
    counts: [],
    countResult: 1234,
    backend: {
      getRetention: async () => {
        server.calls.push('GET');
        return { ...server.stored };
      },
      setRetention: async (p) => {
        server.calls.push(`PUT ${p.number} ${p.units}`);
        switch (server.putFault) {
          case 'refuse':
            throw new AuditError('badRequest', 'Confluence refused the request as invalid (400). Confluence says: "Too short"', { status: 400, serverMessage: 'Too short' });
          case 'lostAnswerApplied':
            server.stored = { ...p };
            throw new AuditError('timeout', 'acme did not answer within 30 s.');
          case 'lostAnswerNotApplied':
            throw new AuditError('timeout', 'acme did not answer within 30 s.');
          case 'clientConfirmed':
            server.stored = { ...p };
            return { stored: { ...p }, confirmedByRead: true };
          default:
            server.stored = { ...p };
            return { stored: { ...p }, confirmedByRead: false };
        }
      },
      countRecords: async (start, end, cap) => {
        server.calls.push('COUNT');
        server.counts.push([start, end, cap]);
        if (server.countResult instanceof Error) throw server.countResult;
        return Math.min(server.countResult, cap);
      },
    },
  };
  return server;
}

function actionsFor(
  server: FakeServer,
  answers: ConfirmAnswer[] = [],
): { actions: RetentionActions; asked: ConfirmRequest[]; exported: string[]; ranges: { start: number; end: number }[] } {
  const asked: ConfirmRequest[] = [];
  const exported: string[] = [];
  const ranges: { start: number; end: number }[] = [];
  const actions = new RetentionActions({
    siteId: 'site-1234abcd',
    siteLabel: 'Acme',
    backend: async () => server.backend,
    confirm: async (request) => {
      asked.push(request);
      return answers.shift() ?? 'cancel';
    },
    exportFirst: async (id, range) => {
      exported.push(id);
      ranges.push(range);
    },
    now: () => NOW,
    formatTime: (ms) => new Date(ms).toISOString(),
    countCap: 10_000,
  });
  return { actions, asked, exported, ranges };
}

const noProgress = (): void => undefined;

async function save(actions: RetentionActions, period: RetentionPeriod, loaded: RetentionPeriod): Promise<SaveOutcome> {
  return actions.handlers()['retention.save']({ type: 'retention.save', requestId: 1, period, loaded }, noProgress);
}

describe('RetentionActions', () => {
  it('reads the stored period with its cutoff', async () => {
    const server = fakeServer();
    const { actions } = actionsFor(server);
    const snapshot = await actions.handlers()['retention.ready']({ type: 'retention.ready', requestId: 1 }, noProgress);
    // A calendar year back from 2026-11-25T12:00Z, give or take a daylight-saving hour in the server's zone.
    assert.deepEqual(snapshot, {
      siteId: 'site-1234abcd',
      siteLabel: 'Acme',
      current: YEAR,
      readAt: NOW,
      readAtText: new Date(NOW).toISOString(),
      currentCutoff: '2025-11-25T11:00:00.000Z',
      currentCutoffLatest: '2025-11-25T13:00:00.000Z',
    });
  });

  it('shortening: counts what is destroyed, asks in the dialog, saves once, reads back', async () => {
    const server = fakeServer();
    const { actions, asked } = actionsFor(server, ['proceed']);
    const outcome = await save(actions, DAYS_30, YEAR);
    assert.deepEqual(outcome, { outcome: 'saved', requested: DAYS_30, stored: DAYS_30, confirmedByRead: false, applied: true });
    assert.deepEqual(server.calls, ['GET', 'COUNT', 'PUT 30 DAYS', 'GET']);
    const cutoff = NOW - 30 * 86_400_000;
    // From the oldest record a year may keep (a calendar year back, less a daylight-saving hour).
    assert.deepEqual(server.counts, [[Date.UTC(2025, 10, 25, 11), cutoff - 1, 10_000]]);
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0], {
      kind: 'shorten',
      siteLabel: 'Acme',
      current: YEAR,
      requested: DAYS_30,
      impact: { shortening: true, cutoffMs: cutoff, cutoff: new Date(cutoff).toISOString(), count: { value: 1234, capped: false, upperBound: true } },
    });
  });

  it('a cancelled confirmation changes nothing', async () => {
    const server = fakeServer();
    const { actions, asked } = actionsFor(server, ['cancel']);
    assert.deepEqual(await save(actions, DAYS_30, YEAR), { outcome: 'cancelled', current: YEAR });
    assert.equal(asked.length, 1);
    assert.ok(!server.calls.some((c) => c.startsWith('PUT')));
    assert.deepEqual(server.stored, YEAR);
  });

  it('"Export first" exports exactly what would be deleted and saves nothing', async () => {
    const server = fakeServer();
    const { actions, exported, ranges } = actionsFor(server, ['exportFirst']);
    assert.equal((await save(actions, DAYS_30, YEAR)).outcome, 'cancelled');
    assert.deepEqual(exported, ['site-1234abcd']);
    assert.equal(ranges.length, 1);
    const day = 86_400_000;
    assert.ok(Math.abs(NOW - ranges[0].start - 365 * day) <= 2 * day, 'from the oldest record a year keeps');
    assert.ok(Math.abs(NOW - 1 - ranges[0].end - 30 * day) <= 2 * day, 'up to the 30-day cutoff');
    assert.ok(!server.calls.some((c) => c.startsWith('PUT')));
  });

  it('a period changed since the form loaded it is reported before saving', async () => {
    const server = fakeServer({ number: 6, units: 'MONTHS' });
    const { actions, asked } = actionsFor(server, ['cancel']);
    assert.deepEqual(await save(actions, { number: 9, units: 'MONTHS' }, YEAR), { outcome: 'cancelled', current: { number: 6, units: 'MONTHS' } });
    assert.deepEqual(asked, [{ kind: 'changedSinceLoaded', siteLabel: 'Acme', loaded: YEAR, current: { number: 6, units: 'MONTHS' }, requested: { number: 9, units: 'MONTHS' } }]);
    assert.deepEqual(server.calls, ['GET']);

    // Confirmed: lengthening from the new stored value needs no second question.
    const again = actionsFor(server, ['proceed']);
    const outcome = await save(again.actions, { number: 9, units: 'MONTHS' }, YEAR);
    assert.equal(outcome.outcome, 'saved');
    assert.equal(again.asked.length, 1);
  });

  it('lengthening asks nothing and deletes nothing; an equal period sends nothing', async () => {
    const server = fakeServer(DAYS_30);
    const { actions, asked } = actionsFor(server);
    assert.equal((await save(actions, YEAR, DAYS_30)).outcome, 'saved');
    assert.deepEqual(asked, []);
    assert.deepEqual(server.calls, ['GET', 'PUT 1 YEARS', 'GET']);
    server.calls.length = 0;
    assert.deepEqual(await save(actions, YEAR, YEAR), { outcome: 'unchanged', stored: YEAR });
    assert.deepEqual(server.calls, ['GET']);
  });

  it('shows the server’s refusal in its own words and does not repeat the PUT', async () => {
    const server = fakeServer();
    server.putFault = 'refuse';
    const { actions } = actionsFor(server, ['proceed']);
    await assert.rejects(save(actions, DAYS_30, YEAR), (e: unknown) => e instanceof AuditError && e.kind === 'badRequest' && e.serverMessage === 'Too short');
    assert.equal(server.calls.filter((c) => c.startsWith('PUT')).length, 1);
  });

  it('after a PUT whose answer was lost, the GET decides: applied', async () => {
    const server = fakeServer();
    server.putFault = 'lostAnswerApplied';
    const { actions } = actionsFor(server, ['proceed']);
    assert.deepEqual(await save(actions, DAYS_30, YEAR), { outcome: 'saved', requested: DAYS_30, stored: DAYS_30, confirmedByRead: true, applied: true });
    assert.equal(server.calls.filter((c) => c.startsWith('PUT')).length, 1);
  });

  it('after a PUT whose answer was lost, the GET decides: not applied, and says what is stored', async () => {
    const server = fakeServer();
    server.putFault = 'lostAnswerNotApplied';
    const { actions } = actionsFor(server, ['proceed']);
    await assert.rejects(save(actions, DAYS_30, YEAR), (e: unknown) => e instanceof RequestError && e.kind === 'timeout' && /still stores 1 year: the change was not applied/.test(e.message));
    assert.equal(server.calls.filter((c) => c.startsWith('PUT')).length, 1);
    assert.equal(server.calls[server.calls.length - 1], 'GET');
  });

  it('reports a PUT the client already confirmed by reading back', async () => {
    const server = fakeServer();
    server.putFault = 'clientConfirmed';
    const { actions } = actionsFor(server, ['proceed']);
    assert.deepEqual(await save(actions, DAYS_30, YEAR), { outcome: 'saved', requested: DAYS_30, stored: DAYS_30, confirmedByRead: true, applied: true });
    assert.deepEqual(server.calls, ['GET', 'COUNT', 'PUT 30 DAYS']);
  });

  it('refuses an invalid period in the host before any request', async () => {
    const server = fakeServer();
    const { actions } = actionsFor(server, ['proceed']);
    await assert.rejects(save(actions, { number: 13, units: 'MONTHS' }, YEAR), (e: unknown) => e instanceof RequestError && e.kind === 'invalid');
    await assert.rejects(save(actions, { number: 0, units: 'DAYS' }, YEAR), RequestError);
    assert.deepEqual(server.calls, []);
  });

  it('previews the cutoff and a capped count; a failed count still gives the cutoff', async () => {
    const server = fakeServer();
    server.countResult = 50_000;
    const { actions } = actionsFor(server);
    const preview = (period: RetentionPeriod) => actions.handlers()['retention.preview']({ type: 'retention.preview', requestId: 1, period }, noProgress);
    const capped = await preview(DAYS_30);
    assert.deepEqual(capped.count, { value: 10_000, capped: true, upperBound: true });
    server.countResult = new AuditError('rateLimited', 'Confluence is limiting the request rate (429); try again in 5 s.');
    const failed = await preview(DAYS_30);
    assert.equal(failed.count, undefined);
    assert.match(failed.countProblem ?? '', /429/);
    assert.equal(failed.cutoffMs, NOW - 30 * 86_400_000);
    const longer = await preview(YEAR);
    const yearBack = Date.UTC(2025, 10, 25, 12);
    assert.deepEqual(longer, {
      shortening: false,
      cutoffMs: yearBack - 3_600_000,
      cutoff: new Date(yearBack - 3_600_000).toISOString(),
      cutoffLatestMs: yearBack + 3_600_000,
      cutoffLatest: new Date(yearBack + 3_600_000).toISOString(),
    });
    assert.equal(server.calls.filter((c) => c === 'GET').length, 1, 'the stored value is read once');
  });

  it('cancels a running count', async () => {
    const server = fakeServer();
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    server.backend.countRecords = (_s, _e, _c, signal) =>
      new Promise<number>((_resolve, reject) => {
        started();
        signal.addEventListener('abort', () => reject(new AuditError('cancelled', 'The request was cancelled.')));
      });
    const { actions } = actionsFor(server);
    const handlers = actions.handlers();
    const preview = handlers['retention.preview']({ type: 'retention.preview', requestId: 1, period: DAYS_30 }, noProgress);
    await running;
    await handlers['retention.cancelPreview']({ type: 'retention.cancelPreview', requestId: 2 }, noProgress);
    await assert.rejects(preview, (e: unknown) => e instanceof AuditError && e.kind === 'cancelled');
  });
});

describe('retention confirmation wording', () => {
  const impact = { shortening: true, cutoffMs: 0, cutoff: '2026-10-26T12:00:00.000Z', count: { value: 1234, capped: false } };

  it('says what is deleted, how many, and that it cannot be undone; offers to export first', () => {
    const c = buildConfirmation({ kind: 'shorten', siteLabel: 'Acme', current: YEAR, requested: DAYS_30, impact }, false);
    assert.equal(c.message, 'Shorten the audit retention of Acme from 1 year to 30 days?');
    assert.equal(c.detail, 'Confluence will permanently delete every audit record created before 2026-10-26T12:00:00.000Z. 1,234 records will be deleted. This cannot be undone.');
    assert.equal(c.exportLabel, undefined);
    assert.equal(buildConfirmation({ kind: 'shorten', siteLabel: 'Acme', current: YEAR, requested: DAYS_30, impact }).exportLabel, 'Export First…');
    const range = { cutoffLatestMs: 1, cutoffLatest: '2026-10-26T14:00:00.000Z' };
    const capped = buildConfirmation({ kind: 'shorten', siteLabel: 'Acme', current: YEAR, requested: { number: 6, units: 'MONTHS' }, impact: { ...impact, ...range, count: { value: 10_000, capped: true, upperBound: true } } });
    assert.match(capped.detail, /before about 2026-10-26T12:00:00\.000Z \(by Confluence's clock and calendar: at the latest 2026-10-26T14:00:00\.000Z\)\. At least 10,000 records/);
    const upTo = buildConfirmation({ kind: 'shorten', siteLabel: 'Acme', current: YEAR, requested: DAYS_30, impact: { ...impact, count: { value: 5, capped: false, upperBound: true } } });
    assert.match(upTo.detail, /Up to 5 records will be deleted \(counted up to the latest possible cutoff\)/);
    const uncounted = buildConfirmation({ kind: 'shorten', siteLabel: 'Acme', current: YEAR, requested: DAYS_30, impact: { ...impact, count: undefined, countProblem: 'timeout' } });
    assert.match(uncounted.detail, /could not be counted: timeout/);
  });

  it('names both values when the stored period changed meanwhile', () => {
    const c = buildConfirmation({ kind: 'changedSinceLoaded', siteLabel: 'Acme', loaded: YEAR, current: DAYS_30, requested: { number: 90, units: 'DAYS' } });
    assert.match(c.detail, /The form loaded 1 year; Confluence now stores 30 days\./);
    assert.equal(c.proceedLabel, 'Save 90 days');
  });
});
