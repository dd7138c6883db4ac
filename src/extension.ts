// Composition root: builds the pieces and registers them. No network here.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Confluence Audit', { log: true });
  context.subscriptions.push(log);
  log.info('Confluence Audit activated');
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
