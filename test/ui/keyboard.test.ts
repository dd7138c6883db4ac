// The main path with the keyboard only, in a high contrast theme (issue 16): the palette, the tree, a
// record's detail panel and the retention form, each judged by what a screen-reader user would hear
// (accessible names) and by what the keys produced. The high contrast screenshots go into the README.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { runCommand, screenshot, widenSidebar } from './workbench';

/** The active webview's content frame (VS Code nests it in an outer host iframe). */
function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/** The tree row that has keyboard focus in the Audit Log view. */
function focusedRow(page: Page): Locator {
  return page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Audit Log/i }) }).locator('.monaco-list-row.focused').first();
}

async function focusedLabel(page: Page): Promise<string> {
  return (await focusedRow(page).getAttribute('aria-label', { timeout: 10_000 })) ?? '';
}

/** Presses `key` until the focused row's accessible name matches, as a user arrowing through the tree. */
async function arrowTo(page: Page, key: 'ArrowDown' | 'ArrowUp', name: RegExp, limit = 40): Promise<string> {
  for (let i = 0; i < limit; i++) {
    const label = await focusedLabel(page).catch(() => '');
    if (name.test(label)) return label;
    await page.keyboard.press(key);
    await page.waitForTimeout(50);
  }
  throw new Error(`no row matching ${String(name)} within ${limit} presses of ${key}; focused: ${await focusedLabel(page).catch(() => '?')}`);
}

/** Waits until a focused row's children (one level deeper) are listed after ArrowRight. */
async function expandFocused(page: Page): Promise<void> {
  const row = focusedRow(page);
  const level = Number(await row.getAttribute('aria-level'));
  await page.keyboard.press('ArrowRight');
  await row.and(page.locator('[aria-expanded="true"]')).waitFor({ timeout: 60_000 });
  await page.locator(`.monaco-list-row[aria-level="${level + 1}"]`).first().waitFor({ timeout: 60_000 });
}

/** The accessible name of the element focused inside the webview. */
/** What the test reads of an element inside the webview (the tests compile without the DOM library). */
interface FocusedElement {
  tagName: string;
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  ownerDocument: { querySelector(selector: string): { textContent: string | null } | null };
}

async function focusedInWebview(frame: FrameLocator): Promise<{ tag: string; id: string; name: string }> {
  return frame.locator(':focus').evaluate((el: FocusedElement) => {
    const labelled = el.getAttribute('aria-label')
      ?? (el.id ? el.ownerDocument.querySelector(`label[for="${el.id}"]`)?.textContent : undefined)
      ?? el.textContent;
    return { tag: el.tagName.toLowerCase(), id: el.id, name: (labelled ?? '').trim() };
  }, undefined, { timeout: 2_000 });
}

describe('UI: the main path with the keyboard only, in high contrast', function () {
  this.timeout(300_000);
  let demo: DemoEnvironment;
  let browser: LaunchedBrowser;

  before(async () => {
    demo = await startDemoEnvironment({
      records: 5_000,
      userSettings: { 'confluenceAudit.timeZone': 'utc', 'workbench.colorTheme': 'Default High Contrast' },
    });
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('opens the view from the palette and walks the tree with arrow keys; every row has a spoken name', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Focus on Audit Log View');
    // The first key gives a row the focus ring the list keeps from then on.
    await page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Audit Log/i }) }).getByRole('treeitem').first().waitFor({ timeout: 60_000 });
    // The command moves focus into the list a moment after the palette closes: a key pressed before
    // that lands elsewhere, so press Home until a row carries the focus.
    for (let attempt = 0; (await focusedRow(page).count()) === 0; attempt++) {
      if (attempt === 20) {
        await screenshot(page, 'failure-keyboard-focus');
        throw new Error(`no tree row took the keyboard focus; active element: ${await page.evaluate<string>('document.activeElement && (document.activeElement.tagName + " " + document.activeElement.outerHTML.slice(0, 300))')}`);
      }
      if (attempt % 5 === 4) await runCommand(page, 'View: Focus into Primary Side Bar');
      await page.keyboard.press('Home');
      await page.waitForTimeout(500);
    }
    const windowLabel = await arrowTo(page, 'ArrowDown', /^Last 7 days/);
    assert.match(windowLabel, /Last 7 days/);
    await expandFocused(page);
    await page.keyboard.press('ArrowDown');
    const bucketLabel = await focusedLabel(page);
    assert.match(bucketLabel, /\d{4}-\d{2}-\d{2}/, `a day bucket is spoken with its date: ${bucketLabel}`);
    await expandFocused(page);
    await page.keyboard.press('ArrowDown');
    const recordLabel = await focusedLabel(page);
    // A record is spoken with what happened, who did it and when, not only an icon or an id.
    assert.ok(recordLabel.length > 20, `a record's spoken name says what happened: ${recordLabel}`);
    assert.match(recordLabel, /\d{1,2}:\d{2}/, `and when: ${recordLabel}`);
    await page.keyboard.press('Enter');
    const frame = webview(page);
    // Seen once in five runs under heavy load: the first Enter right after the bucket's rows arrived
    // opened nothing (no error, no notification). Pressing it again, as a user would, is allowed once
    // and reported, so the test still fails if Enter never opens the record.
    if (!(await frame.locator('h1').first().waitFor({ timeout: 15_000 }).then(() => true, () => false))) {
      process.stderr.write('    (keyboard test: the first Enter on the record opened nothing; pressing it again)\n');
      await page.keyboard.press('Enter');
    }
    await frame.locator('h1').first().waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'failure-keyboard-enter');
      await runCommand(page, 'Notifications: Show Notifications');
      const notes = await page.locator('.notifications-center .notification-list-item-message').allTextContents();
      throw new Error(`${String(error)}\nEnter on: ${recordLabel}\nnotifications: ${notes.join(' | ')}`);
    });
    assert.ok((await frame.locator('h1').first().textContent())?.trim(), 'the detail panel opened for the record');
  });

  it('reaches every detail button with Tab, each with a name, and Enter on one does what it says', async () => {
    const { page } = browser;
    await runCommand(page, 'View: Focus Active Editor Group');
    const frame = webview(page);
    const names: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const focused = await focusedInWebview(frame).catch(() => undefined);
      if (!focused) continue;
      if (focused.tag === 'button') {
        assert.ok(focused.name.length > 0, 'a focusable button has an accessible name');
        if (names.includes(focused.name)) break;
        names.push(focused.name);
      }
    }
    for (const expected of [/Copy this record as JSON/, /Open this record as a read-only JSON document/, /^Pin/, /Filter the Audit Log view by this author/]) {
      assert.ok(names.some((n) => expected.test(n)), `Tab reaches ${String(expected)}; reached: ${names.join(' | ')}`);
    }
    await widenSidebar(page, 520);
    await screenshot(page, 'detail-high-contrast');
    // Enter on Open as JSON, reached by Tab alone, opens the record as a JSON document.
    for (let i = 0; i < 30; i++) {
      const focused = await focusedInWebview(frame).catch(() => undefined);
      if (focused && /Open this record as a read-only JSON document/.test(focused.name)) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: /\.json/ }).first().waitFor({ timeout: 60_000 });
    const text = (await page.locator('.editor-instance .view-lines').first().textContent()) ?? '';
    assert.match(text, /"creationDate"/, 'the JSON document holds the record');
  });

  it('changes retention with the keyboard: labelled fields, Enter asks, Escape cancels and nothing changes', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Edit Audit Retention');
    const frame = webview(page);
    await frame.locator('#current-period', { hasText: '1 year' }).waitFor({ timeout: 60_000 });
    await runCommand(page, 'View: Focus Active Editor Group');
    let number: { tag: string; id: string; name: string } | undefined;
    for (let i = 0; i < 20 && number?.id !== 'number'; i++) {
      await page.keyboard.press('Tab');
      number = await focusedInWebview(frame).catch(() => undefined);
    }
    assert.equal(number?.id, 'number', 'Tab reaches the number box');
    assert.equal(number.name, 'Keep audit records for', 'the number box is labelled');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6');
    assert.equal(await frame.locator('#number').inputValue(), '6');
    await page.keyboard.press('Tab');
    const units = await focusedInWebview(frame);
    assert.equal(units.id, 'units', `Tab moves on to the units (focused: ${JSON.stringify(units)})`);
    assert.equal(units.name, 'Unit', 'the units list is labelled');
    // The list runs from the smallest unit to the largest: one up from years is months.
    await page.keyboard.press('ArrowUp');
    assert.equal(await frame.locator('#units').inputValue(), 'MONTHS', 'ArrowUp on the closed list picks months');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const box = page.locator('.monaco-dialog-box');
    await box.waitFor({ timeout: 60_000 });
    assert.match((await box.textContent()) ?? '', /from 1 year to 6 months\?/);
    await page.keyboard.press('Escape');
    await frame.locator('#result', { hasText: 'Cancelled: nothing was changed.' }).waitFor({ timeout: 60_000 });
    assert.deepEqual(demo.simulator.getRetention(), { number: 1, units: 'YEARS' });
    await screenshot(page, 'retention-high-contrast');
  });
});
