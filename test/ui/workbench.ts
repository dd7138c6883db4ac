// Playwright helpers for driving the VS Code workbench (code-server) like a user.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const SCREENSHOT_DIR = process.env.CONFLUENCE_AUDIT_UPDATE_SCREENSHOTS === '1'
  ? path.resolve(__dirname, '..', '..', '..', 'docs', 'screenshots')
  : path.resolve(__dirname, '..', '..', '..', 'test-results', 'screenshots');

export function auditView(page: Page): Locator {
  return page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /Audit Log/i }) });
}

export function treeItem(page: Page, name: string | RegExp): Locator {
  return auditView(page).getByRole('treeitem', { name }).first();
}

export async function openAuditView(page: Page): Promise<void> {
  // Clicking the tab of the container that is already shown hides the side bar. After a reload the
  // workbench restores the container on its own, sometimes just before the click and sometimes just
  // after it, so look before clicking and click again when a click closed what the restore opened.
  const tab = page.locator('.activitybar').getByRole('tab', { name: /Confluence Audit/ }).first();
  const view = auditView(page).first();
  const deadline = Date.now() + 60_000;
  while (!(await view.isVisible())) {
    if (Date.now() > deadline) throw new Error('the Audit Log view did not open from the activity bar within 60 s');
    await tab.click();
    await view.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
}

/** Visible tree rows of the Audit Log view with their nesting level, top to bottom. */
export async function visibleRows(page: Page): Promise<{ level: number; label: string }[]> {
  // Read in one go in the page: row by row, a re-render between two reads would leave a row to wait for.
  return auditView(page)
    .getByRole('treeitem')
    .evaluateAll((rows: { getAttribute(name: string): string | null }[]) => rows.map((row) => ({ level: Number(row.getAttribute('aria-level')), label: row.getAttribute('aria-label') ?? '' })));
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // The palette can close again at once when the workbench moves focus (a tree refresh, a notification
  // arriving): open it again rather than fail on a palette that is no longer there.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Drags the sidebar's edge so labels and descriptions are readable in screenshots. */
export async function widenSidebar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const edge = box.x + box.width;
  await page.mouse.move(edge + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
}

/**
 * Expands a tree row, clicking again if the tree re-rendered under the first click (a refresh can move
 * rows between locating one and clicking it).
 */
export async function expandRow(page: Page, name: string | RegExp): Promise<void> {
  const row = treeItem(page, name);
  for (let attempt = 0; attempt < 5; attempt++) {
    if ((await row.getAttribute('aria-expanded')) === 'true') return;
    await row.click();
    // Not expanded within 3 s: the click landed elsewhere; look the row up again and retry.
    for (let waited = 0; waited < 3000; waited += 100) {
      if ((await row.getAttribute('aria-expanded')) === 'true') return;
      await page.waitForTimeout(100);
    }
  }
  throw new Error(`Could not expand the tree row ${String(name)}`);
}

/**
 * Expands a row until rows at `childLevel` show below it. A refresh that lands while the first page
 * loads (for example the development seed's settings write echoing back) can collapse it again.
 */
export async function expandUntilChildren(page: Page, name: string | RegExp, childLevel: number): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await expandRow(page, name);
    for (let waited = 0; waited < 10_000; waited += 200) {
      if ((await visibleRows(page)).some((r) => r.level === childLevel)) return;
      if ((await treeItem(page, name).getAttribute('aria-expanded')) !== 'true') break;
      await page.waitForTimeout(200);
    }
  }
  throw new Error(`No children appeared under ${String(name)}`);
}

/**
 * Expands a bucket until its records show and its row says how many it holds. The count comes in a
 * refresh just after the first page, and that refresh re-renders the bucket's rows: in the VS Code builds
 * we test, a click or Enter on a row in between runs a command the extension host has already dropped
 * ("Actual command not found"). A user sees the count appear before reaching for a row; so does the test.
 */
export async function expandBucket(page: Page, name: string | RegExp, childLevel: number): Promise<void> {
  await expandUntilChildren(page, name, childLevel);
  await bucketCounted(page, treeItem(page, name));
}

/** Waits until a bucket row's spoken name carries its count ("…, 12 records", "…, 3 of 100+ shown", "…, failed"). */
export async function bucketCounted(page: Page, row: Locator): Promise<string> {
  const counted = /, .*(records?|shown|failed)$/;
  for (let waited = 0; ; waited += 100) {
    const label = (await row.getAttribute('aria-label', { timeout: 10_000 })) ?? '';
    if (counted.test(label)) return label;
    if (waited > 30_000) throw new Error(`the bucket row never showed its count: ${label}`);
    await page.waitForTimeout(100);
  }
}
