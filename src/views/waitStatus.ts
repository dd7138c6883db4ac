// A status bar item while a long wait for Confluence's rate limit is under way: what waits, until when,
// and a click cancels. Short waits (a second or two) stay on the tree node only.
import * as vscode from 'vscode';
import type { ZoneSetting } from '../model/timeZone';
import { waitText } from '../tree/messages';
import type { TreeState } from '../tree/treeState';

/** Waits at least this long are worth the status bar. */
export const LONG_WAIT_MS = 5_000;

export class WaitStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('confluenceAudit.rateLimit', vscode.StatusBarAlignment.Left, 9);
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly tree: Pick<TreeState, 'waits' | 'onDidChangeWaits'>,
    private readonly zone: () => ZoneSetting,
  ) {
    this.item.name = 'Confluence Audit: rate limit';
    this.item.command = { command: 'confluenceAudit.cancelWait', title: 'Cancel' };
    this.subscription = tree.onDidChangeWaits(() => this.update());
  }

  update(now = Date.now()): void {
    const waits = this.tree.waits().filter((w) => w.until - now >= LONG_WAIT_MS);
    if (waits.length === 0) {
      this.item.hide();
      return;
    }
    const last = waits[waits.length - 1];
    const text = waitText(last, this.zone());
    this.item.text = `$(watch) ${text}`;
    this.item.tooltip = `${waits.map((w) => w.label).join('\n')}\n\nClick to cancel: the waiting requests end, each with Retry.`;
    this.item.accessibilityInformation = { label: `Confluence Audit: ${text}. Activate to cancel.` };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
