// The timeline in code-server against the demo simulator: Show Timeline on a window opens the panel, its
// table's counts equal the records in the tree's buckets (whose rows then show the counts), a range dragged
// across the bars becomes a window in the tree, Add Window from Selection does the same from the keyboard,
// Stop Counting stops a long count and Count Again goes on with it. Titles carry [command:…] and [button:…] tags (uiCoverage.test.ts).
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { contextMenu, rowShows } from './actions';
import { expandRow, openAuditView, screenshot, visibleRows } from './workbench';

const VERSION = (process.env.CONFLUENCE_AUDIT_UI_VERSIONS ?? '4.100.3').split(',')[0].trim();

function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/** The table alternative once every bucket is counted: label → "N records". */
async function countedTable(frame: FrameLocator): Promise<Map<string, string>> {
  await frame.locator('#progress', { hasText: /^(\d+) of \1 buckets counted\.$/ }).waitFor({ timeout: 120_000 });
  const rows = await frame.locator('#table tbody tr').all();
  const out = new Map<string, string>();
  for (const row of rows) {
    const [label, total] = await row.locator('th, td').allTextContents();
    out.set(label, total);
  }
  return out;
}

describe(`UI: the timeline (code-server ${VERSION})`, function () {
  this.timeout(300_000);
  let demo: DemoEnvironment;
  let browser: LaunchedBrowser;

  before(async () => {
    // 20,000 records over 40 days: "Last 7 days" is about 350 pages of 10 (a count that finishes on a loaded
    // 2-core machine), "Last 30 days" about 1,500 (long enough to stop).
    demo = await startDemoEnvironment({ codeServerVersion: VERSION, records: 20_000, periodDays: 40, userSettings: { 'confluenceAudit.timeZone': 'utc', 'confluenceAudit.pageSize': 10 } });
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
    await openAuditView(browser.page);
    await rowShows(browser.page, /^Last 7 days/);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(browser.page, `failure-timeline-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  it('shows the timeline of a window whose counts equal the records of the tree\'s buckets [command:confluenceAudit.showTimeline]', async () => {
    const page = browser.page;
    // "Last 7 days" starts at UTC midnight six days before it is resolved (between these two moments) and
    // ends then; the simulator's records all lie before the test, so the window holds exactly these.
    const since = (t: number): number => Math.floor(t / 86_400_000) * 86_400_000 - 6 * 86_400_000;
    const opened = Date.now();
    await contextMenu(page, /^Last 7 days/, 'Show Timeline');
    const frame = webview(page);
    await frame.locator('h1', { hasText: 'Timeline: Last 7 days' }).waitFor({ timeout: 60_000 });
    const table = await countedTable(frame);
    const counted = Date.now();
    assert.ok(table.size >= 7, `buckets: ${[...table.keys()].join(', ')}`);
    assert.equal(await frame.locator('#chart .bar').count(), table.size);
    await screenshot(page, 'timeline');
    // The tree's bucket rows now carry the counts the timeline loaded into them.
    await expandRow(page, /^Last 7 days/);
    // The tree lists an expanded window's buckets over a few renders: read its rows once each bucket has one.
    const bucketRows = async (): Promise<string[]> => (await visibleRows(page)).filter((r) => r.level === 2).map((r) => r.label);
    const complete = (rows: string[]): boolean => [...table.keys()].every((label) => rows.some((r) => r.startsWith(`${label}, `)));
    let rows = await bucketRows();
    for (const deadline = Date.now() + 30_000; !complete(rows) && Date.now() < deadline; rows = await bucketRows()) await page.waitForTimeout(250);
    const number = (text: string): number => Number(text.replace(/[^\d]/g, ''));
    let sum = 0;
    for (const [label, total] of table) {
      const row = rows.find((r) => r.startsWith(`${label}, `));
      assert.ok(row && / records?$/.test(row), `tree row for ${label} in ${rows.join(' | ')}`);
      assert.equal(number(row.slice(label.length)), number(total), `${label}: tree ${row}, timeline ${total}`);
      sum += number(total);
    }
    const expected = new Set([since(opened), since(counted)].map((start) => demo.simulator.recordsInRange(start, counted).length));
    assert.ok(sum > 0 && expected.has(sum), `counted ${sum}, the simulator has ${[...expected].join(' or ')} in the window`);
  });

  it('adds a range dragged across the bars as a window in the tree', async () => {
    const page = browser.page;
    const frame = webview(page);
    const from = await frame.locator('#bar-1').boundingBox();
    const to = await frame.locator('#bar-3').boundingBox();
    assert.ok(from && to);
    await page.mouse.move(from.x + from.width / 2, from.y + from.height - 3);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 3, { steps: 10 });
    await page.mouse.up();
    const added = frame.locator('#status', { hasText: /^Added the window / });
    await added.waitFor({ timeout: 30_000 });
    const label = ((await added.textContent()) ?? '').replace(/^Added the window /, '').replace(/ to the tree\.$/, '');
    await rowShows(page, label);
  });

  it('adds the keyboard selection with its button [button:timeline/Add Window from Selection]', async () => {
    const page = browser.page;
    await contextMenu(page, /^Last 7 days/, 'Show Timeline');
    const frame = webview(page);
    await frame.locator('#chart').focus();
    await frame.locator('#chart').press('Home');
    await frame.locator('#chart').press('Shift+ArrowRight');
    await frame.locator('#add-window').click();
    const added = frame.locator('#status', { hasText: /^Added the window / });
    await added.waitFor({ timeout: 30_000 });
    await rowShows(page, ((await added.textContent()) ?? '').replace(/^Added the window /, '').replace(/ to the tree\.$/, ''));
  });

  it('stops a long count with its button, and counts on again [button:timeline/Stop Counting] [button:timeline/Count Again]', async () => {
    const page = browser.page;
    await contextMenu(page, /^Last 30 days/, 'Show Timeline');
    const frame = webview(page);
    await frame.locator('h1', { hasText: 'Timeline: Last 30 days' }).waitFor({ timeout: 60_000 });
    await frame.locator('#stop').click({ timeout: 10_000 });
    await frame.locator('#progress', { hasText: '(stopped)' }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#stop').isVisible(), false);
    const stopped = Number(/^(\d+) of/.exec((await frame.locator('#progress').textContent()) ?? '')?.[1]);
    await frame.locator('#recount').click({ timeout: 10_000 });
    await frame.locator('#progress', { hasText: /^Counting… \d+ of \d+ buckets counted\.$/ }).waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#recount').isVisible(), false);
    // The buckets counted before the stop stay counted: the count goes on from them.
    const again = Number(/(\d+) of/.exec((await frame.locator('#progress').textContent()) ?? '')?.[1]);
    assert.ok(again >= stopped, `${again} counted after Count Again, ${stopped} before`);
    await frame.locator('#stop').click({ timeout: 10_000 });
    await frame.locator('#progress', { hasText: '(stopped)' }).waitFor({ timeout: 30_000 });
  });
});
