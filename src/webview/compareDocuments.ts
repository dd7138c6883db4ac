// Read-only virtual documents for comparing a long changed value (old vs new) in VS Code's diff editor.
// A virtual scheme has no save, and the text is shown by the editor as text, never interpreted.
import * as vscode from 'vscode';

export const COMPARE_SCHEME = 'confluence-audit-compare';
/** Pairs kept for reopened diff tabs; bounded so a long review session does not grow without limit. */
const MAX_KEPT = 100;

export class CompareDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This value is no longer in memory. Open the record again and use Compare.\n';
  }

  private uriFor(side: 'old' | 'new', id: number, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${side}-value.txt`, query: String(id) });
    this.texts.set(uri.toString(), text);
    while (this.texts.size > MAX_KEPT * 2) {
      const oldest = this.texts.keys().next().value;
      if (oldest === undefined) break;
      this.texts.delete(oldest);
    }
    return uri;
  }

  async open(oldText: string, newText: string, title: string): Promise<void> {
    this.counter += 1;
    const left = this.uriFor('old', this.counter, oldText);
    const right = this.uriFor('new', this.counter, newText);
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }
}
