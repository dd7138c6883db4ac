// Registers the export commands. Each accepts a tree node (window or bucket), an options object for
// automation (see args.ts), or nothing (then it prompts); each returns its result for tests.
import * as vscode from 'vscode';
import type { ExportDeps, ExtensionIdentity } from './deps';
import { exportAuditLog } from './exportCommand';
import { exportShownRecords } from './shownCommand';
import { verifyExport } from './verifyCommand';

export type { ExportDeps } from './deps';
export type { ExportResult } from './results';
export type { VerifyResult } from './verifyCommand';

export const EXPORT_COMMANDS = {
  exportCsv: 'confluenceAudit.exportCsv',
  exportZip: 'confluenceAudit.exportZip',
  exportShownRecords: 'confluenceAudit.exportShownRecords',
  verifyExport: 'confluenceAudit.verifyExport',
} as const;

export function registerExportFeatures(context: vscode.ExtensionContext, deps: ExportDeps): void {
  const version = (context.extension.packageJSON as { version?: unknown }).version;
  const identity: ExtensionIdentity = { id: context.extension.id, version: typeof version === 'string' ? version : '0.0.0' };
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPORT_COMMANDS.exportCsv, (arg: unknown) => exportAuditLog(deps, identity, 'csv', arg)),
    vscode.commands.registerCommand(EXPORT_COMMANDS.exportZip, (arg: unknown) => exportAuditLog(deps, identity, 'zip', arg)),
    vscode.commands.registerCommand(EXPORT_COMMANDS.exportShownRecords, (arg: unknown) => exportShownRecords(deps, identity, arg)),
    vscode.commands.registerCommand(EXPORT_COMMANDS.verifyExport, (arg: unknown) => verifyExport(deps, arg)),
  );
}
