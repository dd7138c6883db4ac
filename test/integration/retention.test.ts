// The retention editor inside a real VS Code extension host, against the simulator: a round trip (read,
// change, confirm, read back), the server's refusal in its own words, a cancelled confirmation that changes
// nothing, a change made elsewhere since the form loaded, and PUTs whose answers were lost, after which
// the GET decides. The modal dialog cannot be clicked in a test, so a stub answers it (setConfirm).
import * as assert from 'node:assert/strict';
import type { RetentionPeriod } from '../../src/api/types';
import type { ConfluenceAuditApi } from '../../src/extension';
import { cutoffRange } from '../../src/shared/retentionCutoff';
import type { SiteConfig } from '../../src/sites/siteConfig';
import type { ConfirmAnswer, ConfirmRequest, PanelProbe, WebviewsApi } from '../../src/webview';
import { startSimulator, type Simulator } from '../../simulator';
import { addSimulatorSite, getApi, removeAllSites, waitFor } from './helpers';
import { closeAllEditors, lastResult, okValue, testRequestId, webviewsOf } from './webviewHelpers';

/** A moment whose year back has 365 days, so the simulator's calendar one-year limit is the same on every run. */
const NON_LEAP_NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const YEAR: RetentionPeriod = { number: 1, units: 'YEARS' };
const SIX_MONTHS: RetentionPeriod = { number: 6, units: 'MONTHS' };
const THREE_MONTHS: RetentionPeriod = { number: 3, units: 'MONTHS' };
const THIRTY_DAYS: RetentionPeriod = { number: 30, units: 'DAYS' };
/** 365.2 days: within the host's 1-year check (365.2425 days), beyond the simulator's at NON_LEAP_NOW (365 days). */
const REFUSED: RetentionPeriod = { number: 8765, units: 'HOURS' };

describe('Retention webview', function () {
  this.timeout(180_000);
  let sim: Simulator;
  let api: ConfluenceAuditApi;
  let webviews: WebviewsApi;
  let site: SiteConfig;
  let panel: PanelProbe;
  /** The simulator's clock: real time, except where a test pins it. */
  let clock: () => number = () => Date.now();
  const asked: ConfirmRequest[] = [];
  let answer: (request: ConfirmRequest) => ConfirmAnswer = () => 'cancel';

  const puts = (): number => sim.requests.filter((r) => r.method === 'PUT').length;
  const save = async (period: RetentionPeriod, loaded: RetentionPeriod) =>
    panel.receive({ type: 'retention.save', requestId: testRequestId(), period, loaded });

  before(async () => {
    sim = await startSimulator({ records: 3000, periodDays: 400, seed: 9, now: () => clock() });
    api = await getApi();
    webviews = webviewsOf(api);
    site = await addSimulatorSite(api, sim);
    webviews.testing.setConfirm(async (request) => {
      asked.push(request);
      return answer(request);
    });
  });

  after(async () => {
    webviews.testing.setConfirm(undefined);
    await closeAllEditors();
    await removeAllSites(api);
    await sim.stop();
  });

  beforeEach(() => {
    asked.length = 0;
    answer = () => 'cancel';
    clock = () => Date.now();
  });

  it('opens for a site and shows the stored period read by the real webview', async () => {
    webviews.showRetention(site);
    panel = await waitFor(() => webviews.testing.retentionPanel(site.id), (p) => p !== undefined, 'the retention panel') ?? assert.fail();
    const snapshot = await waitFor(() => lastResult(panel.posted, 'retention.ready'), (s) => s !== undefined, 'the webview asked for the period');
    assert.deepEqual(snapshot?.current, YEAR);
    assert.equal(snapshot?.siteLabel, 'Simulator');
    assert.equal(panel.rejected, 0);
    webviews.showRetention(site);
    assert.equal(webviews.testing.retentionPanel(site.id)?.panel, panel.panel, 'one panel per site');
  });

  it('round trip: shortening shows what it destroys, asks, saves, and reads back', async () => {
    answer = () => 'proceed';
    const recordsBefore = sim.allRecords().map((r) => r.creationDate);
    const putsBefore = puts();
    const savedFrom = Date.now();
    const outcome = okValue(await save(SIX_MONTHS, YEAR), 'retention.save');
    const savedBy = Date.now();
    assert.deepEqual(outcome, { outcome: 'saved', requested: SIX_MONTHS, stored: SIX_MONTHS, confirmedByRead: false, applied: true });
    assert.equal(puts(), putsBefore + 1);
    assert.deepEqual(sim.getRetention(), SIX_MONTHS);

    assert.equal(asked.length, 1);
    const question = asked[0];
    assert.equal(question.kind, 'shorten');
    if (question.kind !== 'shorten') return;
    assert.deepEqual([question.current, question.requested], [YEAR, SIX_MONTHS]);
    // The count is every record the simulator held before the save that the change may delete: from the
    // earliest cutoff a year may have to the latest a six-month cutoff may have (on the host's clock, read
    // somewhere between savedFrom and savedBy).
    const inRange = (from: number, to: number): number => recordsBefore.filter((t) => t >= from && t < to).length;
    const fewest = inRange(cutoffRange(savedBy, YEAR).earliest, cutoffRange(savedFrom, SIX_MONTHS).latest);
    const most = inRange(cutoffRange(savedFrom, YEAR).earliest, cutoffRange(savedBy, SIX_MONTHS).latest);
    assert.ok(fewest > 0, 'some records are older than the cutoff');
    const count = question.impact.count ?? assert.fail('counted');
    assert.ok(count.value >= Math.min(fewest, 10_000) && count.value <= Math.min(most, 10_000), `${count.value} in [${fewest}, ${most}]`);
    assert.equal(count.upperBound, true, 'a six-month cutoff is a range');
    assert.ok(sim.allRecords().length < recordsBefore.length, 'the simulator purged the older records');
  });

  it('shows the server’s refusal in its own words and changes nothing', async () => {
    clock = () => NON_LEAP_NOW;
    const putsBefore = puts();
    const response = await save(REFUSED, SIX_MONTHS);
    assert.ok(response && !response.result.ok);
    if (!response || response.result.ok) return;
    assert.equal(response.result.error.kind, 'badRequest');
    assert.equal(response.result.error.serverMessage, 'The retention period can be at most 1 year.');
    assert.equal(puts(), putsBefore + 1, 'sent once, not repeated');
    assert.deepEqual(sim.getRetention(), SIX_MONTHS);
    assert.deepEqual(asked, [], 'a longer period needs no confirmation');
  });

  it('refuses a period beyond the documented maximum in the host, without a request', async () => {
    const requestsBefore = sim.requests.length;
    const response = await save({ number: 2, units: 'YEARS' }, SIX_MONTHS);
    assert.equal(response?.result.ok === false && response.result.error.kind, 'invalid');
    assert.equal(sim.requests.length, requestsBefore);
  });

  it('a cancelled confirmation changes nothing', async () => {
    answer = () => 'cancel';
    const putsBefore = puts();
    const recordsBefore = sim.allRecords().length;
    assert.deepEqual(okValue(await save(THIRTY_DAYS, SIX_MONTHS), 'retention.save'), { outcome: 'cancelled', current: SIX_MONTHS });
    assert.equal(asked.length, 1);
    assert.equal(puts(), putsBefore);
    assert.deepEqual(sim.getRetention(), SIX_MONTHS);
    assert.equal(sim.allRecords().length, recordsBefore);
  });

  it('says so when the stored period changed since the form loaded it', async () => {
    sim.setRetention(THREE_MONTHS);
    const putsBefore = puts();
    assert.deepEqual(okValue(await save({ number: 5, units: 'MONTHS' }, SIX_MONTHS), 'retention.save'), { outcome: 'cancelled', current: THREE_MONTHS });
    assert.deepEqual(asked, [{ kind: 'changedSinceLoaded', siteLabel: 'Simulator', loaded: SIX_MONTHS, current: THREE_MONTHS, requested: { number: 5, units: 'MONTHS' } }]);
    assert.equal(puts(), putsBefore);
  });

  it('a PUT whose answer was cut off is not repeated: the GET confirms the new period', async () => {
    // The fault is queued from the confirmation, so it hits the PUT that follows and not the reads before it.
    answer = () => {
      sim.faults.once({ kind: 'truncate' });
      return 'proceed';
    };
    const putsBefore = puts();
    const outcome = okValue(await save({ number: 2, units: 'MONTHS' }, THREE_MONTHS), 'retention.save');
    assert.deepEqual(outcome, { outcome: 'saved', requested: { number: 2, units: 'MONTHS' }, stored: { number: 2, units: 'MONTHS' }, confirmedByRead: true, applied: true });
    assert.equal(puts(), putsBefore + 1);
  });

  it('a PUT that timed out is not repeated: the GET shows it was not applied', async () => {
    // The client gives up waiting for headers after 30 s; the simulator then drops the request unapplied.
    answer = () => {
      sim.faults.once({ kind: 'stallBeforeHeaders', ms: 60_000 });
      return 'proceed';
    };
    const putsBefore = puts();
    const response = await save(THIRTY_DAYS, { number: 2, units: 'MONTHS' });
    assert.ok(response && !response.result.ok, 'reported as a failure');
    if (!response || response.result.ok) return;
    assert.equal(response.result.error.kind, 'timeout');
    assert.match(response.result.error.message, /still stores 2 months: the change was not applied/);
    assert.equal(puts(), putsBefore + 1, 'the PUT was sent exactly once');
    assert.deepEqual(sim.getRetention(), { number: 2, units: 'MONTHS' });
  });

  it('restores the panel after a reload from the saved site id', async () => {
    await closeAllEditors();
    await waitFor(() => webviews.testing.retentionPanel(site.id), (p) => p === undefined, 'panel closed');
    await webviews.testing.restore('retention', { siteId: site.id, draft: { number: '45', units: 'DAYS', basedOn: YEAR } });
    const restored = await waitFor(() => webviews.testing.retentionPanel(site.id), (p) => p !== undefined, 'restored panel') ?? assert.fail();
    const snapshot = await waitFor(() => lastResult(restored.posted, 'retention.ready'), (s) => s !== undefined, 'the restored webview read the period');
    assert.deepEqual(snapshot?.current, { number: 2, units: 'MONTHS' });
  });
});
