// The commands of this folder as one table (registered with the export and offline ones by registry.ts).
// Each handler passes VS Code's arguments on unchecked: every command checks its own.
import type { Logger } from '../log';
import type { ZoneSetting } from '../model/timeZone';
import type { SiteSessions } from '../sites/siteSessions';
import type { SourceLookup } from '../sources/directory';
import type { AuditSource } from '../sources/source';
import type { FilterState } from '../tree/filters';
import type { QueryHistory } from '../tree/queryHistory';
import type { SavedQueryStore } from '../tree/savedQueries';
import type { WindowNode } from '../tree/nodes';
import type { TreeState } from '../tree/treeState';
import type { WindowStore } from '../tree/windowStore';
import type { AutoRefresh } from '../views/autoRefresh';
import type { WebviewsApi } from '../webview';
import { addSite } from './addSite';
import { addFilter } from './filterCommands';
import { queryRecords } from './queryCommand';
import { editSavedQuery, removeSavedQuery, saveQuery, type SavedQueryDeps } from './savedQueryCommands';
import type { CommandTable } from './registry';
import { removeSite, signIn, signOut, testConnection } from './siteCommands';
import { cancelWait, editRetention, loadMore, openRecord, refreshAll, refreshNode, retry } from './treeCommands';
import { showTimeline } from './timelineCommands';
import { addTimeWindow, clearSearch, removeTimeWindow, setSearch, type WindowCommandDeps } from './windowCommands';

export interface CommandDeps {
  sessions: SiteSessions;
  sources: SourceLookup & { list(): AuditSource[] };
  windows: WindowStore;
  tree: TreeState;
  filters: FilterState;
  queryHistory: QueryHistory;
  savedQueries: SavedQueryStore;
  autoRefresh: AutoRefresh;
  webviews: WebviewsApi;
  zone: () => ZoneSetting;
  log: Logger;
}

export function coreCommands(deps: CommandDeps): CommandTable {
  const { sessions, sources, windows, tree, filters, autoRefresh, webviews, log } = deps;
  const windowDeps: WindowCommandDeps = { sessions, sources, windows, tree, zone: deps.zone };
  const savedDeps: SavedQueryDeps = { saved: deps.savedQueries, filters, zone: deps.zone };
  return {
    'confluenceAudit.addSite': (args) => addSite(sessions, log, args),
    'confluenceAudit.removeSite': (site, confirmed) => removeSite(sessions, windows, log, site, confirmed),
    'confluenceAudit.signIn': (site, args) => signIn(sessions, log, site, args),
    'confluenceAudit.signOut': (site, confirmed) => signOut(sessions, log, site, confirmed),
    'confluenceAudit.testConnection': (site) => testConnection(sessions, site),
    'confluenceAudit.refresh': () => refreshAll(tree, autoRefresh),
    'confluenceAudit.refreshNode': (node) => refreshNode(tree, node),
    'confluenceAudit.addTimeWindow': (site, spec) => addTimeWindow(windowDeps, site, spec),
    'confluenceAudit.removeTimeWindow': (node) => removeTimeWindow(windowDeps, node as WindowNode),
    'confluenceAudit.setSearch': (node, search) => setSearch(windowDeps, node as WindowNode, search),
    'confluenceAudit.clearSearch': (node) => clearSearch(windowDeps, node as WindowNode),
    'confluenceAudit.addFilter': (kind, value, label) => addFilter(filters, tree.records, kind, value, label),
    'confluenceAudit.query': (text) => queryRecords({ filters, tree: tree.records, history: deps.queryHistory, save: (query) => saveQuery(savedDeps, query) }, text),
    'confluenceAudit.saveQuery': (arg) => saveQuery(savedDeps, arg),
    'confluenceAudit.editSavedQuery': (node, fields) => editSavedQuery(savedDeps, node, fields),
    'confluenceAudit.removeSavedQuery': (node) => removeSavedQuery(savedDeps, node),
    'confluenceAudit.clearFilters': () => filters.clear(),
    'confluenceAudit.loadMore': (node) => loadMore(tree, node),
    'confluenceAudit.retry': (node) => retry(tree, node),
    'confluenceAudit.cancelWait': (node) => cancelWait(tree, node),
    'confluenceAudit.openRecord': (node) => openRecord(sources, webviews, node),
    'confluenceAudit.editRetention': (site) => editRetention(sessions, sources, webviews, site),
    'confluenceAudit.showLog': () => log.show(),
    'confluenceAudit.showTimeline': (node) => showTimeline({ sources, tree, webviews, zone: deps.zone }, node),
  };
}
