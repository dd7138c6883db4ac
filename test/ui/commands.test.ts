// Every contributed command run as a user runs it in code-server (palette, view title, row actions,
// context menus) and judged by what it produced: rows shown, files written and read back, dialogs asked,
// notifications, the view's title and the status bar. Titles carry [command:…] tags that
// test/unit/uiCoverage.test.ts checks against package.json, so a command without such a test fails there.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { answer, clearNotifications, contextMenu, dialog, inlineAction, notification, pick, pickRows, rowGone, rowShows, statusBarItem, viewTitleShows } from './actions';
import { expandUntilChildren, openAuditView, runCommand, screenshot, treeItem } from './workbench';


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
    await answer(page, path.join(demo.workspace, 'audit-exports', csv), /Verify Export/);
    await notification(page, new RegExp(`${csv.replace(/[.]/g, '\\.')} is intact: \\d+ bytes, \\d+ records`));
  });

  it('Export as ZIP writes a ZIP with its manifest [command:confluenceAudit.exportZip]', async () => {
    const { page } = browser;
    const before = exports();
    await runCommand(page, 'Confluence Audit: Export Audit Log as ZIP');
    await pick(page, /^Last hour/);
    await answer(page, '');
    await notification(page, /Exported .* as ZIP/);
    const zip = exports().find((f) => f.endsWith('.zip') && !before.includes(f));
    assert.ok(zip, `a new ZIP: ${exports().join(', ')}`);
    assert.equal(readFileSync(path.join(demo.workspace, 'audit-exports', zip)).subarray(0, 2).toString('latin1'), 'PK');
  });
});
