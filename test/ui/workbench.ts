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
  await page.locator('.activitybar').getByRole('tab', { name: /Confluence Audit/ }).first().click();
  await auditView(page).first().waitFor({ timeout: 60_000 });
}

/** Visible tree rows of the Audit Log view with their nesting level, top to bottom. */
export async function visibleRows(page: Page): Promise<{ level: number; label: string }[]> {
  const rows = auditView(page).getByRole('treeitem');
  const count = await rows.count();
  const out: { level: number; label: string }[] = [];
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    out.push({ level: Number(await row.getAttribute('aria-level')), label: (await row.getAttribute('aria-label')) ?? '' });
  }
  return out;
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
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
