// The timeline webview in headless Chromium with the real page and CSP: bars stacked and sized, hostile
// category names shown as text, keyboard and mouse selection posting exactly bar indexes, and the table
// alternative holding the same numbers.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { TimelineView } from '../../src/shared/protocol';
import { validateWebviewMessage } from '../../src/shared/validateMessage';
import type { PageWindow } from './pageGlobals';
import { launchBrowser, openWebview, startMediaServer, type BrowserHandle, type MediaServer, type WebviewPage } from './harness';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 12);

function bar(i: number, counts: number[], other = 0, state: 'counted' | 'pending' = 'counted') {
  const total = counts.reduce((a, b) => a + b, 0) + other;
  return { label: `2025-01-${12 + i}`, start: T0 + i * DAY, end: T0 + (i + 1) * DAY - 1, counts, other, total, state };
}

const VIEW: TimelineView = {
  windowLabel: 'Three days',
  sourceLabel: `Acme ${HOSTILE}`,
  zoneLabel: 'UTC',
  chart: { categories: ['Security', HOSTILE], bars: [bar(0, [2, 1]), bar(1, [0, 0]), bar(2, [4, 0], 2), bar(3, [0, 0], 0, 'pending')] },
  progress: { state: 'counting', counted: 3, failed: 0, buckets: 4, stale: false },
};

async function load(w: WebviewPage, view: TimelineView = VIEW): Promise<void> {
  const ready = await w.waitForPosted('timeline.ready');
  await w.dispatch({ type: 'response', requestId: ready.requestId as number, request: 'timeline.ready', result: { ok: true, value: view } });
  await w.page.waitForSelector('#chart .bar');
}

async function assertClean(w: WebviewPage): Promise<void> {
  assert.equal(await w.page.evaluate(() => (globalThis as unknown as PageWindow).__pwned), undefined);
  assert.equal(await w.page.locator('img').count(), 0);
  assert.deepEqual(w.pageErrors, []);
  assert.deepEqual(await w.violations(), []);
  assert.deepEqual(w.consoleMessages.filter((m) => /Content Security Policy|Refused/i.test(m)), []);
  for (const m of await w.posted()) assert.equal(validateWebviewMessage(m, 'timeline').ok, true, JSON.stringify(m));
}

/** `read` applied to every element matching `selector`, in document order. */
async function each<T>(w: WebviewPage, selector: string, read: (l: Locator) => Promise<T>): Promise<T[]> {
  const all = await w.page.locator(selector).all();
  return Promise.all(all.map(read));
}

async function posted(w: WebviewPage, type: string): Promise<Record<string, unknown>[]> {
  return (await w.posted()).filter((m) => m.type === type);
}

describe('Timeline webview in Chromium', function () {
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

  it('draws one bar per bucket, oldest first, sized by count and stacked by category, with no CSP violation', async () => {
    const w = await openWebview(browser.context, server, 'timeline');
    await load(w);
    assert.equal(await w.page.locator('#chart .bar').count(), 4);
    const heights = await each(w, '#chart .stack', async (l) => Math.round((await l.boundingBox())?.height ?? 0));
    assert.ok(heights[2] > heights[0] && heights[0] > 0 && heights[1] === heights[3], heights.join(','));
    assert.deepEqual(await each(w, '#bar-2 .segment', (l) => l.getAttribute('class')), ['segment c0', 'segment other']);
    assert.equal(await w.page.getAttribute('#bar-0', 'aria-label'), `2025-01-12: 3 records; Security 2, ${HOSTILE} 1`);
    assert.equal(await w.page.getAttribute('#bar-3', 'aria-label'), '2025-01-15: not counted yet');
    assert.match((await w.page.textContent('#progress')) ?? '', /Counting… 3 of 4 buckets/);
    assert.equal(await w.page.isVisible('#stop'), true);
    await assertClean(w);
  });

  it('shows hostile category and source names as text', async () => {
    const w = await openWebview(browser.context, server, 'timeline');
    await load(w);
    assert.deepEqual(await w.page.locator('#legend li').allTextContents(), ['Security', HOSTILE, 'Other categories']);
    assert.ok(((await w.page.textContent('.subtitle')) ?? '').includes(HOSTILE));
    await assertClean(w);
  });

  it('offers the same numbers as a table', async () => {
    const w = await openWebview(browser.context, server, 'timeline');
    await load(w);
    const rows = await each(w, '#table tbody tr', (l) => l.locator('th, td').allTextContents());
    assert.deepEqual(rows, [
      ['2025-01-12', '3 records', '2', '1', '0'],
      ['2025-01-13', '0 records', '0', '0', '0'],
      ['2025-01-14', '6 records', '4', '0', '2'],
      ['2025-01-15', 'not counted yet', '0', '0', '0'],
    ]);
    assert.deepEqual(await w.page.locator('#table thead th').allTextContents(), ['Bucket', 'Records', 'Security', HOSTILE, 'Other']);
    await assertClean(w);
  });

  it('is keyboard operable: arrows move, Shift extends, Enter reveals one bar or adds the range', async () => {
    const w = await openWebview(browser.context, server, 'timeline');
    await load(w);
    await w.page.focus('#chart');
    await w.page.keyboard.press('Home');
    assert.equal(await w.page.getAttribute('#chart', 'aria-activedescendant'), 'bar-0');
    await w.page.keyboard.press('ArrowRight');
    assert.equal(await w.page.getAttribute('#bar-1', 'aria-selected'), 'true');
    await w.page.keyboard.press('Enter');
    assert.deepEqual((await w.waitForPosted('timeline.reveal')).index, 1);
    await w.page.keyboard.press('Shift+ArrowRight');
    await w.page.keyboard.press('Shift+ArrowRight');
    assert.deepEqual(await each(w, '#chart .bar', (l) => l.getAttribute('aria-selected')), ['false', 'true', 'true', 'true']);
    assert.match((await w.page.textContent('#selection')) ?? '', /Selected 2025-01-13 to 2025-01-15: 6 records/);
    await w.page.keyboard.press('Enter');
    const select = await w.waitForPosted('timeline.select');
    assert.deepEqual([select.from, select.to], [1, 3]);
    await w.dispatch({ type: 'response', requestId: select.requestId as number, request: 'timeline.select', result: { ok: true, value: { window: 'Jan 13 – Jan 15' } } });
    await w.page.locator('#status', { hasText: 'Added the window Jan 13 – Jan 15' }).waitFor();
    await assertClean(w);
  });

  it('reveals a clicked bar and adds a dragged range, either direction', async () => {
    const w = await openWebview(browser.context, server, 'timeline');
    await load(w);
    await w.page.click('#bar-2');
    assert.equal((await w.waitForPosted('timeline.reveal')).index, 2);
    const box = async (id: string) => (await w.page.locator(id).boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
    const from = await box('#bar-3');
    const to = await box('#bar-0');
    await w.page.mouse.move(from.x + from.width / 2, from.y + from.height - 2);
    await w.page.mouse.down();
    await w.page.mouse.move(to.x + to.width / 2, to.y + to.height - 2, { steps: 8 });
    await w.page.mouse.up();
    const select = await w.waitForPosted('timeline.select');
    assert.deepEqual([select.from, select.to], [0, 3]);
    assert.equal((await posted(w, 'timeline.reveal')).length, 1, 'a drag is not a click');
    await assertClean(w);
  });

  it('stops counting with its button, and shows a refusal from the host as text', async () => {
    const w = await openWebview(browser.context, server, 'timeline');
    await load(w);
    await w.page.click('#stop');
    const cancel = await w.waitForPosted('timeline.cancel');
    await w.dispatch({ type: 'response', requestId: cancel.requestId as number, request: 'timeline.cancel', result: { ok: true, value: null } });
    await w.dispatch({ type: 'timeline.show', view: { ...VIEW, progress: { state: 'cancelled', counted: 3, failed: 0, buckets: 4, stale: false } } });
    await w.page.locator('#progress', { hasText: '3 of 4 buckets counted (stopped).' }).waitFor();
    assert.equal(await w.page.isVisible('#stop'), false);
    await w.page.click('#bar-0');
    const reveal = await w.waitForPosted('timeline.reveal');
    await w.dispatch({ type: 'response', requestId: reveal.requestId as number, request: 'timeline.reveal', result: { ok: false, error: { kind: 'invalid', message: HOSTILE } } });
    await w.page.locator('#status.error', { hasText: HOSTILE }).waitFor();
    await assertClean(w);
  });

  it('says why a bucket failed and that counts are stale after a refresh, and counts again with its button', async () => {
    const w = await openWebview(browser.context, server, 'timeline');
    await load(w);
    assert.equal(await w.page.isVisible('#recount'), false, 'no Count Again while counting');
    await w.dispatch({ type: 'timeline.show', view: { ...VIEW, progress: { state: 'complete', counted: 3, failed: 1, buckets: 4, stale: true, failure: HOSTILE } } });
    await w.page.locator('#progress', { hasText: `3 of 4 buckets counted, 1 failed: ${HOSTILE}. The tree was refreshed since` }).waitFor();
    await w.page.click('#recount');
    const recount = await w.waitForPosted('timeline.recount');
    await w.dispatch({ type: 'response', requestId: recount.requestId as number, request: 'timeline.recount', result: { ok: true, value: null } });
    await w.dispatch({ type: 'timeline.show', view: VIEW });
    await w.page.locator('#progress', { hasText: 'Counting… 3 of 4 buckets counted.' }).waitFor();
    assert.equal(await w.page.isVisible('#recount'), false);
    await assertClean(w);
  });
});
