// The retention webview in headless Chromium: the form validates before anything is posted, previews and
// saves post exactly the typed period, the server's refusal shows in its own words, and a draft survives
// through setState. Playwright's fake clock drives the debounce, so nothing here sleeps.
import * as assert from 'node:assert/strict';
import type { RetentionSnapshot } from '../../src/shared/protocol';
import { validateWebviewMessage } from '../../src/shared/validateMessage';
import type { PageWindow } from './pageGlobals';
import { launchBrowser, openWebview, startMediaServer, type BrowserHandle, type MediaServer, type WebviewPage } from './harness';

const SNAPSHOT: RetentionSnapshot = {
  siteId: 'site-1234abcd',
  siteLabel: 'Acme <img src=x onerror="window.__pwned=1">',
  current: { number: 1, units: 'YEARS' },
  readAt: Date.UTC(2026, 10, 25, 12),
  readAtText: '2026-11-25T12:00:00.000Z',
  currentCutoff: '2025-11-25T06:10:48.000Z',
};

async function load(w: WebviewPage, snapshot: RetentionSnapshot = SNAPSHOT): Promise<void> {
  const ready = await w.waitForPosted('retention.ready');
  await w.dispatch({ type: 'response', requestId: ready.requestId as number, request: 'retention.ready', result: { ok: true, value: snapshot } });
  await w.page.waitForSelector('#form');
}

async function typeValue(w: WebviewPage, number: string, units?: string): Promise<void> {
  if (units !== undefined) await w.page.selectOption('#units', units);
  await w.page.fill('#number', number);
}

async function assertClean(w: WebviewPage): Promise<void> {
  assert.equal(await w.page.evaluate(() => (globalThis as unknown as PageWindow).__pwned), undefined);
  assert.equal(await w.page.locator('img').count(), 0);
  assert.deepEqual(w.dialogs, []);
  assert.deepEqual(w.pageErrors, []);
  assert.deepEqual(await w.violations(), []);
  assert.deepEqual(w.consoleMessages.filter((m) => /Content Security Policy|Refused/i.test(m)), []);
  for (const m of await w.posted()) assert.equal(validateWebviewMessage(m, 'retention').ok, true, JSON.stringify(m));
}

describe('Retention webview in Chromium', function () {
  this.timeout(60_000);
  let server: MediaServer;
  let browser: BrowserHandle;

  before(async () => {
    server = await startMediaServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the stored period, with labels for every control', async () => {
    const w = await openWebview(browser.context, server, 'retention', { fakeClock: true });
    await load(w);
    assert.equal(await w.page.textContent('#current-period'), '1 year');
    assert.equal(await w.page.inputValue('#number'), '1');
    assert.equal(await w.page.inputValue('#units'), 'YEARS');
    assert.ok(((await w.page.textContent('.subtitle')) ?? '').includes(SNAPSHOT.siteLabel), 'site label as text');
    assert.equal(await w.page.getByLabel('Keep audit records for').count(), 1);
    assert.equal(await w.page.getByLabel('Unit').count(), 1);
    assert.equal((await w.page.locator('#units option').count()), 16, 'every unit of the spec');
    await assertClean(w);
    await w.page.close();
  });

  it('invalid values show an error and post nothing, not even on Save', async () => {
    const w = await openWebview(browser.context, server, 'retention', { fakeClock: true });
    await load(w);
    const before = (await w.posted()).length;
    const cases: [string, string, RegExp][] = [
      ['', 'DAYS', /Enter how many units/],
      ['0', 'DAYS', /positive whole number/],
      ['-3', 'DAYS', /digits only/],
      ['1.5', 'DAYS', /digits only/],
      ['abc', 'DAYS', /digits only/],
      ['400', 'DAYS', /400 days is longer than the maximum Confluence documents \(1 year\)/],
      ['2', 'YEARS', /longer than the maximum/],
      ['1', 'FOREVER', /Forever is longer/],
    ];
    for (const [number, units, message] of cases) {
      await typeValue(w, number, units);
      await w.page.clock.runFor(1_000); // past the preview debounce
      assert.match((await w.page.textContent('#number-error')) ?? '', message, `${number} ${units}`);
      assert.equal(await w.page.isVisible('#number-error'), true);
      assert.equal(await w.page.getAttribute('#number', 'aria-invalid'), 'true');
      await w.page.click('#save');
      await w.page.clock.runFor(1_000);
      assert.equal((await w.posted()).length, before, `nothing posted for ${number} ${units}`);
    }
    assert.equal(await w.page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.id), 'number', 'focus back on the field');
    await typeValue(w, '30', 'DAYS');
    assert.equal(await w.page.isVisible('#number-error'), false);
    assert.equal(await w.page.getAttribute('#number', 'aria-invalid'), null);
    await assertClean(w);
    await w.page.close();
  });

  it('previews what a shorter period deletes, then saves and shows what was read back', async () => {
    const w = await openWebview(browser.context, server, 'retention', { fakeClock: true });
    await load(w);
    await typeValue(w, '30', 'DAYS');
    await w.page.clock.runFor(500);
    const preview = await w.waitForPosted('retention.preview');
    assert.deepEqual({ ...preview, requestId: 0 }, { type: 'retention.preview', requestId: 0, period: { number: 30, units: 'DAYS' } });
    await w.dispatch({
      type: 'response',
      requestId: preview.requestId as number,
      request: 'retention.preview',
      result: { ok: true, value: { shortening: true, cutoffMs: 0, cutoff: '2026-10-26T12:00:00.000Z', count: { value: 10_000, capped: true } } },
    });
    await w.page.waitForSelector('#impact-count');
    assert.equal(await w.page.textContent('#impact-count'), 'At least 10,000 records would be deleted (counting stopped there).');
    assert.match((await w.page.textContent('#impact')) ?? '', /permanently deletes every audit record created before 2026-10-26T12:00:00\.000Z/);

    await w.page.click('#save');
    const save = await w.waitForPosted('retention.save');
    assert.deepEqual({ ...save, requestId: 0 }, { type: 'retention.save', requestId: 0, period: { number: 30, units: 'DAYS' }, loaded: { number: 1, units: 'YEARS' } });
    assert.equal(await w.page.isDisabled('#save'), true);
    const requestId = save.requestId as number;
    // A modal is open in VS Code: no deadline, however long the user takes.
    await w.dispatch({ type: 'progress', requestId, stage: 'confirming', message: 'Waiting for your answer in the dialog…' });
    await w.page.clock.runFor(120_000);
    assert.equal(await w.page.textContent('#result'), 'Waiting for your answer in the dialog…');
    await w.dispatch({
      type: 'response',
      requestId,
      request: 'retention.save',
      result: { ok: true, value: { outcome: 'saved', requested: { number: 30, units: 'DAYS' }, stored: { number: 30, units: 'DAYS' }, confirmedByRead: true, applied: true } },
    });
    await w.page.waitForFunction(() => /server confirmed/.test((globalThis as unknown as PageWindow).document.querySelector('#result')?.textContent ?? ''));
    assert.equal(await w.page.textContent('#current-period'), '30 days');
    assert.equal(await w.page.isDisabled('#save'), false);
    await assertClean(w);
    await w.page.close();
  });

  it('Enter in the number box saves, inside the sandbox VS Code gives a webview (no allow-forms)', async () => {
    const w = await openWebview(browser.context, server, 'retention', { fakeClock: true });
    await load(w);
    await typeValue(w, '30', 'DAYS');
    await w.page.press('#number', 'Enter');
    const save = await w.waitForPosted('retention.save');
    assert.deepEqual({ ...save, requestId: 0 }, { type: 'retention.save', requestId: 0, period: { number: 30, units: 'DAYS' }, loaded: { number: 1, units: 'YEARS' } });
    // Enter again while that save runs sends nothing more.
    await w.page.press('#number', 'Enter');
    assert.equal((await w.posted()).filter((m) => m.type === 'retention.save').length, 1);
    assert.deepEqual(w.consoleMessages.filter((m) => /Blocked form submission/i.test(m)), []);
    await assertClean(w);
    await w.page.close();
  });

  it('a calendar cutoff shows as a range with "about", and the count as an upper bound', async () => {
    const w = await openWebview(browser.context, server, 'retention', { fakeClock: true });
    await load(w, { ...SNAPSHOT, currentCutoff: '2025-11-25T11:00:00.000Z', currentCutoffLatest: '2025-11-25T13:00:00.000Z' });
    assert.equal(await w.page.textContent('#current p:nth-child(2)'), 'Records created before about 2025-11-25T11:00:00.000Z are deleted (by Confluence’s clock and calendar: at the latest 2025-11-25T13:00:00.000Z).');
    await typeValue(w, '1', 'MONTHS');
    await w.page.clock.runFor(500);
    const preview = await w.waitForPosted('retention.preview');
    await w.dispatch({
      type: 'response',
      requestId: preview.requestId as number,
      request: 'retention.preview',
      result: { ok: true, value: { shortening: true, cutoffMs: 0, cutoff: '2026-10-24T11:00:00.000Z', cutoffLatestMs: 1, cutoffLatest: '2026-10-26T13:00:00.000Z', count: { value: 989, capped: false, upperBound: true } } },
    });
    await w.page.waitForSelector('#impact-count');
    assert.match((await w.page.textContent('#impact')) ?? '', /created before about 2026-10-24T11:00:00\.000Z \(by Confluence’s clock and calendar: at the latest 2026-10-26T13:00:00\.000Z\)\./);
    assert.equal(await w.page.textContent('#impact-count'), 'Up to 989 records would be deleted (counted up to the latest possible cutoff).');
    await assertClean(w);
    await w.page.close();
  });

  it('shows the server’s refusal in its own words, as text', async () => {
    const w = await openWebview(browser.context, server, 'retention', { fakeClock: true });
    await load(w);
    await typeValue(w, '8765', 'HOURS');
    await w.page.click('#save');
    const save = await w.waitForPosted('retention.save');
    const serverMessage = 'The retention period can be at most 1 year. <script>window.__pwned=1</script>';
    await w.dispatch({
      type: 'response',
      requestId: save.requestId as number,
      request: 'retention.save',
      result: { ok: false, error: { kind: 'badRequest', message: 'Confluence refused the request as invalid (400).', serverMessage } },
    });
    await w.page.waitForSelector('#result .server-message');
    assert.equal(await w.page.textContent('#result .server-message'), serverMessage);
    assert.match((await w.page.textContent('#result [role="alert"]')) ?? '', /not saved\. Confluence refused the request as invalid \(400\)\./);
    await assertClean(w);
    await w.page.close();
  });

  it('a draft survives through setState and comes back with the period it was based on', async () => {
    const first = await openWebview(browser.context, server, 'retention', { fakeClock: true });
    await load(first);
    await typeValue(first, '45', 'DAYS');
    const state = await first.state();
    assert.deepEqual(state, { siteId: 'site-1234abcd', draft: { number: '45', units: 'DAYS', basedOn: { number: 1, units: 'YEARS' } } });
    await first.page.close();

    // The panel is shown again (or the window reloaded): a new page with the saved state. The stored value changed meanwhile.
    const second = await openWebview(browser.context, server, 'retention', { fakeClock: true, state });
    await load(second, { ...SNAPSHOT, current: { number: 6, units: 'MONTHS' } });
    assert.equal(await second.page.inputValue('#number'), '45');
    assert.equal(await second.page.inputValue('#units'), 'DAYS');
    assert.match((await second.page.textContent('#stale')) ?? '', /it was 1 year, it is now 6 months/);
    await second.page.click('#save');
    const save = await second.waitForPosted('retention.save');
    assert.deepEqual(save.loaded, { number: 1, units: 'YEARS' }, 'the host is told what the draft was based on');
    await assertClean(second);
    await second.page.close();
  });
});
