// "Open Sample Audit Log": opens the audit log shipped with the extension as an offline snapshot, so a first run
// without a Confluence site has records to browse. The file goes through "Open Audit Export…" like any export
// (same reader, progress and errors); the snapshot it made is then replaced by the time-shifted sample.
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { OFFLINE_COMMANDS } from '../offline';
import type { SnapshotRegistry } from '../sources/snapshot/registry';
import { SAMPLE_FILE } from './sampleFile';
import { isSampleSnapshotId, sampleSnapshot } from './sampleSnapshot';

export const OPEN_SAMPLE_COMMAND = 'confluenceAudit.openSample';

export interface SampleDeps {
  extensionUri: vscode.Uri;
  snapshots: SnapshotRegistry;
  log: Logger;
}

export type OpenSampleResult =
  | { ok: true; snapshotId: string; recordCount: number; offsetMs: number }
  | { ok: false; message: string };

export function sampleCommands(deps: SampleDeps): Record<string, () => unknown> {
  return { [OPEN_SAMPLE_COMMAND]: () => openSample(deps) };
}

export async function openSample(deps: SampleDeps): Promise<OpenSampleResult> {
  const file = vscode.Uri.joinPath(deps.extensionUri, ...SAMPLE_FILE);
  const opened = deps.snapshots.get(openedSnapshotId(await vscode.commands.executeCommand<unknown>(OFFLINE_COMMANDS.openExport, file)) ?? '');
  // "Open Audit Export…" has already told the user why the file was not opened.
  if (!opened) return { ok: false, message: `The sample audit log ${file.fsPath} was not opened.` };
  const { snapshot, offsetMs } = sampleSnapshot(opened, Date.now());
  // One sample at a time: an earlier opening is replaced, as is the unshifted snapshot of the file.
  for (const other of deps.snapshots.list()) {
    if (other.id === opened.id || (isSampleSnapshotId(other.id) && other.id !== snapshot.id)) deps.snapshots.remove(other.id);
  }
  deps.snapshots.add(snapshot);
  deps.log.info(`Opened the sample audit log: ${snapshot.recordCount} records, times moved forward ${(offsetMs / 3_600_000).toFixed(1)} hours so that the newest is now.`);
  return { ok: true, snapshotId: snapshot.id, recordCount: snapshot.recordCount, offsetMs };
}

/** The snapshot id in "Open Audit Export…"'s result, checked rather than trusted (it crosses a command). */
function openedSnapshotId(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const { ok, snapshotId } = result as { ok?: unknown; snapshotId?: unknown };
  return ok === true && typeof snapshotId === 'string' ? snapshotId : undefined;
}
