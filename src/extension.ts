// Composition root: builds the pieces and registers them. No network here: requests start only when
// the user expands a bucket or runs a command.
import * as vscode from 'vscode';
import { addSite } from './commands/addSite';
import { addFilter } from './commands/filterCommands';
import { removeSite, signIn, signOut, testConnection } from './commands/siteCommands';
import { cancelWait, editRetention, loadMore, openRecord, refreshAll, refreshNode, retry, revealWindow } from './commands/treeCommands';
import { addTimeWindow, clearSearch, removeTimeWindow, setSearch, type WindowCommandDeps } from './commands/windowCommands';
import { seedDevelopmentSite } from './devSeed';
import { registerExportFeatures } from './export';
import { createLogger } from './log';
import { registerOfflineFeatures } from './offline';
import { registerSampleFeatures } from './sample/openSample';
import { affectsTreeDisplay, autoRefreshMinutes, treeSettings, zoneSetting } from './settings';
import { SiteSessions } from './sites/siteSessions';
import { SiteStore } from './sites/siteStore';
import { TokenStore } from './sites/tokenStore';
import { AuditTreeProvider } from './views/auditTreeProvider';
import { AutoRefresh } from './views/autoRefresh';
import { ExpansionMemory } from './views/expansionMemory';
import { FilterState } from './views/filterState';
import type { AuditNode, WindowNode } from './views/nodes';
import { RECORD_SCHEME, RecordDocuments } from './views/recordDocuments';
import { SnapshotRegistry } from './views/snapshots';
import { AuditStatusBar } from './views/statusBar';
import { WaitStatus } from './views/waitStatus';
import { WindowStore } from './views/windowStore';
import { trackBucketBrowsing, trackPanelsOpened } from './walkthrough/progress';
import { registerWebviews, type WebviewsApi } from './webview';

/** What activate() returns: the live pieces, for automation and the integration tests. */
export interface ConfluenceAuditApi {
  readonly sessions: SiteSessions;
  readonly tree: AuditTreeProvider;
  readonly view: vscode.TreeView<AuditNode>;
  readonly filters: FilterState;
  readonly snapshots: SnapshotRegistry;
  readonly autoRefresh: AutoRefresh;
  readonly webviews: WebviewsApi;
  /** Where VS Code keeps this extension's state and logs (tests search them for secrets). */
  readonly storage: { globalStorage: string; logs: string };
}

export function activate(context: vscode.ExtensionContext): ConfluenceAuditApi {
  const channel = vscode.window.createOutputChannel('Confluence Audit', { log: true });
  const log = createLogger(channel);
  const sessions = new SiteSessions(new SiteStore(), new TokenStore(context.secrets), log);
  const windows = new WindowStore(context.globalState);
  const filters = new FilterState(context.workspaceState);
  const snapshots = new SnapshotRegistry();
  const expansion = new ExpansionMemory(context.workspaceState);
  const tree = new AuditTreeProvider(sessions, windows, filters, snapshots, treeSettings, log, Date.now, expansion);
  const view = vscode.window.createTreeView('confluenceAudit.auditLog', { treeDataProvider: tree, showCollapseAll: true });
  const autoRefresh = new AutoRefresh(tree, view, autoRefreshMinutes);
  const documents = new RecordDocuments();
  const windowDeps: WindowCommandDeps = { sessions, windows, tree, zone: zoneSetting };
  const webviews = trackPanelsOpened(registerWebviews(context, {
    sessions,
    documents,
    log,
    zone: zoneSetting,
    revealWindow: (siteId, windowId) => revealWindow(view, tree, siteId, windowId),
  }));

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.hasSites', sessions.sites().length > 0);
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.ready', true);
    view.description = filters.describe() || undefined;
  };

  const register = (id: string, handler: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  };
  register('confluenceAudit.addSite', (args) => addSite(sessions, log, args));
  register('confluenceAudit.removeSite', (site, confirmed) => removeSite(sessions, windows, log, site, confirmed));
  register('confluenceAudit.signIn', (site, args) => signIn(sessions, log, site, args));
  register('confluenceAudit.signOut', (site, confirmed) => signOut(sessions, log, site, confirmed));
  register('confluenceAudit.testConnection', (site) => testConnection(sessions, site));
  register('confluenceAudit.refresh', () => refreshAll(tree, autoRefresh));
  register('confluenceAudit.refreshNode', (node) => refreshNode(tree, node));
  register('confluenceAudit.addTimeWindow', (site, spec) => addTimeWindow(windowDeps, site, spec));
  register('confluenceAudit.removeTimeWindow', (node) => removeTimeWindow(windowDeps, node as WindowNode));
  register('confluenceAudit.setSearch', (node, search) => setSearch(windowDeps, node as WindowNode, search));
  register('confluenceAudit.clearSearch', (node) => clearSearch(windowDeps, node as WindowNode));
  register('confluenceAudit.addFilter', (kind, value, label) => addFilter(filters, tree, kind, value, label));
  register('confluenceAudit.clearFilters', () => filters.clear());
  register('confluenceAudit.loadMore', (node) => loadMore(tree, node));
  register('confluenceAudit.retry', (node) => retry(tree, node));
  register('confluenceAudit.cancelWait', (node) => cancelWait(tree, node));
  register('confluenceAudit.openRecord', (node) => openRecord(sessions, webviews, node));
  register('confluenceAudit.editRetention', (site) => editRetention(sessions, webviews, site));
  register('confluenceAudit.showLog', () => log.show());
  registerExportFeatures(context, { sessions, tree, filters, snapshots, zone: zoneSetting, log });
  registerOfflineFeatures(context, { snapshots, log, state: context.globalState });
  registerSampleFeatures(context, { extensionUri: context.extensionUri, snapshots, log });

  context.subscriptions.push(
    channel,
    sessions,
    sessions.store,
    sessions.tokens,
    filters,
    snapshots,
    tree,
    view,
    autoRefresh,
    trackBucketBrowsing(view),
    view.onDidExpandElement((e) => expansion.set(e.element.id, true)),
    view.onDidCollapseElement((e) => expansion.set(e.element.id, false)),
    new AuditStatusBar(sessions, zoneSetting),
    new WaitStatus(tree, zoneSetting),
    vscode.workspace.registerTextDocumentContentProvider(RECORD_SCHEME, documents),
    sessions.onDidChange(updateContext),
    filters.onDidChange(updateContext),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsTreeDisplay(e)) tree.refresh();
    }),
  );
  updateContext();
  void seedDevelopmentSite(context, sessions, log).then(updateContext);
  return {
    sessions,
    tree,
    view,
    filters,
    snapshots,
    autoRefresh,
    webviews,
    storage: { globalStorage: context.globalStorageUri.fsPath, logs: context.logUri.fsPath },
  };
}

export function deactivate(): void {
  // Everything is registered on context.subscriptions and disposed by VS Code.
}
