// Every contributed command run as a user runs it in code-server (palette, view title, row actions,
// context menus) and judged by what it produced: rows shown, files written and read back, dialogs asked,
// notifications, the view's title and the status bar. Titles carry [command:…] tags that
// test/unit/uiCoverage.test.ts checks against package.json, so a command without such a test fails there.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { answer, answerFileDialog, clearNotifications, contextMenu, dialog, inlineAction, notification, pick, pickRows, rowGone, rowShows, statusBarItem, viewTitleShows } from './actions';
import type { FrameLocator, Page } from 'playwright-core';
import { auditView, expandUntilChildren, openAuditView, runCommand, screenshot, treeItem, visibleRows } from './workbench';


describe('UI: each command judged by its result (code-server 4.100.3)', function () {
  this.timeout(240_000);
  let demo: DemoEnvironment;
  let browser: LaunchedBrowser;
  const exports = (): string[] => {
    const folder = path.join(demo.workspace, 'audit-exports');
    return existsSync(folder) ? readdirSync(folder).sort() : [];
  };

  before(async () => {
    demo = await startDemoEnvironment({
      records: 20_000,
      periodDays: 30,
      userSettings: { 'confluenceAudit.timeZone': 'utc', 'confluenceAudit.pageSize': 25 },
    });
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
    await openAuditView(browser.page);
    await treeItem(browser.page, /^Last 7 days/).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  // An export reveals its file in the Explorer: each check starts from the Audit Log view.
  beforeEach(async () => {
    if (!(await auditView(browser.page).first().isVisible())) await openAuditView(browser.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(browser.page, `failure-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    await browser.page.keyboard.press('Escape');
    await clearNotifications(browser.page);
  });

  it('Test Connection says the site is connected [command:confluenceAudit.testConnection]', async () => {
    await runCommand(browser.page, 'Confluence Audit: Test Connection');
    await notification(browser.page, /connected.*audit log is readable/);
  });

  it('Add Time Window adds "Last 36 hours" to the tree [command:confluenceAudit.addTimeWindow]', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Add Time Window');
    await pick(page, 'Last N minutes');
    await answer(page, '36h');
    await rowShows(page, /^Last 36 hours/);
  });

  it('Export as CSV offers the user\'s own windows, writes the file, and Verify Export confirms it [command:confluenceAudit.exportCsv] [command:confluenceAudit.verifyExport]', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Export Audit Log as CSV');
    const offered = await pickRows(page);
    assert.ok(offered.some((row) => row.startsWith('Last 36 hours')), `the user's window is offered (issue 17, item 8): ${offered.join(' | ')}`);
    await pick(page, /^Last 36 hours/);
    await answer(page, '');
    await notification(page, /Exported .* as CSV/);
    const csv = exports().find((f) => f.endsWith('.csv'));
    assert.ok(csv, `a CSV in audit-exports/: ${exports().join(', ')}`);
    assert.ok(exports().includes(`${csv}.manifest.json`) || exports().some((f) => f.startsWith(csv.replace(/\.csv$/, '')) && f.endsWith('.manifest.json')), 'with its manifest');
    const lines = readFileSync(path.join(demo.workspace, 'audit-exports', csv), 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length > 1, 'the file holds records');

    await clearNotifications(page);
    await runCommand(page, 'Confluence Audit: Verify Export');
    await answerFileDialog(page, path.join(demo.workspace, 'audit-exports', csv), /Verify Export/);
    await notification(page, new RegExp(`${csv.replace(/[.]/g, '\\.')} is intact: \\d+ bytes, \\d+ records`));
  });

  it('Export as ZIP writes a ZIP with its manifest [command:confluenceAudit.exportZip]', async () => {
    const { page } = browser;
    const before = exports();
    await runCommand(page, 'Confluence Audit: Export Audit Log as ZIP');
    await pick(page, /^Last hour/);
    await answer(page, '');
    const zip = await newFile(() => exports(), before, '.zip');
    assert.ok(zip, `a new ZIP: ${exports().join(', ')}`);
    assert.equal(readFileSync(path.join(demo.workspace, 'audit-exports', zip)).subarray(0, 2).toString('latin1'), 'PK');
  });

  it('Load More adds the next page of records to the bucket [command:confluenceAudit.loadMore]', async () => {
    const { page } = browser;
    await expandUntilChildren(page, /^Last 7 days/, 2);
    const day = (await levelRows(page, 2))[1];
    await expandUntilChildren(page, day, 3);
    // The bucket's row counts what is loaded: a page of 25, then a whole second page (not "49+").
    await rowShows(page, `${day.split(',')[0]}, 25+ records`);
    await treeItem(page, /^Load more/).click();
    await rowShows(page, `${day.split(',')[0]}, 50+ records`);
    await collapseAll(page);
  });

  it('Open Audit Record shows the record in the detail panel [command:confluenceAudit.openRecord]', async () => {
    const { page } = browser;
    demo.simulator.insert([{ summary: 'UI marker: open me', category: 'Security', remoteAddress: '198.51.100.7' }]);
    await expandUntilChildren(page, /^Last hour/, 2);
    await expandUntilChildren(page, (await levelRows(page, 2))[0], 3);
    await treeItem(page, /^UI marker: open me/).click();
    await webviewFrame(page).locator('h1', { hasText: 'UI marker: open me' }).waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+W');
    await collapseAll(page);
  });

  it('Refresh shows a record that arrived since [command:confluenceAudit.refresh]', async () => {
    const { page } = browser;
    await expandUntilChildren(page, /^Last hour/, 2);
    await expandUntilChildren(page, (await levelRows(page, 2))[0], 3);
    demo.simulator.insert([{ summary: 'UI marker: after refresh', remoteAddress: '198.51.100.7' }]);
    await page.locator('.part.sidebar').getByRole('button', { name: /^Refresh/ }).first().click();
    await rowShows(page, /^UI marker: after refresh/);
    await collapseAll(page);
  });

  it('Refresh on a bucket row shows the records that arrived in it [command:confluenceAudit.refreshNode]', async () => {
    const { page } = browser;
    await expandUntilChildren(page, /^Last hour/, 2);
    // A bucket covers a fixed range: the new record is dated inside the bucket that holds a minute ago.
    const at = Date.now() - 60_000;
    const bucket = `${new Date(at).toISOString().slice(0, 13).replace('T', ' ')}:00`;
    await expandUntilChildren(page, bucket, 3);
    demo.simulator.insert([{ summary: 'UI marker: bucket refresh', remoteAddress: '198.51.100.7', creationDate: at }]);
    await inlineAction(page, bucket, /^Refresh/);
    await rowShows(page, /^UI marker: bucket refresh/);
    await collapseAll(page);
  });

  it('Search in Window narrows the window on the server; Clear Search removes it [command:confluenceAudit.setSearch] [command:confluenceAudit.clearSearch]', async () => {
    const { page } = browser;
    demo.simulator.insert([{ summary: 'UI marker: needle in the log', remoteAddress: '198.51.100.7' }]);
    await inlineAction(page, /^Last 24 hours/, /^Search in Window/);
    await answer(page, 'needle', /Search in/);
    await rowShows(page, /^Last 24 hours, searching for needle/);
    await expandUntilChildren(page, /^Last 24 hours/, 2);
    const buckets = await levelRows(page, 2);
    await expandUntilChildren(page, buckets[0], 3);
    const records = (await levelRows(page, 3)).filter((l) => !/^(Load more|No records)/.test(l));
    assert.ok(records.length >= 1 && records.every((l) => /needle/.test(l)), `only matching records: ${records.join(' | ')}`);
    await collapseAll(page);
    await contextMenu(page, /^Last 24 hours/, 'Clear Search');
    await rowShows(page, /^Last 24 hours$/);
  });

  it('Retry after a server error loads the bucket [command:confluenceAudit.retry]', async () => {
    const { page } = browser;
    await expandUntilChildren(page, /^Last 30 days/, 2);
    const day = (await levelRows(page, 2))[3];
    demo.simulator.faults.once({ kind: 'status', status: 500, body: 'boom' });
    await expandRowOnce(page, day);
    await rowShows(page, /Retry$/);
    await treeItem(page, /Retry$/).click();
    await waitForCount(page, 3, 25);
    await collapseAll(page);
  });

  it('a 429 shows "waiting until" on the row and in the status bar, and Cancel stops it [command:confluenceAudit.cancelWait]', async () => {
    const { page } = browser;
    await expandUntilChildren(page, /^Last 30 days/, 2);
    const day = (await levelRows(page, 2))[5];
    demo.simulator.faults.once({ kind: '429', retryAfter: '60' });
    await expandRowOnce(page, day);
    await rowShows(page, /^Waiting for Confluence's rate limit until \d\d:\d\d:\d\dZ/);
    const status = statusBarItem(page, /Waiting for Confluence's rate limit until/);
    await status.waitFor({ timeout: 30_000 });
    await status.click();
    await rowShows(page, /cancelled.*Retry$/i);
    await status.waitFor({ state: 'detached', timeout: 30_000 });
    await collapseAll(page);
  });

  it('Export Shown Records writes CSV and JSON Lines; Open Audit Export opens the JSON Lines as a snapshot; Close Snapshot closes it [command:confluenceAudit.exportShownRecords] [command:confluenceAudit.openExport] [command:confluenceAudit.closeSnapshot]', async () => {
    const { page } = browser;
    const before = exports();
    await expandUntilChildren(page, /^Last 7 days/, 2);
    const day = (await levelRows(page, 2))[0];
    await expandUntilChildren(page, day, 3);
    await contextMenu(page, day, 'Export Shown Records');
    const jsonl = await newFile(() => exports(), before, '.jsonl');
    const added = exports().filter((f) => !before.includes(f));
    assert.ok(jsonl && added.some((f) => f.endsWith('.csv')), `CSV and JSON Lines written: ${added.join(', ')}`);
    await collapseAll(page);
    await runCommand(page, 'Confluence Audit: Open Audit Export');
    await answerFileDialog(page, path.join(demo.workspace, 'audit-exports', jsonl), /Open Audit Export/);
    await rowShows(page, /snapshot/i);
    await inlineAction(page, /snapshot/i, /^Close Snapshot/);
    await rowGone(page, /snapshot/i);
  });

  it('Remove Time Window asks nothing and removes the custom window [command:confluenceAudit.removeTimeWindow]', async () => {
    const { page } = browser;
    await collapseAll(page);
    await contextMenu(page, /^Last 36 hours/, 'Remove Time Window');
    await rowGone(page, /^Last 36 hours/);
  });

  it('Show Log opens the output with the extension\'s log [command:confluenceAudit.showLog]', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Show Log');
    await page.locator('.part.panel .view-lines', { hasText: /GET|Signed|info/ }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+J');
  });

  it('Filter Records applies a filter, a window reload keeps it and the expanded window, Clear Filters removes it [command:confluenceAudit.addFilter] [command:confluenceAudit.clearFilters]', async () => {
    const { page } = browser;
    await expandUntilChildren(page, /^Last 7 days/, 2);
    await expandUntilChildren(page, (await levelRows(page, 2))[0], 3);
    await page.locator('.part.sidebar').getByRole('button', { name: /^Filter Records/ }).first().click();
    await pick(page, 'Event type');
    // The most frequent category of the simulator's real-shaped records, so the first day bucket has some.
    const category = 'Users and groups';
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /Filter by Event type/ }).first().waitFor({ timeout: 30_000 });
    // A value seen in the loaded records, picked from the suggestions.
    await pick(page, category);
    await viewTitleShows(page, `category: ${category}`);
    // Issue 17, item 6 (filters kept) and "also noticed" (expansion kept) across a window reload.
    // Not a timing assertion: VS Code in the browser writes workspace state to IndexedDB in the background,
    // and a reload at once can drop a write made a moment earlier (seen after the merge, every run). A user
    // reloads seconds later; the test gives the write that long.
    await page.waitForTimeout(3000);
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page);
    await openAuditView(page);
    await viewTitleShows(page, `category: ${category}`);
    await auditView(page).locator('.monaco-list-row[aria-level="1"][aria-expanded="true"]').first().waitFor({ timeout: 60_000 });
    assert.equal(await treeItem(page, /^Last 7 days/).getAttribute('aria-expanded'), 'true', 'the expanded window is expanded again');
    await runCommand(page, 'Confluence Audit: Clear Filters');
    await page.locator('.part.sidebar .title, .part.sidebar .pane-header').filter({ hasText: `category: ${category}` }).first().waitFor({ state: 'detached', timeout: 30_000 });
    await collapseAll(page);
  });

  it('Sign In with a wrong token in place of a stored one says so and the site keeps working [command:confluenceAudit.signIn]', async () => {
    const { page } = browser;
    // The title says "Sign In…" since issue 16; with a token stored, it asks for a new one.
    await runCommand(page, 'Confluence Audit: Sign In…');
    await answer(page, demo.simulator.admin.email, /account e-mail/);
    await answer(page, 'not-the-token', /new token/);
    await notification(page, /Sign-in to .* failed: .*The stored token was not changed/);
    await rowShows(page, /^Last 7 days/);
    assert.equal(await auditView(page).getByRole('treeitem', { name: /rejected/ }).count(), 0, 'no "token rejected" row (issue 17, item 4)');
    assert.equal(await statusBarItem(page, /token rejected/).count(), 0, 'the status bar does not say "token rejected"');
  });

  it('Sign Out asks first, says what it did, and Sign In restores the site, asking for a token, not a new one [command:confluenceAudit.signOut]', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Sign Out');
    const asked = await dialog(page, /Sign out of/, 'Sign Out');
    assert.match(asked, /token is deleted from Secret Storage/);
    await notification(page, /Signed out of .*: its token was deleted from Secret Storage/);
    await rowShows(page, /^Token required/);
    await runCommand(page, 'Confluence Audit: Sign In…');
    await answer(page, demo.simulator.admin.email, /account e-mail/);
    // No token is stored after Sign Out: this sign-in is a first one, and its prompt says "token".
    const tokenTitle = page.locator('.quick-input-widget .quick-input-title', { hasText: /token/ }).first();
    await tokenTitle.waitFor({ timeout: 30_000 });
    assert.match((await tokenTitle.textContent()) ?? '', /: token\s*$/, 'a first sign-in asks for a token, not a new one');
    await answer(page, demo.simulator.admin.apiToken, /: token/);
    await notification(page, /^Signed in to|Signed in to/);
    await rowShows(page, /^Last 7 days/);
  });

  it('Add Site adds a second site after testing it; Remove Site asks and removes it [command:confluenceAudit.addSite] [command:confluenceAudit.removeSite]', async () => {
    const { page } = browser;
    await collapseAll(page);
    await runCommand(page, 'Confluence Audit: Add Site');
    await answer(page, demo.simulator.dataCenterUrl, /site URL/);
    await pick(page, /personal access token/i);
    await answer(page, demo.simulator.admin.pat, /token/);
    await rowShows(page, /127\.0\.0\.1.*|Data Center/);
    const roots = (await levelRows(page, 1));
    assert.ok(roots.length === 2, `two sites: ${roots.join(' | ')}`);
    await runCommand(page, 'Confluence Audit: Remove Site');
    // The new site is named after its host until the user renames it; its row says so too.
    const host = new URL(demo.simulator.dataCenterUrl).host;
    assert.ok(roots.some((r) => r.includes(host)), `the new site's row names ${host}: ${roots.join(' | ')}`);
    await pick(page, host);
    await dialog(page, /Remove /, 'Remove');
    await rowShows(page, /^Last 7 days/);
  });
});

/** Waits for a file with this ending that was not there before; its name. */
async function newFile(list: () => string[], before: string[], ending: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = list().find((f) => f.endsWith(ending) && !before.includes(f));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no new ${ending} file: ${list().join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Labels of the visible rows at one level of the tree. */
async function levelRows(page: Page, level: number): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = (await visibleRows(page)).filter((r) => r.level === level).map((r) => r.label.split('\n')[0]);
    if (rows.length > 0) return rows;
    if (Date.now() > deadline) throw new Error(`no rows at level ${level}`);
    await page.waitForTimeout(100);
  }
}

async function waitForCount(page: Page, level: number, atLeast: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = (await visibleRows(page)).filter((r) => r.level === level && !/^(Load more|Loading)/.test(r.label));
    if (rows.length >= atLeast) return;
    if (Date.now() > deadline) throw new Error(`only ${rows.length} rows at level ${level}, wanted ${atLeast}`);
    await page.waitForTimeout(100);
  }
}

/** Expands a row with one click, for rows whose first answer is a message (no records to wait for). */
async function expandRowOnce(page: Page, name: string): Promise<void> {
  const row = treeItem(page, name);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

async function collapseAll(page: Page): Promise<void> {
  await page.locator('.part.sidebar').getByRole('button', { name: /Collapse All/ }).first().click();
}

function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}
