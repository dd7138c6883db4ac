// The detail and retention webviews inside code-server: a record crafted by an attacker renders as text
// and runs nothing; both panels are captured for the README.
import * as assert from 'node:assert/strict';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { expandUntilChildren, openAuditView, runCommand, screenshot, treeItem, visibleRows, widenSidebar } from './workbench';

/** A minute ago, inside "Last hour" whenever the test runs. */
const attackTime = Date.now() - 60_000;

const ATTACK = {
  summary: '</script><script>window.__pwned=2</script>',
  author: '<img src=x onerror="window.__pwned=1">',
  description: '[x](command:workbench.action.terminal.new) javascript:window.__pwned=3',
  rtl: 'تقرير الأمان السنوي \u202Efdp.exe',
};

/** The active webview's content frame (VS Code nests it in an outer host iframe). */
function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

async function pwnedInAnyFrame(page: Page): Promise<unknown[]> {
  const flags = await Promise.all(
    page.frames().map((frame: Frame) => frame.evaluate('globalThis.__pwned').catch(() => undefined)),
  );
  return flags.filter((flag) => flag !== undefined);
}

describe('UI: webviews in code-server', function () {
  this.timeout(240_000);
  let demo: DemoEnvironment;
  let browser: LaunchedBrowser;
  const console: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    demo = await startDemoEnvironment({
      records: 20_000,
      userSettings: { 'confluenceAudit.timeZone': 'utc', 'workbench.colorTheme': 'Default Dark Modern' },
    });
    demo.simulator.insert([
      {
        creationDate: attackTime,
        remoteAddress: '203.0.113.66',
        summary: ATTACK.summary,
        description: ATTACK.description,
        category: 'Security',
        author: { type: 'user', displayName: ATTACK.author },
        affectedObject: { name: ATTACK.rtl, objectType: 'Page' },
        changedValues: [
          { name: 'Title', oldValue: 'Quarterly report', newValue: ATTACK.rtl },
          { name: 'Link', oldValue: '', newValue: 'javascript:window.__pwned=4' },
          { name: 'API token', oldValue: '', newValue: '', hiddenOldValue: '********', hiddenNewValue: '********' },
        ],
      },
    ]);
    browser = await launchBrowser();
    browser.page.on('console', (message) => console.push(message.text()));
    browser.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('shows a hostile record literally in the detail panel, and nothing of it runs', async () => {
    const { page } = browser;
    await openAuditView(page);
    await expandUntilChildren(page, /^Last hour/, 2);
    await waitForRows(page, 2);
    // The hour bucket (UTC) that holds the record: near a full hour that is not the newest one.
    const hour = `${new Date(attackTime).toISOString().slice(0, 13).replace('T', ' ')}:00`;
    await expandUntilChildren(page, hour, 3);
    await treeItem(page, /^<\/script><script>/).click({ timeout: 30_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'failure-hostile-record');
      throw new Error(`${String(error)}\nrows: ${(await visibleRows(page)).map((r) => `${r.level}:${r.label.split('\n')[0]}`).join(' | ')}`);
    });

    const frame = webview(page);
    // A click that lands while the site's first page re-renders the rows is lost (SiteSessions reloads a
    // site's windows on its first successful page; a known rough edge). Clicking again, as a user would, is
    // allowed once and reported; the test still fails if the record never opens.
    if (!(await frame.locator('h1').filter({ hasText: ATTACK.summary }).waitFor({ timeout: 15_000 }).then(() => true, () => false))) {
      process.stderr.write('    (webviews test: the first click on the record opened nothing; clicking again)\n');
      await treeItem(page, /^<\/script><script>/).click({ timeout: 30_000 });
    }
    await frame.locator('h1').filter({ hasText: ATTACK.summary }).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('h1').first().textContent(), ATTACK.summary);
    const text = (await frame.locator('#app').textContent()) ?? '';
    for (const value of [ATTACK.author, 'command:workbench.action.terminal.new', 'javascript:window.__pwned=4', 'تقرير الأمان السنوي']) {
      assert.ok(text.includes(value), `${value} is shown as text`);
    }
    assert.match(text, /hidden/i, 'a redacted value is shown as hidden');
    assert.equal(await frame.locator('#app img, #app script, #app svg, #app a[href]').count(), 0, 'no markup from the record');
    assert.deepEqual(await pwnedInAnyFrame(page), []);
    assert.deepEqual(dialogs, []);
    const ours = console.filter((m) => /Content Security Policy|Refused to/i.test(m) && /media\/|nonce/i.test(m));
    assert.deepEqual(ours, [], 'no CSP violation from our assets');
    await widenSidebar(page, 520);
    await screenshot(page, 'detail');
  });

  it('opens the retention editor from the palette with the stored period', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Edit Audit Retention');
    const frame = webview(page);
    await frame.locator('h1', { hasText: 'Audit log retention' }).waitFor({ timeout: 60_000 });
    await frame.locator('input#number').waitFor();
    assert.match((await frame.locator('#app').textContent()) ?? '', /1 year/);
    await screenshot(page, 'retention');
  });
});

async function waitForRows(page: Page, level: number): Promise<{ level: number; label: string }[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = (await visibleRows(page)).filter((r) => r.level === level);
    if (rows.length > 0) return rows;
    if (Date.now() > deadline) throw new Error(`no rows at level ${level}`);
    await page.waitForTimeout(100);
  }
}
