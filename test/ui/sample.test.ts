// A first run without a Confluence site (issue 16), in code-server with the extension in development mode and
// no site configured: the welcome view offers the sample, "Open Sample Audit Log" from the palette opens it, the
// tree shows its records by day with the counts the generator's records give once moved to end now, a hostile
// page title shows literally in the record's detail, and the walkthrough ticks off what was done.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/demoEnvironment';
import { SCRIPT_PAGE_TITLE, sampleRecords } from '../../scripts/sample/sampleLog';
import { launchBrowser, openWorkbench, startCodeServer, waitForWorkbench, type LaunchedBrowser, type RunningCodeServer } from '../../scripts/vscode/codeServer';
import { bucketsFor } from '../../src/model/buckets';
import { MONTH_NAMES } from '../../src/model/wallCalendar';
import type { AuditRecord } from '../../src/api/types';
import { pick } from './actions';
import { auditView, expandUntilChildren, openAuditView, runCommand, screenshot, treeItem, visibleRows } from './workbench';

const MINUTE = 60_000;

function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

const WALKTHROUGH_STEPS = ['openSample', 'addSite', 'browse', 'openRecord', 'export', 'retention'];

/** VS Code's walkthrough page: one button per step (id "<extension>#<walkthrough>#<step>"), aria-checked once done. */
function stepSelector(id: string): string {
  return `button.getting-started-step[data-step-id$="#gettingStarted#${id}"]`;
}

function walkthroughStep(page: Page, id: string): Locator {
  return page.locator(stepSelector(id)).first();
}

async function openWalkthrough(page: Page): Promise<void> {
  await runCommand(page, 'Welcome: Open Walkthrough');
  await pick(page, 'Get Started with Confluence Audit');
  await walkthroughStep(page, WALKTHROUGH_STEPS[0]).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('button.getting-started-step[data-step-id*="#gettingStarted#"]').count(), WALKTHROUGH_STEPS.length);
}

/** The minute a record row says it happened: "… at 13:17 on 3 December 2026 UTC, …" (its screen-reader label). */
function shownMinute(label: string): number {
  const m = / at (\d{2}):(\d{2}) on (\d{1,2}) (\w+) (\d{4}) UTC/.exec(label);
  assert.ok(m, `a time in UTC in "${label}"`);
  const month = (MONTH_NAMES as readonly string[]).indexOf(m[4]);
  assert.ok(month >= 0, m[4]);
  return Date.UTC(Number(m[5]), month, Number(m[3]), Number(m[1]), Number(m[2]));
}

/** Collapses the tree to the sample's day buckets under "Whole export"; their labels, newest first. */
async function showDays(page: Page): Promise<string[]> {
  await page.locator('.part.sidebar').getByRole('button', { name: /Collapse All/ }).first().click();
  await expandUntilChildren(page, /^Offline snapshot of/, 2);
  await expandUntilChildren(page, /^Whole export/, 3);
  return (await visibleRows(page)).filter((r) => r.level === 3).map((r) => r.label.split(',')[0]);
}

/** Waits until the bucket row says how many records it holds; that text ("213 records"). */
async function bucketCount(page: Page, label: string): Promise<string> {
  const row = treeItem(page, new RegExp(`^${label.replace(/[()]/g, '\\$&')}, \\d+`));
  await row.waitFor({ timeout: 60_000 });
  return ((await row.getAttribute('aria-label')) ?? '').slice(label.length + 2);
}

describe('UI: the sample audit log on a first run without a site', function () {
  this.timeout(240_000);
  let dir: string;
  let server: RunningCodeServer;
  let browser: LaunchedBrowser;
  const records: AuditRecord[] = sampleRecords();

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-sample-'));
    const workspace = path.join(dir, 'workspace');
    mkdirSync(workspace);
    // No demo site: what someone who just installed the extension has. A page size above a day's records shows
    // each day bucket's whole count.
    server = await startCodeServer({ version: '4.100.3', workspaceFolder: workspace, userSettings: { 'confluenceAudit.timeZone': 'utc', 'confluenceAudit.pageSize': 1000 } });
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: server.url, folder: workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // First, so that VS Code has registered the walkthrough before anything is done: VS Code 1.100 drops the
  // completion events of an extension's walkthrough that happen before it registers it (up to 5 s after startup,
  // while it asks its experiment service), which no one clicking through a first run would notice.
  it('lists the walkthrough: six steps, none done yet', async () => {
    const { page } = browser;
    await openWalkthrough(page);
    for (const id of WALKTHROUGH_STEPS) assert.equal(await walkthroughStep(page, id).getAttribute('aria-checked'), 'false', id);
  });

  it('opens from the palette: days with the right counts, the newest record now, a hostile page title as text [command:confluenceAudit.openSample]', async () => {
    const { page } = browser;
    await openAuditView(page);
    await page.getByText('No Confluence site is configured yet').first().waitFor({ timeout: 60_000 });
    await auditView(page).getByRole('button', { name: 'Open Sample Audit Log' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'sample-welcome');

    const openedFrom = Date.now();
    await runCommand(page, 'Confluence Audit: Open Sample Audit Log');
    const snapshot = treeItem(page, new RegExp(`^Offline snapshot of ${records.length} records`));
    await snapshot.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'failure-open-sample');
      throw new Error(`${String(error)}\nrows: ${(await visibleRows(page)).map((r) => `${r.level}:${r.label.split('\n')[0]}`).join(' | ')}`);
    });
    assert.match((await snapshot.textContent()) ?? '', /Sample audit log · times shifted to end now/);
    assert.equal(await auditView(page).getByRole('treeitem', { name: /confluence-audit-sample\.csv \(snapshot\)/ }).count(), 0, 'the unshifted snapshot of the file is not left behind');

    // "Whole export" splits into days (UTC here), newest first; the newest day holds the newest record.
    const days = await showDays(page);
    await expandUntilChildren(page, days[0], 4);
    const newestRow = (await visibleRows(page)).find((r) => r.level === 4);
    assert.ok(newestRow && newestRow.label.startsWith(`${records[0].summary} by `), `the newest record first: ${newestRow?.label}`);
    // Moved so that the newest record is from the minute the sample was opened.
    const newest = shownMinute(newestRow.label);
    const openedBy = Date.now();
    assert.ok(newest >= Math.floor(openedFrom / MINUTE) * MINUTE && newest <= openedBy, `newest at ${new Date(newest).toISOString()}, opened between ${new Date(openedFrom).toISOString()} and ${new Date(openedBy).toISOString()}`);
    const offset = newest - records[0].creationDate;

    // The days and each day's count as the generator's records give them, moved by that offset.
    const expected = bucketsFor({ start: records[records.length - 1].creationDate + offset, end: newest }, 'auto', 'utc').map((b) => ({
      label: b.label,
      count: records.filter((r) => r.creationDate + offset >= b.start && r.creationDate + offset <= b.end).length,
      holdsHostile: records[2].creationDate + offset >= b.start && records[2].creationDate + offset <= b.end,
    }));
    const counted = (n: number): string => `${n} ${n === 1 ? 'record' : 'records'}`;
    assert.deepEqual(days, expected.map((b) => b.label));
    assert.ok(expected.length >= 14, `two weeks of days: ${days.join(' | ')}`);
    assert.equal(await bucketCount(page, days[0]), counted(expected[0].count));
    // A whole day (the one before today): every record of it loaded and counted.
    await showDays(page);
    await expandUntilChildren(page, days[1], 4);
    assert.equal(await bucketCount(page, days[1]), counted(expected[1].count));

    // The page titled with a closing and an opening script element: the third newest record, near the top of its day.
    const hostileDay = expected.find((b) => b.holdsHostile);
    assert.ok(hostileDay);
    await showDays(page);
    await expandUntilChildren(page, hostileDay.label, 4);
    assert.equal(await bucketCount(page, hostileDay.label), counted(hostileDay.count));
    await treeItem(page, SCRIPT_PAGE_TITLE).click();
    const frame = webview(page);
    await frame.locator('h1').filter({ hasText: records[2].summary }).waitFor({ timeout: 60_000 });
    const text = (await frame.locator('#app').textContent()) ?? '';
    assert.ok(text.includes(SCRIPT_PAGE_TITLE), `the title is shown as written: ${text.slice(0, 400)}`);
    assert.equal(await frame.locator('#app script').count(), 0, 'the title made no script element');
    await screenshot(page, 'sample-hostile-record');
  });

  it('ticks off the walkthrough steps done above: the sample, a bucket, a record', async () => {
    const { page } = browser;
    await openWalkthrough(page);
    for (const done of ['openSample', 'browse', 'openRecord']) {
      await page.locator(`${stepSelector(done)}[aria-checked="true"]`).first().waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
        await screenshot(page, 'failure-walkthrough');
        throw new Error(`the step ${done} is not ticked off: ${String(error)}`);
      });
    }
    for (const open of ['addSite', 'export', 'retention']) {
      assert.equal(await walkthroughStep(page, open).getAttribute('aria-checked'), 'false', `the step ${open} is not done yet`);
    }
    await screenshot(page, 'sample-walkthrough');
  });
});
