// "Open Audit Export…": loads a CSV export (or the CSV inside a ZIP export) into the tree as an offline
// snapshot, browsed like a site without any connection. When the export's manifest is next to it, the
// snapshot takes its site, window and export time, and the file is checked against the manifest's SHA-256.
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Logger } from '../log';
import type { Snapshot, SnapshotRegistry } from '../views/snapshots';
import { ExportFileError } from './core/csvRows';
import { loadExport, type LoadedExport, type LoadLimits } from './core/loadExport';
import { OFFLINE_DEFAULT_PAGE_SIZE, TablePager } from './core/tablePager';
import { readTextIfExists, uriFromArg, withLocalFile } from './localCopy';
import { parseManifest, type ExportManifest } from '../export/core/manifest';
import { manifestNameFor } from '../export/core/naming';
import { resolveTarget } from '../export/target';

export interface OfflineDeps {
  snapshots: SnapshotRegistry;
  log: Logger;
}

export type OpenResult =
  | { ok: true; snapshotId: string; recordCount: number; matchesManifest: boolean | undefined }
  | { ok: false; kind: 'cancelled' | 'malformed' | 'unreadable'; message: string; line?: number };

interface OpenArgs {
  uri: vscode.Uri;
  signal?: AbortSignal;
  limits?: Partial<LoadLimits>;
}

function openArgs(arg: unknown): OpenArgs | undefined {
  const uri = uriFromArg(arg);
  if (!uri) return undefined;
  const options = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as Record<string, unknown>) : {};
  const signal = isAbortSignal(options.signal) ? options.signal : undefined;
  const limits = typeof options.limits === 'object' && options.limits !== null ? (options.limits as Partial<LoadLimits>) : undefined;
  return { uri, signal, limits };
}

function isAbortSignal(v: unknown): v is AbortSignal {
  return typeof v === 'object' && v !== null && typeof (v as { aborted?: unknown }).aborted === 'boolean' && typeof (v as { addEventListener?: unknown }).addEventListener === 'function';
}

export async function openAuditExport(deps: OfflineDeps, arg: unknown): Promise<OpenResult> {
  const args = openArgs(arg) ?? (await askForFile());
  if (!args) return { ok: false, kind: 'cancelled', message: 'No file was chosen.' };
  const name = path.posix.basename(args.uri.path);
  const abort = new AbortController();
  if (args.signal?.aborted) abort.abort();
  args.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  let loaded: LoadedExport;
  try {
    loaded = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Opening ${name}`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return withLocalFile(args.uri, (local) =>
          loadExport(local, {
            signal: abort.signal,
            limits: args.limits,
            onProgress: (done, total) => {
              const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
              if (percent > reported) {
                progress.report({ increment: percent - reported, message: `${percent}%` });
                reported = percent;
              }
            },
          }),
        );
      },
    );
  } catch (e) {
    const result = failure(e, abort.signal, name);
    if (result.kind !== 'cancelled') void vscode.window.showErrorMessage(result.message);
    deps.log.warn(`Open ${args.uri.toString()}: ${result.message}`);
    return result;
  }
  const manifest = await readManifest(args.uri, name, deps.log);
  const matchesManifest = manifest ? manifest.sha256 === loaded.sha256 && manifest.bytes === loaded.bytes : undefined;
  const snapshot = toSnapshot(args.uri, name, loaded, manifest, matchesManifest);
  deps.snapshots.add(snapshot);
  deps.log.info(`Opened ${args.uri.toString()} as a snapshot: ${snapshot.recordCount} records${manifest ? `, manifest ${matchesManifest ? 'matches' : 'does NOT match'}` : ', no manifest'}`);
  if (matchesManifest === false) {
    void vscode.window.showWarningMessage(`${name} does not match its manifest (SHA-256 or size differ): the file changed after it was exported. It is shown, marked as modified.`);
  }
  void vscode.commands.executeCommand('confluenceAudit.auditLog.focus').then(undefined, () => undefined);
  return { ok: true, snapshotId: snapshot.id, recordCount: snapshot.recordCount, matchesManifest };
}

function failure(e: unknown, signal: AbortSignal, name: string): OpenResult & { ok: false } {
  if (signal.aborted) return { ok: false, kind: 'cancelled', message: `Opening ${name} was cancelled.` };
  if (e instanceof ExportFileError) return { ok: false, kind: 'malformed', message: `${name} was not opened: ${e.message}`, line: e.line };
  const detail = e instanceof Error ? e.message : String(e);
  return { ok: false, kind: 'unreadable', message: `${name} could not be read: ${detail}` };
}

async function readManifest(uri: vscode.Uri, name: string, log: Logger): Promise<ExportManifest | undefined> {
  const manifestUri = uri.with({ path: `${uri.path.slice(0, uri.path.length - name.length)}${manifestNameFor(name)}` });
  try {
    const text = await readTextIfExists(manifestUri);
    return text === undefined ? undefined : parseManifest(text);
  } catch (e) {
    log.warn(`The manifest next to ${name} was ignored: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

function toSnapshot(uri: vscode.Uri, name: string, loaded: LoadedExport, manifest: ExportManifest | undefined, matches: boolean | undefined): Snapshot {
  const { table } = loaded;
  const span = table.span();
  const asked = manifest ? { start: manifest.query.start.epochMs, end: manifest.query.end.epochMs } : undefined;
  // The manifest's window, widened to the records' span so that no record of the file is ever hidden.
  const spans = [asked, span].filter((r): r is { start: number; end: number } => r !== undefined);
  const now = Date.now();
  const range = spans.length === 0 ? { start: now, end: now } : { start: Math.min(...spans.map((r) => r.start)), end: Math.max(...spans.map((r) => r.end)) };
  const base = manifest ? `${manifest.site.label} · ${name}` : name;
  return {
    id: `snapshot:${createHash('sha256').update(uri.toString()).digest('hex').slice(0, 16)}`,
    label: matches === false ? `${base} (modified since export)` : base,
    file: uri.scheme === 'file' ? uri.fsPath : uri.toString(),
    exportedAt: manifest?.exportedAt.epochMs,
    range,
    recordCount: table.size,
    source: { pager: (query, options) => new TablePager(table, query, options?.pageSize ?? OFFLINE_DEFAULT_PAGE_SIZE) },
  };
}

async function askForFile(): Promise<OpenArgs | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const picked = await vscode.window.showOpenDialog({
    title: 'Open Audit Export',
    openLabel: 'Open as Snapshot',
    canSelectMany: false,
    defaultUri: folder ? defaultFolder(folder) : undefined,
    filters: { 'Audit log exports': ['csv', 'zip', 'jsonl'] },
  });
  return picked?.[0] ? { uri: picked[0] } : undefined;
}

function defaultFolder(folder: vscode.WorkspaceFolder): vscode.Uri {
  try {
    return resolveTarget(folder).folder;
  } catch {
    return folder.uri;
  }
}

/** "Close Snapshot": removes an offline snapshot from the tree (the file stays). */
export async function closeSnapshot(deps: OfflineDeps, arg: unknown): Promise<boolean> {
  let id: string | undefined;
  if (typeof arg === 'string') id = arg;
  else if (typeof arg === 'object' && arg !== null && typeof (arg as { siteId?: unknown }).siteId === 'string') id = (arg as { siteId: string }).siteId;
  if (!id) {
    const items = deps.snapshots.list().map((s) => ({ label: s.label, description: `${s.recordCount} records`, detail: s.file, id: s.id }));
    if (items.length === 0) return false;
    id = (await vscode.window.showQuickPick(items, { title: 'Close Snapshot', ignoreFocusOut: true }))?.id;
  }
  if (!id || !deps.snapshots.get(id)) return false;
  deps.snapshots.remove(id);
  return true;
}
