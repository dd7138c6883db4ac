// The one way commands are registered: each feature folder hands over a table of command id -> handler
// (commands/index.ts, export/index.ts, offline/index.ts), and extension.ts registers them all here.
import * as vscode from 'vscode';

/** VS Code passes a command whatever its caller gave (a tree node, a Uri, an options object): unchecked. */
export type CommandHandler = (...args: unknown[]) => unknown;

export type CommandTable = Readonly<Record<string, CommandHandler>>;

/** Registers every command of every table; each registration is disposed with the extension. */
export function registerCommands(context: vscode.ExtensionContext, tables: readonly CommandTable[]): void {
  for (const table of tables) {
    for (const [id, handler] of Object.entries(table)) context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}
