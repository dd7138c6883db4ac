// The sidebar as a user sees it: headless Debian Chromium driving code-server with the extension in
// development mode against the simulator. Also produces the README screenshots (fixed seed, viewport).
import * as assert from 'node:assert/strict';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { expandBucket, expandUntilChildren, openAuditView, runCommand, screenshot, treeItem, visibleRows, widenSidebar } from './workbench';

describe('UI: the Audit Log view in code-server', function () {
  this.timeout(240_000);
  let demo: DemoEnvironment;
  let browser: LaunchedBrowser;

  before(async () => {
    demo = await startDemoEnvironment({
      records: 100_000,
      userSettings: { 'confluenceAudit.timeZone': 'utc', 'confluenceAudit.pageSize': 25, 'workbench.colorTheme': 'Default Dark Modern' },
    });
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('opens from the activity bar with the seeded site and the preset windows', async () => {
    const { page } = browser;
    await openAuditView(page);
    await treeItem(page, /^Last 7 days/).waitFor({ timeout: 60_000 });
    const labels = (await visibleRows(page)).map((r) => r.label);
    for (const preset of ['Last hour', 'Last 24 hours', 'Last 7 days', 'Last 30 days', 'Last 3 months', 'Last year']) {
      assert.ok(labels.some((l) => l.startsWith(preset)), `${preset} in ${labels.join(' | ')}`);
    }
  });

  it('expands "Last 7 days" into 7 day buckets and a bucket into records with "Load more"', async () => {
    const { page } = browser;
    await expandUntilChildren(page, /^Last 7 days/, 2);
    await page.waitForFunction('document.querySelectorAll(\'.pane .monaco-list-row[aria-level="2"]\').length >= 7');
    const days = (await visibleRows(page)).filter((r) => r.level === 2);
    assert.equal(days.length, 7);
    assert.ok(days.every((d) => /^\d{4}-\d{2}-\d{2}/.test(d.label)), days.map((d) => d.label).join(' | '));
    const sorted = [...days].sort((a, b) => b.label.localeCompare(a.label));
    assert.deepEqual(days, sorted, 'newest first');

    await expandBucket(page, days[1].label.split(',')[0], 3);
    await treeItem(page, /^Load more/).waitFor({ timeout: 60_000 });
    const records = (await visibleRows(page)).filter((r) => r.level === 3 && !/^Load more/.test(r.label));
    assert.ok(records.length >= 25, `a page of records (${records.length})`);
    await widenSidebar(page, 760);
    await screenshot(page, 'tree');
  });

  it('runs commands from the palette: Test Connection and Add Time Window', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Test Connection');
    await page.locator('.notifications-toasts').getByText(/connected/).first().waitFor({ timeout: 30_000 });

    await runCommand(page, 'Confluence Audit: Add Time Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Last N minutes' }).first().click();
    await page.locator('.quick-input-widget input').fill('90m');
    await page.keyboard.press('Enter');
    // The tree is virtualised: collapse the expanded window so the new one is rendered.
    await page.locator('.part.sidebar').getByRole('button', { name: /Collapse All/ }).first().click();
    await treeItem(page, /^Last 90 minutes/).waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'failure-add-time-window');
      throw new Error(`${String(error)}\nrows: ${(await visibleRows(page)).map((r) => r.label.split('\n')[0]).join(' | ')}`);
    });
  });
});
