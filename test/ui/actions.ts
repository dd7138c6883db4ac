// Playwright helpers for what a user does and sees beyond the tree: quick picks, input boxes,
// notifications, modal dialogs, context menus, inline row actions, the status bar and the view title.
import type { Locator, Page } from 'playwright-core';
import { auditView, treeItem, visibleRows } from './workbench';

/** Picks the quick-pick row holding `text` (waits for it). */
export async function pick(page: Page, text: string | RegExp): Promise<void> {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

/** The labels of the rows a quick pick offers. */
export async function pickRows(page: Page): Promise<string[]> {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 30_000 });
  return rows.allTextContents();
}

/** Types into the open input box (or quick pick filter) and accepts with Enter. */
export async function answer(page: Page, value: string, title?: string | RegExp): Promise<void> {
  if (title) await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).first().waitFor({ timeout: 30_000 });
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ timeout: 30_000 });
  await input.fill(value);
  // VS Code's own file dialog completes and rewrites what is typed as it reads folders: accept only once
  // the box holds the answer.
  for (let attempt = 0; attempt < 5 && (await input.inputValue()) !== value; attempt++) {
    await page.waitForTimeout(300);
    await input.fill(value);
  }
  await page.keyboard.press('Enter');
}

/**
 * Answers VS Code's own file dialog (code-server has no native one) with a path. The dialog lists the default
 * folder as it finishes loading and may then rewrite what was typed: wait for the listing, type, accept once
 * the box has held the path for a moment, and type again if the dialog is still open after Enter.
 */
export async function answerFileDialog(page: Page, file: string, title: string | RegExp): Promise<void> {
  const widget = page.locator('.quick-input-widget').filter({ has: page.locator('.quick-input-title', { hasText: title }) }).first();
  await widget.waitFor({ timeout: 30_000 });
  await widget.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  const input = widget.locator('input').first();
  for (let attempt = 1; ; attempt++) {
    for (let steady = 0; steady < 2; ) {
      if ((await input.inputValue()) === file) {
        steady++;
      } else {
        steady = 0;
        await input.fill(file);
      }
      await page.waitForTimeout(250);
    }
    await page.keyboard.press('Enter');
    try {
      await widget.waitFor({ state: 'hidden', timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw new Error(`${String(error)}\nthe file dialog stayed open; it holds: ${await input.inputValue().catch(() => '?')}`);
    }
  }
}

/** Waits for a notification toast with this text and returns it. */
export async function notification(page: Page, text: string | RegExp, timeout = 60_000): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  try {
    await toast.waitFor({ timeout: timeout / 2 });
    return toast;
  } catch {
    // VS Code shows only a few toasts at once and hides others after a while (a warning raised meanwhile,
    // such as the formula-cells one after an export, can push ours out): the notification center keeps them all.
    const bell = page.locator('.part.statusbar .statusbar-item:has(.codicon-bell), .part.statusbar .statusbar-item:has(.codicon-bell-dot)').last();
    await bell.click();
    const listed = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    try {
      await listed.waitFor({ timeout: timeout / 2 });
    } catch (error) {
      // Say what was shown instead: a wrong message is a different failure from no message.
      const shown = await page.locator('.notifications-center .notification-list-item-message').allTextContents().catch(() => []);
      throw new Error(`${String(error)}\nnotifications shown: ${shown.join(' | ') || '(none)'}`);
    } finally {
      await bell.click();
      await page.locator('.notifications-center.visible').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    }
    return listed;
  }
}

/** Closes every notification toast, so the next check sees only new ones. */
export async function clearNotifications(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const close = page.locator('.notifications-toasts .codicon-notifications-clear').first();
    if ((await close.count()) === 0) return;
    await close.click({ timeout: 2000 }).catch(() => undefined);
  }
}

/** Waits for a modal dialog with this message, returns its text, and presses the button named `button`. */
export async function dialog(page: Page, message: string | RegExp, button: string): Promise<string> {
  const box = page.locator('.monaco-dialog-box', { hasText: message }).first();
  await box.waitFor({ timeout: 30_000 });
  const text = (await box.textContent()) ?? '';
  await box.getByRole('button', { name: button, exact: true }).click();
  await box.waitFor({ state: 'detached', timeout: 30_000 });
  return text;
}

/** Right-clicks a tree row and runs the context-menu entry named `action`. */
export async function contextMenu(page: Page, row: string | RegExp, action: string | RegExp): Promise<void> {
  await treeItem(page, row).click({ button: 'right' });
  const entry = page.locator('.monaco-menu .action-item', { hasText: action }).first();
  await entry.waitFor({ timeout: 30_000 });
  await entry.hover();
  await entry.click();
  await page.locator('.monaco-menu').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

/** The entries of a tree row's context menu, as shown (the menu is closed again). */
export async function contextMenuEntries(page: Page, row: string | RegExp): Promise<string[]> {
  await treeItem(page, row).click({ button: 'right' });
  const entries = page.locator('.monaco-menu .action-item .action-label');
  await entries.first().waitFor({ timeout: 30_000 });
  const labels = (await entries.allTextContents()).map((l) => l.trim()).filter((l) => l !== '');
  await page.keyboard.press('Escape');
  await page.locator('.monaco-menu').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  return labels;
}

/** Hovers a tree row and clicks its inline action (the icons on the right) labelled `action`. */
export async function inlineAction(page: Page, row: string | RegExp, action: string | RegExp): Promise<void> {
  const item = treeItem(page, row);
  await item.hover();
  await item.getByRole('button', { name: action }).first().click();
}

/** Waits until the view's title area shows `text`, returns its text. */
export async function viewTitleShows(page: Page, text: string | RegExp): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const all = (await page.locator('.part.sidebar').first().locator('.title, .pane-header').allTextContents()).join(' | ');
    if (typeof text === 'string' ? all.includes(text) : text.test(all)) return all;
    if (Date.now() > deadline) throw new Error(`The view title never showed ${String(text)}: ${all}`);
    await page.waitForTimeout(200);
  }
}

/** The status bar entry with this text. */
export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
}

/** Waits until a tree row matching `name` shows; fails with the rows seen. */
export async function rowShows(page: Page, name: string | RegExp, timeout = 60_000): Promise<void> {
  await treeItem(page, name).waitFor({ timeout }).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\nrows: ${(await visibleRows(page)).map((r) => `${r.level}:${r.label.split('\n')[0]}`).join(' | ')}`);
  });
}

/** Waits until no tree row matches `name`. */
export async function rowGone(page: Page, name: string | RegExp): Promise<void> {
  await auditView(page).getByRole('treeitem', { name }).first().waitFor({ state: 'detached', timeout: 30_000 });
}
