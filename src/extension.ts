// Composition root: builds the pieces and registers them. No network here: requests start only when
// the user expands a bucket or runs a command.
import * as vscode from 'vscode';
import { coreCommands } from './commands';
import { orgCommands } from './commands/orgTable';
import { registerCommands } from './commands/registry';
import { addRangeWindow } from './commands/timelineCommands';
import { revealWindow } from './commands/treeCommands';
import { seedDevelopmentSite } from './devSeed';
import { exportCommands } from './export';
import { createLogger } from './log';
import { offlineCommands, trackSnapshotContext } from './offline';
import { sampleCommands } from './sample/openSample';
import { affectsTreeDisplay, autoRefreshMinutes, treeSettings, zoneSetting } from './settings';
import { OrgSessions } from './sites/orgSessions';
import { OrgStore } from './sites/orgStore';
import { SiteSessions } from './sites/siteSessions';
import { SiteStore } from './sites/siteStore';
import { ORG_KEY_PREFIX, TokenStore } from './sites/tokenStore';
import { CloudSources } from './sources/cloud/cloudSources';
import { DcSources, isDataCenterSite } from './sources/dc/dcSources';
import { SourceDirectory } from './sources/directory';
import { OrgSources } from './sources/org/orgSources';
import { SnapshotRegistry } from './sources/snapshot/registry';
import { FilterState } from './tree/filters';
import type { AuditNode } from './tree/nodes';
import { QueryHistory } from './tree/queryHistory';
import { SavedQueryStore } from './tree/savedQueries';
import { TreeState } from './tree/treeState';
import { WindowStore } from './tree/windowStore';
import { AUDIT_VIEW_ID, AuditTreeProvider, viewProgress } from './views/auditTreeProvider';
import { AutoRefresh } from './views/autoRefresh';
import { ExpansionMemory } from './views/expansionMemory';
import { RECORD_SCHEME, RecordDocuments } from './views/recordDocuments';
import { AuditStatusBar } from './views/statusBar';
import { WaitStatus } from './views/waitStatus';
import { trackBucketBrowsing, trackPanelsOpened } from './walkthrough/progress';
import { registerWebviews, type WebviewsApi } from './webview';

/** What activate() returns: the live pieces, for automation and the integration tests. */
export interface ConfluenceAuditApi {
  readonly sessions: SiteSessions;
  /** The configured Atlassian organizations and their API keys' state. */
  readonly orgs: OrgSessions;
  readonly tree: AuditTreeProvider;
  /** What the tree lists and has loaded (windows, pages, waits, new records), without VS Code. */
  readonly state: TreeState;
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
  const savedQueries = new SavedQueryStore(context.globalState);
  const snapshots = new SnapshotRegistry((file) => vscode.Uri.file(file).toString());
  const orgs = new OrgSessions(new OrgStore(), new TokenStore(context.secrets, ORG_KEY_PREFIX), log, () => sessions.getDispatcher());
  const sources = new SourceDirectory([new CloudSources(sessions, log.sink, (site) => !isDataCenterSite(site)), new DcSources(sessions, log.sink), new OrgSources(orgs, log.sink), snapshots]);
  const state = new TreeState({ sources, windows, savedQueries, filters, settings: treeSettings, log: log.sink, progress: viewProgress });
  const expansion = new ExpansionMemory(context.workspaceState);
  const tree = new AuditTreeProvider(state, zoneSetting, expansion);
  const view = vscode.window.createTreeView(AUDIT_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const autoRefresh = new AutoRefresh(state, view, autoRefreshMinutes);
  const documents = new RecordDocuments();
  const webviews = trackPanelsOpened(registerWebviews(context, {
    sessions,
    documents,
    log,
    zone: zoneSetting,
    revealWindow: (siteId, windowId) => revealWindow(view, state, siteId, windowId),
    timeline: {
      tree: state,
      revealBucket: async (bucket) => view.reveal(bucket, { expand: true, select: true, focus: true }),
      createWindow: (sourceId, spec) =>
        addRangeWindow({ windows, tree: state, zone: zoneSetting, reveal: (s, w) => revealWindow(view, state, s, w) }, sourceId, spec),
    },
  }));

  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.hasSites', sessions.sites().length > 0);
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.hasOrganizations', orgs.orgs().length > 0);
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.ready', true);
    void vscode.commands.executeCommand('setContext', 'confluenceAudit.hasFilters', !filters.isEmpty);
    view.description = filters.describe() || undefined;
  };

  const offlineDeps = { snapshots, log, state: context.globalState };
  registerCommands(context, [
    coreCommands({ sessions, sources, windows, tree: state, filters, queryHistory: new QueryHistory(context.workspaceState), savedQueries, autoRefresh, webviews, zone: zoneSetting, log }),
    exportCommands(context.extension, { sessions, tree: state.records, filters, sources, zone: zoneSetting, log }),
    offlineCommands(offlineDeps),
    sampleCommands({ extensionUri: context.extensionUri, snapshots, log }),
    orgCommands({ orgs, windows, log, sources, webviews, zone: zoneSetting, revealWindow: (id, windowId) => revealWindow(view, state, id, windowId) }),
  ]);

  context.subscriptions.push(
    channel,
    sessions,
    sessions.store,
    sessions.tokens,
    orgs,
    orgs.store,
    orgs.keys,
    filters,
    savedQueries,
    snapshots,
    trackSnapshotContext(offlineDeps),
    sources,
    state,
    tree,
    view,
    autoRefresh,
    trackBucketBrowsing(view),
    view.onDidExpandElement((e) => expansion.set(e.element.id, true)),
    view.onDidCollapseElement((e) => expansion.set(e.element.id, false)),
    new AuditStatusBar(sessions, zoneSetting),
    new WaitStatus(state, zoneSetting),
    vscode.workspace.registerTextDocumentContentProvider(RECORD_SCHEME, documents),
    sessions.onDidChange(updateContext),
    orgs.onDidChange(updateContext),
    filters.onDidChange(updateContext),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsTreeDisplay(e)) state.refresh();
    }),
  );
  updateContext();
  void seedDevelopmentSite(context, sessions, orgs, log).then(updateContext);
  return {
    sessions,
    orgs,
    tree,
    state,
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
