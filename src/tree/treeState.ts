// The tree without VS Code: the sources and windows it lists, windows resolved to ranges and buckets, bucket
// loads and paging, the filters on loaded records, auto-refresh marks and the root rule. The view maps
// `rows` (treeRows.ts) to items (views/auditTreeProvider.ts); exports, filters and the badges read what is loaded through `records`
// (loadedRecords.ts, the faces in queries.ts); commands use narrow Picks of the actions. Buckets load
// when expanded, so the cost follows what the user opens. children() never throws: a failure becomes a
// message node with the next action.
import { Emitter, type Disposable, type Event } from '../model/emitter';
import { validateWindowSpec, type WindowDefinition } from '../model/timeWindow';
import type { AuditSource, SourceChange, SourceKind } from '../sources/source';
import { bucketChildren } from './bucketChildren';
import type { TreeStateDeps } from './deps';
import { message, noticeMessages } from './messages';
import { NodeCache } from './nodeCache';
import { Paging } from './paging';
import type { BucketSlot, TimelineTree } from './timelineCount';
import { nodeIds, type AuditNode, type BucketNode, type LoadMoreNode, type SiteNode, type WindowNode } from './nodes';
import { LoadedRecords } from './loadedRecords';
import { windowsAtRoot } from './rootRule';
import { TreeRows } from './treeRows';
import { sameDefinition, WindowCache, type CachedWindow } from './windowCache';
import { WindowCatalog } from './windowCatalog';
import { windowFilter } from './windowFilter';

export class TreeState implements TimelineTree, Disposable {
  private readonly changed = new Emitter<AuditNode | undefined>();
  /** A node to list again, or undefined for the whole tree. */
  readonly onDidChange: Event<AuditNode | undefined> = this.changed.event;
  private readonly waitsChanged = new Emitter<void>();
  /** A bucket started or stopped waiting to retry (for the status bar). */
  readonly onDidChangeWaits: Event<void> = this.waitsChanged.event;
  private readonly loaded = new Emitter<void>();
  /** A page arrived or failed (for the view badge). */
  readonly onDidLoad: Event<void> = this.loaded.event;
  private readonly loadsDropped = new Emitter<void>();
  /** Loaded pages were dropped (refresh, auto-refresh, a source reloaded): the timeline counts them again. */
  readonly onDidDropLoads: Event<void> = this.loadsDropped.event;
  private readonly cache = new WindowCache();
  private readonly nodes = new NodeCache();
  private readonly catalog: WindowCatalog;
  /** What the loaded pages hold: the face exports, filters and the timeline read. */
  readonly records: LoadedRecords;
  /** What each node's row shows (the view builds its items from these). */
  readonly rows: TreeRows;
  private readonly paging: Paging;
  private readonly subscriptions: Disposable[];
  private readonly now: () => number;

  constructor(private readonly deps: TreeStateDeps) {
    this.now = deps.now ?? Date.now;
    this.catalog = new WindowCatalog(deps, this.cache, this.now);
    this.records = new LoadedRecords(this.catalog, this.nodes, deps);
    this.rows = new TreeRows(deps, this.catalog);
    this.paging = new Paging({
      ...deps,
      pageSize: () => deps.settings().pageSize,
      waitChanged: (node, load) => {
        this.waitsChanged.fire();
        if (load.waiting) this.fire(node.id);
      },
      pageDone: () => this.loaded.fire(),
    });
    this.subscriptions = [
      deps.sources.onDidChange((change) => this.sourcesChanged(change)),
      deps.filters.onDidChange(() => this.filtersChanged()),
      ...(deps.savedQueries ? [deps.savedQueries.onDidChange(() => this.savedQueriesChanged())] : []),
    ];
  }

  async children(node?: AuditNode): Promise<AuditNode[]> {
    try {
      if (!node) return await this.rootChildren();
      switch (node.kind) {
        case 'site': {
          const source = this.deps.sources.get(node.siteId);
          return source ? await this.sourceChildren(source) : [];
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
      this.deps.log('error', `Tree failed to list children of ${node?.id ?? 'root'}: ${text}`);
      const showLog = { command: 'confluenceAudit.showLog', title: 'Show Log', args: [] };
      return [message(`${node?.id ?? 'root'}/failure`, 'Something went wrong while listing this item.', 'error', text, showLog)];
    }
  }

  /** Parents of the nodes reveal() needs (windows and buckets); others are never revealed. */
  parent(node: AuditNode): AuditNode | undefined {
    switch (node.kind) {
      case 'window':
        return windowsAtRoot(this.deps.sources.list()) ? undefined : this.nodes.get(nodeIds.site(node.siteId));
      case 'bucket':
        return this.nodes.get(nodeIds.window(node.siteId, node.windowId));
      default:
        return undefined;
    }
  }

  /** The window node with this id, and its source's node when it has a row (for reveal). */
  windowNode(sourceId: string, windowId: string): WindowNode | undefined {
    if (!this.windowDefinition(sourceId, windowId)) return undefined;
    if (!windowsAtRoot(this.deps.sources.list())) this.nodes.node<SiteNode>({ kind: 'site', id: nodeIds.site(sourceId), siteId: sourceId });
    return this.nodes.node<WindowNode>({ kind: 'window', id: nodeIds.window(sourceId, windowId), siteId: sourceId, windowId });
  }

  /** The bucket node starting at `start` in a window (for reveal from the timeline). */
  bucketNode(sourceId: string, windowId: string, start: number): BucketNode | undefined {
    const window = this.windowNode(sourceId, windowId);
    return window && this.bucketSlots(window).find((s) => s.node.bucket.start === start)?.node;
  }

  bucketSlots(node: WindowNode): BucketSlot[] {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    if (!definition || !validateWindowSpec(definition.spec, this.now()).ok) return [];
    const window = this.catalog.resolve(node.siteId, definition);
    return this.windowChildren(node).flatMap((child) => (child.kind === 'bucket' ? [{ node: child, load: this.paging.loadOf(child, window) }] : []));
  }

  async loadPage(slot: BucketSlot): Promise<void> {
    await this.paging.next(slot.node.siteId, slot.load);
    this.changed.fire(slot.node);
  }

  sourceKind(sourceId: string): SourceKind | undefined {
    return this.deps.sources.get(sourceId)?.kind;
  }

  /** Re-resolves every window (relative windows move to "now") and drops loaded pages. */
  refresh(): void {
    this.cache.drop(() => true);
    this.loadsDropped.fire();
    this.changed.fire(undefined);
  }

  refreshSource(sourceId: string): void {
    this.cache.drop((entry) => entry.sourceId === sourceId);
    this.loadsDropped.fire();
    this.fire(windowsAtRoot(this.deps.sources.list()) ? undefined : nodeIds.site(sourceId));
  }

  refreshNode(node: AuditNode): void {
    switch (node.kind) {
      case 'site':
        return this.refreshSource(node.siteId);
      case 'window':
        this.cache.drop((entry) => entry.sourceId === node.siteId && entry.windowId === node.windowId);
        this.loadsDropped.fire();
        return this.fire(node.id);
      case 'bucket':
        this.cache.dropLoad(node.siteId, node.windowId, node.bucket.start);
        this.loadsDropped.fire();
        return this.fire(node.id);
      default:
        return this.fire(undefined);
    }
  }

  /** Fetches the next page of a bucket; only that bucket re-renders. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const load = this.cache.get(node.siteId, node.windowId)?.loads.get(node.bucketStart);
    if (!load) return;
    node.loading = true;
    this.changed.fire(node);
    await this.paging.next(node.siteId, load);
    node.loading = false;
    this.fire(node.bucketId);
  }

  /** Retries a failed bucket: keeps the records already loaded and asks for the page that failed. */
  async retry(node: BucketNode): Promise<void> {
    const load = this.cache.get(node.siteId, node.windowId)?.loads.get(node.bucket.start);
    if (!load) return this.refreshNode(node);
    await this.paging.next(node.siteId, load);
    this.fire(node.id);
  }

  /** Marks records newer than each window's current end as new, then re-resolves relative windows. */
  autoRefresh(): void {
    let dropped = false;
    for (const { sourceId, windowId, window } of this.cache.entries()) {
      const definition = this.windowDefinition(sourceId, windowId);
      if (!definition || definition.spec.kind === 'absolute') continue;
      const newSince = window.newSince ?? window.range.end;
      this.cache.drop((entry) => entry.sourceId === sourceId && entry.windowId === windowId);
      this.catalog.resolve(sourceId, definition).newSince = newSince;
      dropped = true;
      this.fire(nodeIds.window(sourceId, windowId));
    }
    // Once, after every window is resolved again: a listener that takes a window's new loads finds them.
    if (dropped) this.loadsDropped.fire();
  }

  /** Cancels the wait of one bucket, or of every bucket: their requests end as cancelled, with Retry. */
  cancelWaits(node?: BucketNode): void {
    this.cache.cancelWaits(node && { sourceId: node.siteId, windowId: node.windowId, bucketStart: node.bucket.start });
  }

  windowsOf(sourceId: string): WindowDefinition[] {
    return this.catalog.windowsOf(sourceId);
  }

  windowDefinition(sourceId: string, windowId: string): WindowDefinition | undefined {
    return this.catalog.definition(sourceId, windowId);
  }

  private async rootChildren(): Promise<AuditNode[]> {
    const sources = this.deps.sources.list();
    if (windowsAtRoot(sources)) return this.sourceChildren(sources[0]);
    return sources.map((s) => this.nodes.node<SiteNode>({ kind: 'site', id: nodeIds.site(s.id), siteId: s.id }));
  }

  private async sourceChildren(source: AuditSource): Promise<AuditNode[]> {
    const access = await source.open();
    if (!access.ok) return noticeMessages(source.id, access.notices);
    return this.windowsOf(source.id).map((w) => this.nodes.node<WindowNode>({ kind: 'window', id: nodeIds.window(source.id, w.id), siteId: source.id, windowId: w.id }));
  }

  private windowChildren(node: WindowNode): AuditNode[] {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    if (!definition) return [];
    const invalid = validateWindowSpec(definition.spec, this.now());
    if (!invalid.ok) return [message(`${node.id}/invalid`, `This window is not valid: ${invalid.reason}`, 'warning')];
    return this.catalog.resolve(node.siteId, definition).buckets.map((bucket) =>
      this.nodes.node<BucketNode>({ kind: 'bucket', id: nodeIds.bucket(node.siteId, node.windowId, bucket), siteId: node.siteId, windowId: node.windowId, bucket }),
    );
  }

  private async bucketChildren(node: BucketNode): Promise<AuditNode[]> {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    if (!definition) return [];
    const window = this.catalog.resolve(node.siteId, definition);
    const load = this.paging.loadOf(node, window);
    if (load.status === 'idle') {
      // A first page that waits for the rate limit answers at once with a "waiting until" row and Cancel
      // instead of a bare spinner; the records follow when the page arrives.
      const first = await this.paging.first(node.siteId, load);
      if (first.waiting) void first.arrived.then(() => this.fire(node.id));
      // The bucket's description (its count) changes once the first page is in.
      else setTimeout(() => this.changed.fire(node), 0);
    }
    const shown = { rows: windowFilter(this.deps.filters, definition).rows, savedQuery: definition.query !== undefined, viewFiltered: !this.deps.filters.isEmpty };
    return bucketChildren(node, load, window.newSince, shown, this.deps.settings().zone, this.nodes);
  }

  private sourcesChanged(change: SourceChange): void {
    if (!change.reload) this.changed.fire(undefined);
    else if (change.sourceId) this.refreshSource(change.sourceId);
    else this.refresh();
  }

  /** Client-side filters only re-render; a source that filters itself must load its windows again. */
  private filtersChanged(): void {
    const filtering = new Set(this.deps.sources.list().flatMap((s) => (s.capabilities.serverFilters.length > 0 ? [s.id] : [])));
    if (filtering.size > 0) {
      this.cache.drop((entry) => filtering.has(entry.sourceId));
      this.loadsDropped.fire();
    }
    this.changed.fire(undefined);
  }

  /** A saved query came, changed or went: its windows under every source follow (a changed one is resolved again). */
  private savedQueriesChanged(): void {
    const stale = (entry: CachedWindow): boolean => {
      const definition = this.windowDefinition(entry.sourceId, entry.windowId);
      return !definition || !sameDefinition(entry.window, definition);
    };
    if (this.cache.drop(stale) > 0) this.loadsDropped.fire();
    this.changed.fire(undefined);
  }

  private fire(id: string | undefined): void {
    this.changed.fire(id ? this.nodes.get(id) : undefined);
  }

  dispose(): void {
    this.refresh();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.waitsChanged.dispose();
    this.loaded.dispose();
    this.loadsDropped.dispose();
  }
}
