// Marks walkthrough steps done (package.json: completionEvents) with context keys, for what no command event
// tells VS Code: expanding a bucket runs no command, and a click on a record runs its command through VS Code's
// internal delegation (a tree item's command has arguments), so "onCommand:confluenceAudit.openRecord" never fires.
import * as vscode from 'vscode';
import type { AuditNode } from '../tree/nodes';
import type { WebviewsApi } from '../webview';

/** Runs `mark` the first time only: a context key set once stays set for the session. */
function once(mark: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    mark();
  };
}

/** "Browse time windows and buckets": done when a bucket is expanded. */
export function trackBucketBrowsing(view: vscode.TreeView<AuditNode>): vscode.Disposable {
  const browsed = once(() => void vscode.commands.executeCommand('setContext', 'confluenceAudit.walkthrough.bucketExpanded', true));
  return view.onDidExpandElement(({ element }) => {
    if (element.kind === 'bucket') browsed();
  });
}

/** "Open a record" and "Edit the retention safely": done when the record detail or the retention editor opens. */
export function trackPanelsOpened(webviews: WebviewsApi): WebviewsApi {
  const recordOpened = once(() => void vscode.commands.executeCommand('setContext', 'confluenceAudit.walkthrough.recordOpened', true));
  const retentionOpened = once(() => void vscode.commands.executeCommand('setContext', 'confluenceAudit.walkthrough.retentionOpened', true));
  return {
    ...webviews,
    showRecord: (record, site) => {
      webviews.showRecord(record, site);
      recordOpened();
    },
    showRetention: (site) => {
      webviews.showRetention(site);
      retentionOpened();
    },
  };
}
