// Every button of the detail and retention webviews, clicked inside the real webview sandbox of
// code-server on both supported VS Code versions, and judged by what it produced: the clipboard pasted
// into an editor, the JSON document and the diff editor opened, the filter in the view's title, the
// window added to the tree, the value saved on the server. Titles carry [button:…] tags checked by
// test/unit/uiCoverage.test.ts against the buttons the webviews' sources create.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { clearNotifications, dialog, rowShows, viewTitleShows } from './actions';
import { auditView, expandBucket, expandUntilChildren, openAuditView, runCommand, screenshot, treeItem } from './workbench';

const VERSIONS = (process.env.CONFLUENCE_AUDIT_UI_VERSIONS ?? '4.100.3,4.139.1').split(',').map((v) => v.trim()).filter(Boolean);

const LONG_VALUE = `${'Paragraph of the page body. '.repeat(60)}\nsecond line`;

/** The active webview's content frame (VS Code nests it in an outer host iframe). */
function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

async function statusSays(frame: FrameLocator, text: string | RegExp): Promise<void> {
  await frame.locator('#status', { hasText: text }).waitFor({ timeout: 30_000 });
}

/** Text of the active text editor (as a user reads it). */
async function editorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-instance .view-lines').last();
  await lines.waitFor({ timeout: 30_000 });
  return ((await lines.textContent()) ?? '').replace(/\u00a0/g, ' ');
}

for (const version of VERSIONS) {
  describe(`UI: webview buttons judged by their results (code-server ${version})`, function () {
    this.timeout(240_000);
    let demo: DemoEnvironment;
    let browser: LaunchedBrowser;
    const at = Date.now() - 60_000;
    const summary = `UI detail record ${version}`;

    before(async () => {
      demo = await startDemoEnvironment({
        codeServerVersion: version,
        records: 5_000,
        periodDays: 10,
        userSettings: { 'confluenceAudit.timeZone': 'utc' },
      });
      demo.simulator.insert([
        {
          creationDate: at,
          summary,
          category: 'Security',
          remoteAddress: '198.51.100.77',
          author: { type: 'user', displayName: 'Grace Hopper', username: 'ghopper' },
          affectedObject: { name: 'UI Object Page', objectType: 'Page' },
          changedValues: [{ name: 'Body', oldValue: 'old body', newValue: LONG_VALUE }],
        },
        { creationDate: at - 1000, summary: `UI second record ${version}`, remoteAddress: '198.51.100.78' },
      ]);
      browser = await launchBrowser();
      await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
      await waitForWorkbench(browser.page);
      await openAuditView(browser.page);
      await expandUntilChildren(browser.page, /^Last hour/, 2);
      await expandBucket(browser.page, `${new Date(at).toISOString().slice(0, 13).replace('T', ' ')}:00`, 3);
      await treeItem(browser.page, new RegExp(`^${summary}`)).click({ timeout: 60_000 });
      await webview(browser.page).locator('h1', { hasText: summary }).waitFor({ timeout: 60_000 });
    });

    after(async () => {
      await browser?.close();
      await demo?.stop();
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed') await screenshot(browser.page, `failure-${version}-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
      await clearNotifications(browser.page);
    });

    /** Back to the detail panel's tab (other tests open editors). */
    async function detailTab(page: Page): Promise<FrameLocator> {
      await page.locator('.tabs-container .tab', { hasText: summary }).first().click();
      const frame = webview(page);
      await frame.locator('h1', { hasText: summary }).waitFor({ timeout: 30_000 });
      return frame;
    }

    it('Copy as JSON puts the record on the clipboard [button:detail/Copy as JSON]', async () => {
      const { page } = browser;
      const frame = await detailTab(page);
      await frame.getByRole('button', { name: 'Copy this record as JSON' }).click();
      await statusSays(frame, 'Copied the record as JSON.');
      await runCommand(page, 'File: New Untitled Text File');
      await page.locator('.editor-instance .monaco-editor').last().click();
      await page.keyboard.press('Control+V');
      // The paste lands asynchronously (the clipboard is read through the browser): wait for the text.
      let pasted = await editorText(page);
      for (let i = 0; i < 50 && !pasted.includes(summary); i++) {
        await page.waitForTimeout(200);
        pasted = await editorText(page);
      }
      assert.ok(pasted.includes(`"summary": "${summary}"`) && pasted.includes('Grace Hopper'), `the pasted JSON: ${pasted.slice(0, 300)}`);
      await runCommand(page, 'View: Revert and Close Editor');
    });

    it('Open as JSON opens the record as a read-only JSON document [button:detail/Open as JSON]', async () => {
      const { page } = browser;
      const frame = await detailTab(page);
      await frame.getByRole('button', { name: /^Open this record as a read-only JSON document/ }).click();
      await page.locator('.editor-instance .view-lines', { hasText: summary }).first().waitFor({ timeout: 30_000 });
      assert.match(await editorText(page), /"remoteAddress": "198\.51\.100\.77"/);
    });

    it('Compare opens the old and new value in a diff editor [button:detail/Compare]', async () => {
      const { page } = browser;
      const frame = await detailTab(page);
      await frame.getByRole('button', { name: 'Compare old and new Body in a diff editor' }).click();
      const diff = page.locator('.monaco-diff-editor').last();
      await diff.waitFor({ timeout: 30_000 });
      await diff.locator('.view-lines', { hasText: 'old body' }).first().waitFor({ timeout: 30_000 });
      await diff.locator('.view-lines', { hasText: 'second line' }).first().waitFor({ timeout: 30_000 });
    });

    it('Show all unfolds a long value in place [button:detail/Show all]', async () => {
      const frame = await detailTab(browser.page);
      const toggle = frame.getByRole('button', { name: 'Show all of new Body' });
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await frame.locator('.value', { hasText: 'second line' }).first().waitFor({ timeout: 10_000 });
    });

    it('Filter by this author filters the tree, labelled with the name [button:detail/Filter by this author]', async () => {
      const frame = await detailTab(browser.page);
      await frame.getByRole('button', { name: 'Filter the Audit Log view by this author' }).click();
      await statusSays(frame, 'Filtering the Audit Log view by the author Grace Hopper.');
      // Matched by account id or username, shown by name (issue 17, item 9).
      await viewTitleShows(browser.page, 'author: Grace Hopper');
    });

    it('Filter by this address filters the tree by the address [button:detail/Filter by this address]', async () => {
      const frame = await detailTab(browser.page);
      await frame.getByRole('button', { name: 'Filter the Audit Log view by this remote address' }).click();
      await statusSays(frame, /Filtering the Audit Log view by this remote address/);
      await viewTitleShows(browser.page, 'address: 198.51.100.77');
    });

    it('Filter by this object filters the tree by the affected object [button:detail/Filter by this object]', async () => {
      const frame = await detailTab(browser.page);
      await frame.getByRole('button', { name: 'Filter the Audit Log view by this affected object' }).click();
      await statusSays(frame, /Filtering the Audit Log view by this affected object/);
      await viewTitleShows(browser.page, 'object: UI Object Page');
      // Only that record matches all three filters; the other one is hidden.
      await rowShows(browser.page, new RegExp(`^${summary}`));
      assert.equal(await auditView(browser.page).getByRole('treeitem', { name: new RegExp(`^UI second record`) }).count(), 0);
      await runCommand(browser.page, 'Confluence Audit: Clear Filters');
    });

    it('Show events 15 minutes around adds that window to the tree [button:detail/Show events 15 minutes around this one]', async () => {
      const frame = await detailTab(browser.page);
      await frame.getByRole('button', { name: /^Add a time window of 15 minutes/ }).click();
      await statusSays(frame, /Added a time window of 15 minutes/);
      const start = new Date(at - 15 * 60_000).toISOString().slice(0, 23).replace('T', ' ');
      await rowShows(browser.page, new RegExp(`^${start} → `));
    });

    it('Pin keeps the panel when another record opens; Unpin lets the next one replace it [button:detail/Pin] [button:detail/Unpin]', async () => {
      const { page } = browser;
      const frame = await detailTab(page);
      await frame.getByRole('button', { name: /^Pin:/ }).click();
      await statusSays(frame, 'Pinned: the next record opens in a new panel.');
      await frame.getByRole('button', { name: /^Unpin:/ }).waitFor();
      await treeItem(page, /^UI second record/).click();
      await page.locator('.tabs-container .tab', { hasText: 'UI second record' }).first().waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.tabs-container .tab', { hasText: summary }).count(), 1, 'the pinned panel stays open');
      const pinned = await detailTab(page);
      await pinned.getByRole('button', { name: /^Unpin:/ }).click();
      await statusSays(pinned, 'Unpinned: the next record replaces this one.');
    });

    it('Reload shows the period stored on the server [button:retention/Reload] [command:confluenceAudit.editRetention]', async () => {
      const { page } = browser;
      await runCommand(page, 'Confluence Audit: Edit Audit Retention');
      const frame = webview(page);
      await frame.locator('h1', { hasText: 'Audit log retention' }).waitFor({ timeout: 60_000 });
      demo.simulator.setRetention({ number: 6, units: 'MONTHS' });
      await frame.getByRole('button', { name: 'Reload' }).click();
      await frame.locator('#current', { hasText: /6 months/ }).waitFor({ timeout: 30_000 });
    });

    it('Save asks, saves and shows what was read back [button:retention/Save]', async () => {
      const { page } = browser;
      const frame = webview(page);
      await frame.locator('input#number').fill('3');
      await frame.locator('select#units').selectOption('MONTHS');
      await frame.locator('#impact', { hasText: /would be deleted|No records/ }).waitFor({ timeout: 30_000 });
      await frame.getByRole('button', { name: 'Save' }).click();
      // 6 months → 3 months may delete records: VS Code's modal dialog asks before anything is saved.
      const asked = await dialog(page, /retention|delete/i, 'Shorten and Delete Older Records');
      assert.match(asked, /3 months/);
      await frame.locator('#result', { hasText: /3 months/ }).waitFor({ timeout: 30_000 });
      assert.deepEqual(demo.simulator.getRetention(), { number: 3, units: 'MONTHS' });
    });

    it('Stop counting ends a slow count of what a shorter period would delete [button:retention/Stop counting]', async () => {
      const { page } = browser;
      const frame = webview(page);
      await frame.locator('h1', { hasText: 'Audit log retention' }).waitFor({ timeout: 60_000 });
      // The count's first request stalls on the server, so the count is still running when clicked.
      demo.simulator.faults.once({ kind: 'stallBeforeHeaders', ms: 60_000 });
      await frame.locator('input#number').fill('2');
      const stop = frame.getByRole('button', { name: 'Stop counting' });
      await stop.waitFor({ timeout: 30_000 });
      await stop.click();
      await frame.locator('#impact', { hasText: 'Counting stopped.' }).waitFor({ timeout: 30_000 });
      assert.equal(await stop.isVisible(), false);
    });

    it('Try again loads a record whose panel could not be restored [button:detail/Try again]', async () => {
      const { page } = browser;
      await detailTab(page);
      // After a reload the panel refetches its record; the server fails it once, then recovers.
      demo.simulator.faults.set({ rate500: 1 });
      await page.reload({ waitUntil: 'domcontentloaded' });
      await waitForWorkbench(page);
      await page.locator('.tabs-container .tab', { hasText: summary }).first().click({ timeout: 60_000 });
      const frame = webview(page);
      const again = frame.getByRole('button', { name: 'Try loading the record again' });
      await again.waitFor({ timeout: 60_000 });
      demo.simulator.faults.clear();
      await again.click();
      await frame.locator('h1', { hasText: summary }).waitFor({ timeout: 60_000 });
    });
  });
}
