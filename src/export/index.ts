// The export commands, as a table for commands/registry.ts. Each accepts a tree node (window or bucket), an
// options object for automation (see args.ts), or nothing (then it prompts); each returns its result for tests.
import type * as vscode from 'vscode';
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

/** `extension`: this extension, whose id and version every manifest records. */
export function exportCommands(extension: vscode.Extension<unknown>, deps: ExportDeps): Record<string, (arg: unknown) => unknown> {
  const version = (extension.packageJSON as { version?: unknown }).version;
  const identity: ExtensionIdentity = { id: extension.id, version: typeof version === 'string' ? version : '0.0.0' };
  return {
    [EXPORT_COMMANDS.exportCsv]: (arg) => exportAuditLog(deps, identity, 'csv', arg),
    [EXPORT_COMMANDS.exportZip]: (arg) => exportAuditLog(deps, identity, 'zip', arg),
    [EXPORT_COMMANDS.exportShownRecords]: (arg) => exportShownRecords(deps, identity, arg),
    [EXPORT_COMMANDS.verifyExport]: (arg) => verifyExport(deps, arg),
  };
}
