// "Open Audit Export…": loads audit files into the tree as an offline snapshot, browsed like a site without
// any connection: CSV exports (ours, Data Center's, any whose columns are recognised or chosen), JSON Lines,
// saved API answers, Data Center audit log files, ZIPs of these; several files at once merge into one
// snapshot. When an export's manifest is next to it, the snapshot takes its site, window and export time, and
// the file is checked against the manifest's SHA-256.
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Logger } from '../log';
import { snapshotId } from '../sources/snapshot/ids';
import type { SnapshotRegistry } from '../sources/snapshot/registry';
import type { Snapshot } from '../sources/snapshot/snapshotSource';
import { ExportFileError } from '../exportFile/read/csvRows';
import { loadExportFiles, type LoadedFile, type LoadLimits } from './core/loadExport';
import type { RecordTable } from './core/recordTable';
import type { ColumnMapping } from './core/formats/csvColumns';
import { columnChooser } from './columnChoice';
import { OFFLINE_DEFAULT_PAGE_SIZE, TablePager } from './core/tablePager';
import type { ExportManifest } from '../exportFile/manifest';
import { resolveTarget } from '../workspaceFiles/exportFolder';
import { uriFromArg, withLocalFile } from '../workspaceFiles/localCopy';
import { readManifestOf } from '../workspaceFiles/manifestFile';

export interface OfflineDeps {
  snapshots: SnapshotRegistry;
  log: Logger;
  /** Where the columns chosen for unknown CSV headers are remembered. */
  state: vscode.Memento;
}

export type OpenResult =
  | { ok: true; snapshotId: string; recordCount: number; matchesManifest: boolean | undefined }
  | { ok: false; kind: 'cancelled' | 'malformed' | 'unreadable'; message: string; line?: number };

interface OpenArgs {
  uris: vscode.Uri[];
  signal?: AbortSignal;
  limits?: Partial<LoadLimits>;
  /** The columns of an unknown CSV header, for callers that cannot answer a quick pick (tests, automation). */
  columns?: ColumnMapping;
}

/** A file (Uri, URI string, absolute path, or `{file}`), several (`[…]` or `{files: […]}`), with options. */
function openArgs(arg: unknown, selected?: unknown): OpenArgs | undefined {
  // The Explorer passes the clicked file and every selected one.
  if (Array.isArray(selected) && selected.length > 1) return openArgs(selected);
  const list = Array.isArray(arg) ? arg : typeof arg === 'object' && arg !== null && Array.isArray((arg as { files?: unknown }).files) ? (arg as { files: unknown[] }).files : [arg];
  const uris = list.map((a) => uriFromArg(a));
  if (uris.length === 0 || uris.some((u) => u === undefined)) return undefined;
  const options = typeof arg === 'object' && arg !== null && !Array.isArray(arg) && !(arg instanceof vscode.Uri) ? (arg as Record<string, unknown>) : {};
  const signal = isAbortSignal(options.signal) ? options.signal : undefined;
  const limits = typeof options.limits === 'object' && options.limits !== null ? (options.limits as Partial<LoadLimits>) : undefined;
  const columns = typeof options.columns === 'object' && options.columns !== null ? (options.columns as ColumnMapping) : undefined;
  return { uris: uris.filter((u): u is vscode.Uri => u !== undefined), signal, limits, columns };
}

function isAbortSignal(v: unknown): v is AbortSignal {
  return typeof v === 'object' && v !== null && typeof (v as { aborted?: unknown }).aborted === 'boolean' && typeof (v as { addEventListener?: unknown }).addEventListener === 'function';
}

export async function openAuditExport(deps: OfflineDeps, arg: unknown, selected?: unknown): Promise<OpenResult> {
  const args = openArgs(arg, selected) ?? (await askForFiles());
  if (!args) return { ok: false, kind: 'cancelled', message: 'No file was chosen.' };
  const names = args.uris.map((u) => path.posix.basename(u.path));
  const name = names.length === 1 ? names[0] : `${names[0]} and ${names.length - 1} more`;
  const abort = new AbortController();
  if (args.signal?.aborted) abort.abort();
  args.signal?.addEventListener('abort', () => abort.abort(), { once: true });
  let loaded: { table: RecordTable; files: LoadedFile[] };
  try {
    loaded = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Opening ${name}`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return withLocalFiles(args.uris, (locals) =>
          loadExportFiles(locals, {
            signal: abort.signal,
            limits: args.limits,
            chooseColumns: columnChooser(deps.state, name, args.columns),
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
    deps.log.warn(`Open ${args.uris.map((u) => u.toString()).join(', ')}: ${result.message}`);
    return result;
  }
  // One file may have its manifest next to it (our own exports); several files are a merged view of their own.
  const [single] = loaded.files;
  const manifest = args.uris.length === 1 && single ? await readManifest(args.uris[0], names[0], deps.log) : undefined;
  const matchesManifest = manifest && single ? manifest.sha256 === single.sha256 && manifest.bytes === single.bytes : undefined;
  const snapshot = toSnapshot(args.uris, name, loaded.table, manifest, matchesManifest);
  deps.snapshots.add(snapshot);
  deps.log.info(`Opened ${args.uris.map((u) => u.toString()).join(', ')} as a snapshot: ${snapshot.recordCount} records${manifest ? `, manifest ${matchesManifest ? 'matches' : 'does NOT match'}` : ', no manifest'}`);
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
  try {
    return await readManifestOf(uri);
  } catch (e) {
    log.warn(`The manifest next to ${name} was ignored: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** Local copies of every file (files from a virtual file system are copied first). */
function withLocalFiles<T>(uris: readonly vscode.Uri[], use: (localPaths: string[]) => Promise<T>, done: string[] = []): Promise<T> {
  if (done.length === uris.length) return use(done);
  return withLocalFile(uris[done.length], (local) => withLocalFiles(uris, use, [...done, local]));
}

function toSnapshot(uris: readonly vscode.Uri[], name: string, table: RecordTable, manifest: ExportManifest | undefined, matches: boolean | undefined): Snapshot {
  const span = table.span();
  const asked = manifest ? { start: manifest.query.start.epochMs, end: manifest.query.end.epochMs } : undefined;
  // The manifest's window, widened to the records' span so that no record of the file is ever hidden.
  const spans = [asked, span].filter((r): r is { start: number; end: number } => r !== undefined);
  const now = Date.now();
  const range = spans.length === 0 ? { start: now, end: now } : { start: Math.min(...spans.map((r) => r.start)), end: Math.max(...spans.map((r) => r.end)) };
  const base = manifest ? `${manifest.site.label} · ${name}` : name;
  return {
    id: snapshotId(createHash('sha256').update(uris.map((u) => u.toString()).join('\n')).digest('hex').slice(0, 16)),
    label: matches === false ? `${base} (modified since export)` : base,
    file: uris.map((uri) => (uri.scheme === 'file' ? uri.fsPath : uri.toString())).join(', '),
    exportedAt: manifest?.exportedAt.epochMs,
    range,
    recordCount: table.size,
    source: { pager: (query, options) => new TablePager(table, query, options?.pageSize ?? OFFLINE_DEFAULT_PAGE_SIZE) },
  };
}

async function askForFiles(): Promise<OpenArgs | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const picked = await vscode.window.showOpenDialog({
    title: 'Open Audit Export (several audit log files merge into one snapshot)',
    openLabel: 'Open as Snapshot',
    canSelectMany: true,
    defaultUri: folder ? defaultFolder(folder) : undefined,
    // The format is recognised from the content; the filter only helps find the files.
    filters: { 'Audit exports and logs': ['csv', 'zip', 'jsonl', 'json', 'log'], 'All files': ['*'] },
  });
  return picked && picked.length > 0 ? { uris: picked } : undefined;
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
