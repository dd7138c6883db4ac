// Changing retention through the real panel inside code-server, on every VS Code version we support: Save
// by click and by Enter, VS Code's own modal confirmation, and the value read back from the simulator. The
// browser tests run the page outside VS Code's webview sandbox; only here does a blocked <form> show.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { versionsFromEnv } from '../../scripts/vscode/run-integration';
import { openAuditView, runCommand, screenshot, treeItem } from './workbench';

/** The active webview's content frame (VS Code nests it in an outer host iframe). */
function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

function dialog(page: Page): ReturnType<Page['locator']> {
  return page.locator('.monaco-dialog-box');
}

for (const version of versionsFromEnv(process.env.CONFLUENCE_AUDIT_VSCODE_VERSIONS)) {
  describe(`UI: retention saved through the real panel (code-server ${version})`, function () {
    this.timeout(300_000);
    let demo: DemoEnvironment;
    let browser: LaunchedBrowser;
    const console: string[] = [];

    before(async () => {
      demo = await startDemoEnvironment({ codeServerVersion: version, records: 5_000, periodDays: 400, userSettings: { 'confluenceAudit.timeZone': 'utc' } });
      browser = await launchBrowser();
      browser.page.on('console', (message) => console.push(message.text()));
      await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
      await waitForWorkbench(browser.page);
    });

    after(async () => {
      await browser?.close();
      await demo?.stop();
    });

    it('Save asks in VS Code’s dialog, saves, and shows the value read back', async () => {
      const { page } = browser;
      assert.deepEqual(demo.simulator.getRetention(), { number: 1, units: 'YEARS' });
      // The view activates the extension, and its first window shows once the development site is seeded.
      await openAuditView(page);
      await treeItem(page, /^Last hour/).waitFor({ timeout: 60_000 });
      await runCommand(page, 'Confluence Audit: Edit Audit Retention');
      const frame = webview(page);
      await frame.locator('h1', { hasText: 'Audit log retention' }).waitFor({ timeout: 60_000 });
      await frame.locator('#current-period', { hasText: '1 year' }).waitFor({ timeout: 60_000 });

      await frame.locator('#units').selectOption('MONTHS');
      await frame.locator('#number').fill('6');
      await frame.locator('#save').click();
      const box = dialog(page);
      await box.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
        await screenshot(page, `failure-retention-save-${version}`);
        const blocked = console.filter((m) => /Blocked form submission/i.test(m));
        throw new Error(`${String(error)}\nno confirmation after Save; console: ${blocked.join(' | ')}`);
      });
      const question = (await box.textContent()) ?? '';
      assert.match(question, /Shorten the audit retention of .* from 1 year to 6 months\?/);
      assert.match(question, /records will be deleted/);
      await box.getByRole('button', { name: 'Shorten and Delete Older Records' }).click();

      await frame.locator('#result', { hasText: 'Read back from Confluence: it stores 6 months.' }).waitFor({ timeout: 60_000 });
      assert.equal(await frame.locator('#current-period').textContent(), '6 months');
      assert.deepEqual(demo.simulator.getRetention(), { number: 6, units: 'MONTHS' });
      assert.equal(demo.simulator.requests.filter((r) => r.method === 'PUT').length, 1);
    });

    it('Enter in the number box saves too; Cancel in the dialog changes nothing', async () => {
      const { page } = browser;
      const frame = webview(page);
      await frame.locator('#number').fill('3');
      await frame.locator('#number').press('Enter');
      const box = dialog(page);
      await box.waitFor({ timeout: 60_000 });
      assert.match((await box.textContent()) ?? '', /from 6 months to 3 months\?/);
      await box.getByRole('button', { name: 'Cancel' }).click();
      await frame.locator('#result', { hasText: 'Cancelled: nothing was changed.' }).waitFor({ timeout: 60_000 });
      assert.deepEqual(demo.simulator.getRetention(), { number: 6, units: 'MONTHS' });
      assert.equal(demo.simulator.requests.filter((r) => r.method === 'PUT').length, 1, 'no second PUT');
      assert.deepEqual(console.filter((m) => /Blocked form submission/i.test(m)), []);
    });
  });
}
