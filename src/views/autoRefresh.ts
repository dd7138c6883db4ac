// Optional auto-refresh: every N minutes relative windows move to "now"; records that arrived since are
// marked new and counted on the view's badge until the user refreshes.
import * as vscode from 'vscode';
import type { TreeState } from '../tree/treeState';

export class AutoRefresh implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly tree: Pick<TreeState, 'autoRefresh' | 'countNew' | 'onDidLoad'>,
    private readonly view: vscode.TreeView<unknown>,
    private readonly minutes: () => number,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('confluenceAudit.autoRefreshMinutes')) this.schedule();
      }),
      tree.onDidLoad(() => this.updateBadge()),
    );
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const minutes = this.minutes();
    if (minutes > 0) this.timer = setInterval(() => this.tick(), minutes * 60_000);
  }

  /** Also callable from a command or a test, independent of the interval. */
  tick(): void {
    // Only refresh what the user can see: a hidden view costs no requests.
    if (this.view.visible) this.tree.autoRefresh();
  }

  updateBadge(): void {
    const count = this.tree.countNew();
    this.view.badge = count > 0 ? { value: count, tooltip: `${count} new audit record${count === 1 ? '' : 's'} since your last refresh` } : undefined;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
