// The "Audit Log" tree: sites → time windows → buckets → records. Buckets fetch lazily with their own
// absolute range, so the cost follows what the user expands. getChildren never throws: every failure
// becomes a message node carrying the next action.
import * as vscode from 'vscode';
import type { AuditErrorKind } from '../api/errors';
import type { AuditRecord } from '../api/types';
import { bucketsFor, type Bucket, type Granularity } from '../model/buckets';
import { describeWindow, resolveWindow, validateWindowSpec, windowTooltip, type WindowDefinition } from '../model/timeWindow';
import { formatIso, type ZoneSetting } from '../model/timeZone';
import type { Logger } from '../log';
import type { SiteConfig } from '../sites/siteConfig';
import { describeSiteState, type SiteSessions } from '../sites/siteSessions';
import { BucketLoad } from './bucketLoad';
import type { FilterKind, FilterState } from './filterState';
import { siteMessages, errorMessage, message, waitMessage } from './messages';
import { nodeIds, type AuditNode, type BucketNode, type LoadMoreNode, type RecordNode, type SiteNode, type WindowNode } from './nodes';
import { bucketItem, loadMoreItem, messageItem, recordItem, resolveRecordTooltip } from './treeItems';
import { isSnapshotId, type RecordSource, type Snapshot, type SnapshotRegistry } from './snapshots';
import type { WindowStore } from './windowStore';

export interface TreeSettings {
  zone: ZoneSetting;
  pageSize: number;
  granularity: Granularity;
}

interface ResolvedWindow {
  range: { start: number; end: number };
  buckets: Bucket[];
  loads: Map<number, BucketLoad>;
  searchString: string | undefined;
  /** Records newer than this were brought in by an auto-refresh and are marked "new". */
  newSince: number | undefined;
}

export class AuditTreeProvider implements vscode.TreeDataProvider<AuditNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AuditNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly waitsChanged = new vscode.EventEmitter<void>();
  /** Fires when a bucket starts or stops waiting to retry (for the status bar). */
  readonly onDidChangeWaits = this.waitsChanged.event;
  private readonly loaded = new vscode.EventEmitter<void>();
  /** Fires after any page arrived or failed (for the view badge). */
  readonly onDidLoad = this.loaded.event;
  private readonly resolved = new Map<string, ResolvedWindow>();
  /** Node objects by id: VS Code matches refresh events by object identity. */
  private readonly nodes = new Map<string, AuditNode>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly sessions: SiteSessions,
    private readonly windows: WindowStore,
    private readonly filters: FilterState,
    private readonly snapshots: SnapshotRegistry,
    private readonly settings: () => TreeSettings,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    /** Restores the expansion of windows and buckets after a window reload. */
    private readonly expansion?: { isExpanded(id: string): boolean },
  ) {
    this.disposables.push(
      sessions.onDidChange((siteId) => (siteId ? this.refreshSite(siteId) : this.refresh())),
      filters.onDidChange(() => this.changed.fire(undefined)),
      snapshots.onDidChange(() => this.changed.fire(undefined)),
    );
  }

  getTreeItem(node: AuditNode): vscode.TreeItem {
    const { zone } = this.settings();
    switch (node.kind) {
      case 'site':
        return this.siteItem(node);
      case 'window':
        return this.windowItem(node, zone);
      case 'bucket':
        return this.bucketTreeItem(node);
      case 'record':
        return recordItem(node, zone);
      case 'loadMore':
        return loadMoreItem(node);
      case 'message':
        return messageItem(node);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: AuditNode): vscode.TreeItem {
    return node.kind === 'record' ? resolveRecordTooltip(item, node, this.settings().zone) : item;
  }

  async getChildren(node?: AuditNode): Promise<AuditNode[]> {
    try {
      if (!node) return await this.rootChildren();
      switch (node.kind) {
        case 'site': {
          const snapshot = this.snapshots.get(node.siteId);
          if (snapshot) return this.windowNodes(snapshot.id);
          const site = this.sessions.store.get(node.siteId);
          return site ? await this.siteChildren(site) : [];
        }
        case 'window':
          return this.windowChildren(node);
        case 'bucket':
          return await this.bucketChildren(node);
        default:
          return [];
      }
    } catch (error) {
      // Last line of defence: a bug must show up as a message, not as an empty or broken view.
      const text = error instanceof Error ? error.message : String(error);
      this.log.error(`Tree failed to list children of ${node?.id ?? 'root'}: ${text}`);
      return [message(`${node?.id ?? 'root'}/failure`, 'Something went wrong while listing this item.', 'error', text, {
        command: 'confluenceAudit.showLog',
        title: 'Show Log',
        args: [],
      })];
    }
  }

  /** Parents of the nodes reveal() needs (windows and buckets); others are never revealed. */
  getParent(node: AuditNode): AuditNode | undefined {
    const rootsAreSites = this.sessions.sites().length + this.snapshots.list().length > 1 || this.snapshots.list().length > 0;
    switch (node.kind) {
      case 'window':
        return rootsAreSites ? this.nodes.get(nodeIds.site(node.siteId)) : undefined;
      case 'bucket':
        return this.nodes.get(nodeIds.window(node.siteId, node.windowId));
      default:
        return undefined;
    }
  }

  /** The window node with this id, as the tree knows it (for reveal). */
  windowNode(siteId: string, windowId: string): WindowNode | undefined {
    if (!this.windowDefinition(siteId, windowId)) return undefined;
    if (this.snapshots.get(siteId) || this.sessions.sites().length > 1) {
      this.node<SiteNode>({ kind: 'site', id: nodeIds.site(siteId), siteId });
    }
    return this.node<WindowNode>({ kind: 'window', id: nodeIds.window(siteId, windowId), siteId, windowId });
  }

  /** Re-resolves every window (relative windows move to "now") and drops loaded pages. */
  refresh(): void {
    for (const window of this.resolved.values()) for (const load of window.loads.values()) load.cancel();
    this.resolved.clear();
    this.changed.fire(undefined);
  }

  refreshSite(siteId: string): void {
    this.dropResolved((key) => key.startsWith(`${siteId}/`));
    this.fire(this.sessions.sites().length > 1 ? nodeIds.site(siteId) : undefined);
  }

  refreshNode(node: AuditNode): void {
    switch (node.kind) {
      case 'site':
        return this.refreshSite(node.siteId);
      case 'window':
        this.dropResolved((key) => key === windowKey(node.siteId, node.windowId));
        return this.fire(node.id);
      case 'bucket': {
        const window = this.resolved.get(windowKey(node.siteId, node.windowId));
        window?.loads.get(node.bucket.start)?.cancel();
        window?.loads.delete(node.bucket.start);
        return this.fire(node.id);
      }
      default:
        return this.fire(undefined);
    }
  }

  /** Fetches the next page of a bucket; only that bucket re-renders. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const window = this.resolved.get(windowKey(node.siteId, node.windowId));
    const load = window?.loads.get(node.bucketStart);
    if (!window || !load) return;
    node.loading = true;
    this.changed.fire(node);
    await this.fetchPage(node.siteId, load);
    node.loading = false;
    this.fire(nodeIds.bucket(node.siteId, node.windowId, node.bucketStart));
  }

  /** Marks records newer than each window's current end as new, then re-resolves relative windows. */
  autoRefresh(): void {
    // Iterate over a copy: re-resolving puts the key back into the map, which a live iteration would revisit forever.
    for (const [key, window] of [...this.resolved]) {
      const [siteId, windowId] = splitWindowKey(key);
      const definition = this.windowDefinition(siteId, windowId);
      if (!definition || definition.spec.kind === 'absolute') continue;
      const newSince = window.newSince ?? window.range.end;
      this.resolved.delete(key);
      for (const load of window.loads.values()) load.cancel();
      this.resolveWindow(siteId, definition).newSince = newSince;
      this.fire(nodeIds.window(siteId, windowId));
    }
  }

  /** Counts loaded records marked new across windows (for the view badge). */
  countNew(): number {
    let count = 0;
    for (const window of this.resolved.values()) {
      if (window.newSince === undefined) continue;
      const since = window.newSince;
      for (const load of window.loads.values()) count += load.records.filter((r) => r.creationDate > since).length;
    }
    return count;
  }

  /** The absolute range and search string a window or bucket node stands for (what an export of it covers). */
  queryOf(node: WindowNode | BucketNode): { siteId: string; start: number; end: number; searchString?: string } | undefined {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    if (!definition) return undefined;
    const window = this.resolveWindow(node.siteId, definition);
    const range = node.kind === 'bucket' ? { start: node.bucket.start, end: node.bucket.end } : window.range;
    return { siteId: node.siteId, ...range, searchString: window.searchString };
  }

  /** The records currently shown under a window (loaded and matching the filters), newest first. */
  shownRecords(node: WindowNode | BucketNode): AuditRecord[] {
    const window = this.resolved.get(windowKey(node.siteId, node.windowId));
    if (!window) return [];
    const loads = node.kind === 'bucket' ? [window.loads.get(node.bucket.start)] : window.buckets.map((b) => window.loads.get(b.start));
    return loads.flatMap((load) => (load ? load.records.filter((r) => this.filters.matches(r)) : []));
  }

  /** Distinct values seen in loaded records, most frequent first, to suggest filter values. */
  suggestions(kind: FilterKind): string[] {
    const counts = new Map<string, number>();
    for (const window of this.resolved.values()) {
      for (const load of window.loads.values()) {
        for (const r of load.records) {
          const value = suggestionOf(r, kind);
          if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
        }
      }
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 50).map(([value]) => value);
  }

  private async rootChildren(): Promise<AuditNode[]> {
    const sites = this.sessions.sites();
    const snapshots = this.snapshots.list();
    if (sites.length === 1 && snapshots.length === 0) return this.siteChildren(sites[0]);
    const ids = [...sites.map((s) => s.id), ...snapshots.map((s) => s.id)];
    return ids.map((id) => this.node<SiteNode>({ kind: 'site', id: nodeIds.site(id), siteId: id }));
  }

  /** A snapshot offers its whole export as a window, then the user's custom windows. */
  private windowDefinitions(siteId: string): WindowDefinition[] {
    const snapshot = this.snapshots.get(siteId);
    return snapshot ? this.windows.list(siteId, [snapshotWindow(snapshot)]) : this.windows.list(siteId);
  }

  /** The windows listed under a site, presets first (what an export prompt offers). */
  windowsOf(siteId: string): WindowDefinition[] {
    return this.windowDefinitions(siteId);
  }

  windowDefinition(siteId: string, windowId: string): WindowDefinition | undefined {
    return this.windowDefinitions(siteId).find((w) => w.id === windowId);
  }

  private windowNodes(siteId: string): WindowNode[] {
    return this.windowDefinitions(siteId).map((w) =>
      this.node<WindowNode>({ kind: 'window', id: nodeIds.window(siteId, w.id), siteId, windowId: w.id }),
    );
  }

  private async sourceFor(siteId: string): Promise<RecordSource | undefined> {
    const snapshot = this.snapshots.get(siteId);
    if (snapshot) return snapshot.source;
    const site = this.sessions.store.get(siteId);
    if (!site) return undefined;
    const client = await this.sessions.client(site);
    return client.ok ? client.client : undefined;
  }

  private async siteChildren(site: SiteConfig): Promise<AuditNode[]> {
    const stateMessages = siteMessages(site, this.sessions.state(site.id));
    if (stateMessages) return stateMessages;
    const client = await this.sessions.client(site);
    if (!client.ok) return siteMessages(site, client.state) ?? [];
    return this.windowNodes(site.id);
  }

  private windowChildren(node: WindowNode): AuditNode[] {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    if (!definition) return [];
    const invalid = validateWindowSpec(definition.spec, this.now());
    if (!invalid.ok) return [message(`${node.id}/invalid`, `This window is not valid: ${invalid.reason}`, 'warning')];
    const window = this.resolveWindow(node.siteId, definition);
    return window.buckets.map((bucket) =>
      this.node<BucketNode>({
        kind: 'bucket',
        id: nodeIds.bucket(node.siteId, node.windowId, bucket.start),
        siteId: node.siteId,
        windowId: node.windowId,
        bucket,
      }),
    );
  }

  private async bucketChildren(node: BucketNode): Promise<AuditNode[]> {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    if (!definition) return [];
    const window = this.resolveWindow(node.siteId, definition);
    let load = window.loads.get(node.bucket.start);
    if (!load) {
      load = this.newLoad(node, window.searchString);
      window.loads.set(node.bucket.start, load);
    }
    if (load.status === 'idle') {
      const current = load;
      const fetched = this.fetchPage(node.siteId, load);
      // A rate-limited first page waits (Retry-After can be long): answer at once with a "waiting until"
      // row and Cancel instead of a bare spinner, and show the records when the page arrives.
      let stop = (): void => undefined;
      const waitBegan = new Promise<'waiting'>((resolve) => {
        stop = current.onWaitChange(() => current.waiting && resolve('waiting'));
      });
      const first = await Promise.race([fetched.then(() => 'loaded' as const), waitBegan]);
      stop();
      if (first === 'waiting') void fetched.then(() => this.fire(node.id));
      // The bucket's description (its count) changes once the first page is in.
      else setTimeout(() => this.changed.fire(node), 0);
    }
    return this.bucketContent(node, load, window.newSince);
  }

  /** A bucket's load; its waits to retry re-render the bucket and the status bar. */
  private newLoad(node: BucketNode, searchString: string | undefined): BucketLoad {
    const load = new BucketLoad(node.bucket.start, node.bucket.end, searchString);
    load.onWaitChange(() => {
      this.waitsChanged.fire();
      if (load.waiting) this.fire(node.id);
    });
    return load;
  }

  /** Buckets waiting to retry (a 429's Retry-After), soonest end first. */
  waits(): { label: string; until: number; kind: AuditErrorKind }[] {
    const out: { label: string; until: number; kind: AuditErrorKind }[] = [];
    for (const [key, window] of this.resolved) {
      for (const bucket of window.buckets) {
        const wait = window.loads.get(bucket.start)?.waiting;
        if (wait) out.push({ label: `${this.windowLabel(key)} › ${bucket.label}`, until: wait.until, kind: wait.kind });
      }
    }
    return out.sort((a, b) => a.until - b.until);
  }

  /** Cancels the wait of one bucket, or of every bucket: their requests end as cancelled, with Retry. */
  cancelWaits(node?: BucketNode): void {
    for (const [key, window] of this.resolved) {
      for (const [start, load] of window.loads) {
        if (!load.waiting) continue;
        if (node && (key !== windowKey(node.siteId, node.windowId) || start !== node.bucket.start)) continue;
        load.cancel();
      }
    }
  }

  private windowLabel(key: string): string {
    const [siteId, windowId] = splitWindowKey(key);
    const definition = this.windowDefinition(siteId, windowId);
    return definition ? (definition.label ?? describeWindow(definition.spec, this.settings().zone)) : windowId;
  }

  private bucketContent(node: BucketNode, load: BucketLoad, newSince: number | undefined): AuditNode[] {
    const children: AuditNode[] = [];
    load.records.forEach((record, index) => {
      if (!this.filters.matches(record)) return;
      children.push({
        kind: 'record',
        id: `${node.id}/record:${index}`,
        siteId: node.siteId,
        windowId: node.windowId,
        record,
        isNew: newSince !== undefined && record.creationDate > newSince,
      } satisfies RecordNode);
    });
    if (load.waiting) {
      children.push(waitMessage(node, load.waiting, this.settings().zone));
      return children;
    }
    if (load.error) {
      children.push(errorMessage(`${node.id}/error`, load.error, { command: 'confluenceAudit.retry', title: 'Retry', args: [node] }));
      return children;
    }
    if (!load.done) {
      children.push(
        this.node<LoadMoreNode>({ kind: 'loadMore', id: `${node.id}/more`, siteId: node.siteId, windowId: node.windowId, bucketStart: node.bucket.start, loading: false }),
      );
    } else if (load.records.length === 0) {
      children.push(message(`${node.id}/empty`, 'No records in this time range.', 'info'));
    }
    if (load.records.length > 0 && children.filter((c) => c.kind === 'record').length === 0) {
      children.unshift(
        message(`${node.id}/filtered`, `No loaded record matches the filters (${load.records.length} hidden).`, 'info', undefined, {
          command: 'confluenceAudit.clearFilters',
          title: 'Clear Filters',
          args: [],
        }),
      );
    }
    return children;
  }

  /** Retries a failed bucket: keeps the records already loaded and asks for the page that failed. */
  async retry(node: BucketNode): Promise<void> {
    const window = this.resolved.get(windowKey(node.siteId, node.windowId));
    const load = window?.loads.get(node.bucket.start);
    if (!load) return this.refreshNode(node);
    await this.fetchPage(node.siteId, load);
    this.fire(node.id);
  }

  private async fetchPage(siteId: string, load: BucketLoad): Promise<void> {
    const source = await this.sourceFor(siteId);
    if (!source) return;
    const { pageSize } = this.settings();
    await vscode.window.withProgress({ location: { viewId: 'confluenceAudit.auditLog' } }, () => load.loadNext(source, pageSize));
    if (!isSnapshotId(siteId)) {
      if (load.error) {
        this.log.warn(`Loading ${formatIso(load.start, 'utc')} – ${formatIso(load.end, 'utc')} failed: ${load.error.message}`);
        this.sessions.noteError(siteId, load.error);
      } else {
        this.sessions.noteSuccess(siteId);
      }
    }
    this.loaded.fire();
  }

  private resolveWindow(siteId: string, definition: WindowDefinition): ResolvedWindow {
    const key = windowKey(siteId, definition.id);
    const existing = this.resolved.get(key);
    if (existing && existing.searchString === definition.searchString) return existing;
    const { zone, granularity } = this.settings();
    const range = resolveWindow(definition.spec, this.now(), zone);
    const window: ResolvedWindow = {
      range,
      buckets: bucketsFor(range, granularity, zone, { endsNow: definition.spec.kind !== 'absolute' }),
      loads: new Map(),
      searchString: definition.searchString,
      newSince: undefined,
    };
    this.resolved.set(key, window);
    return window;
  }

  private siteItem(node: SiteNode): vscode.TreeItem {
    const snapshot = this.snapshots.get(node.siteId);
    if (snapshot) return snapshotItem(node, snapshot, this.settings().zone);
    const site = this.sessions.store.get(node.siteId);
    const item = new vscode.TreeItem(site?.label ?? node.siteId, vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.iconPath = new vscode.ThemeIcon('globe');
    const state = this.sessions.state(node.siteId);
    item.description = describeSiteState(state.kind);
    item.tooltip = site ? `${site.url}\n${site.deployment === 'cloud' ? 'Confluence Cloud' : 'Confluence Data Center'}` : undefined;
    item.contextValue = `site ${state.kind}`;
    item.accessibilityInformation = { label: `Site ${site?.label ?? node.siteId}${item.description ? `, ${String(item.description)}` : ''}` };
    return item;
  }

  private windowItem(node: WindowNode, zone: ZoneSetting): vscode.TreeItem {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    const label = definition ? (definition.label ?? describeWindow(definition.spec, zone)) : node.windowId;
    const item = new vscode.TreeItem(label, this.collapsible(node.id));
    item.id = node.id;
    item.iconPath = new vscode.ThemeIcon(definition?.spec.kind === 'absolute' ? 'calendar' : 'history');
    const window = this.resolved.get(windowKey(node.siteId, node.windowId));
    const search = definition?.searchString;
    item.description = search ? `search: ${search}` : undefined;
    if (definition) {
      const range = window?.range ?? resolveWindow(definition.spec, this.now(), zone);
      item.tooltip = windowTooltip(definition.spec, range, zone) + (search ? `\nServer-side search: ${search}` : '');
    }
    item.accessibilityInformation = { label: search ? `${label}, searching for ${search}` : label };
    const custom = this.windows.isCustom(node.windowId) ? ' custom' : '';
    const origin = this.snapshots.get(node.siteId) ? ' offline' : ' live';
    item.contextValue = `window${custom}${search ? ' searched' : ''}${origin}`;
    return item;
  }

  private bucketTreeItem(node: BucketNode): vscode.TreeItem {
    const window = this.resolved.get(windowKey(node.siteId, node.windowId));
    const load = window?.loads.get(node.bucket.start);
    const { zone } = this.settings();
    const tooltip = `${formatIso(node.bucket.start, zone)} → ${formatIso(node.bucket.end, zone)}`;
    const item = bucketItem(node, load ? this.countLabel(load) : undefined, tooltip);
    item.collapsibleState = this.collapsible(node.id);
    item.contextValue = this.snapshots.get(node.siteId) ? 'bucket offline' : 'bucket live';
    return item;
  }

  private collapsible(id: string): vscode.TreeItemCollapsibleState {
    return this.expansion?.isExpanded(id) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }

  private countLabel(load: BucketLoad): string | undefined {
    if (load.status === 'error' && load.records.length === 0) return 'failed';
    if (load.status === 'idle' || (load.status === 'loading' && load.records.length === 0)) return undefined;
    const total = load.records.length;
    const more = load.done ? '' : '+';
    const noun = total === 1 && load.done ? 'record' : 'records';
    if (this.filters.isEmpty) return `${total}${more} ${noun}`;
    const shown = load.records.filter((r) => this.filters.matches(r)).length;
    return `${shown} of ${total}${more} shown`;
  }

  private node<T extends AuditNode>(fresh: T): T {
    const existing = this.nodes.get(fresh.id);
    if (existing && existing.kind === fresh.kind) {
      Object.assign(existing, fresh);
      return existing as T;
    }
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }

  private fire(id: string | undefined): void {
    this.changed.fire(id ? this.nodes.get(id) : undefined);
  }

  private dropResolved(match: (key: string) => boolean): void {
    for (const [key, window] of this.resolved) {
      if (!match(key)) continue;
      for (const load of window.loads.values()) load.cancel();
      this.resolved.delete(key);
    }
  }

  dispose(): void {
    this.refresh();
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
    this.waitsChanged.dispose();
    this.loaded.dispose();
  }
}

function suggestionOf(record: AuditRecord, kind: FilterKind): string | undefined {
  switch (kind) {
    case 'categories':
      return record.category;
    case 'authors':
      return record.author.displayName;
    case 'remoteAddresses':
      return record.remoteAddress;
    case 'affectedObjects':
      return record.affectedObject.name;
  }
}

function snapshotWindow(snapshot: Snapshot): WindowDefinition {
  return { id: 'snapshot-range', label: 'Whole export', spec: { kind: 'absolute', start: snapshot.range.start, end: snapshot.range.end, zone: 'utc' } };
}

function snapshotItem(node: SiteNode, snapshot: Snapshot, zone: ZoneSetting): vscode.TreeItem {
  const item = new vscode.TreeItem(`${snapshot.label} (snapshot)`, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('archive');
  item.description = snapshot.exportedAt ? `exported ${formatIso(snapshot.exportedAt, zone)}` : 'offline';
  item.tooltip = `Offline snapshot of ${snapshot.recordCount} records\n${snapshot.file}${snapshot.exportedAt ? `\nExported ${formatIso(snapshot.exportedAt, zone)}` : ''}`;
  item.contextValue = 'snapshot';
  return item;
}

function windowKey(siteId: string, windowId: string): string {
  return `${siteId}/${windowId}`;
}

function splitWindowKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
