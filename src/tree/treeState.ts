// The tree without VS Code: the sources and windows it lists, windows resolved to ranges and buckets, bucket
// loads and paging, the filters on loaded records, auto-refresh marks and the root rule. The view maps it to
// items (views/auditTreeProvider.ts); commands and exports use its narrow faces (queries.ts). Buckets load
// when expanded, so the cost follows what the user opens. children() never throws: a failure becomes a
// message node with the next action.
import type { AuditErrorKind } from '../api/errors';
import { Emitter, type Disposable, type Event } from '../model/emitter';
import type { FilterKind } from '../model/filters';
import type { SourcedRecord } from '../model/sourceFields';
import { resolveWindow, validateWindowSpec, type WindowDefinition } from '../model/timeWindow';
import type { AuditSource, SourceChange, SourceKind, SourceRow } from '../sources/source';
import { bucketChildren } from './bucketChildren';
import type { TreeStateDeps } from './deps';
import { message, noticeMessages } from './messages';
import { NodeCache } from './nodeCache';
import { Paging } from './paging';
import type { BucketLoad } from './bucketLoad';
import type { BucketSlot, TimelineTree } from './timelineCount';
import { nodeIds, type AuditNode, type BucketNode, type LoadMoreNode, type SiteNode, type WindowNode } from './nodes';
import type { FilterSuggestions, ShownRecordsQuery, WindowChoice, WindowQuery } from './queries';
import { windowsAtRoot } from './rootRule';
import { bucketRow, missingSourceRow, windowLabel, windowRow, type BucketRow, type WindowRow } from './rows';
import { seenValues, suggestionsFor } from './suggestions';
import { WindowCache, type ResolvedWindow } from './windowCache';

export class TreeState implements ShownRecordsQuery, FilterSuggestions, TimelineTree, Disposable {
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
  private readonly paging: Paging;
  private readonly subscriptions: Disposable[];
  private readonly now: () => number;

  constructor(private readonly deps: TreeStateDeps) {
    this.now = deps.now ?? Date.now;
    this.paging = new Paging({
      ...deps,
      pageSize: () => deps.settings().pageSize,
      waitChanged: (node, load) => {
        this.waitsChanged.fire();
        if (load.waiting) this.fire(node.id);
      },
      pageDone: () => this.loaded.fire(),
    });
    this.subscriptions = [deps.sources.onDidChange((change) => this.sourcesChanged(change)), deps.filters.onDidChange(() => this.filtersChanged())];
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
    const window = this.resolve(node.siteId, definition);
    return this.windowChildren(node).flatMap((child) => (child.kind === 'bucket' ? [{ node: child, load: this.paging.loadOf(child, window) }] : []));
  }

  async loadPage(slot: BucketSlot): Promise<void> {
    await this.paging.next(slot.node.siteId, slot.load);
    this.changed.fire(slot.node);
  }

  sourceKind(sourceId: string): SourceKind | undefined {
    return this.deps.sources.get(sourceId)?.kind;
  }

  sourceRow(node: SiteNode): SourceRow {
    return this.deps.sources.get(node.siteId)?.row(this.deps.settings().zone) ?? missingSourceRow(node.siteId);
  }

  windowRow(node: WindowNode): WindowRow {
    const { zone } = this.deps.settings();
    const definition = this.windowDefinition(node.siteId, node.windowId);
    const range = definition && (this.cache.get(node.siteId, node.windowId)?.range ?? resolveWindow(definition.spec, this.now(), zone));
    const source = this.deps.sources.get(node.siteId);
    return windowRow(node.windowId, definition, range, zone, {
      custom: this.deps.windows.isCustom(node.windowId),
      live: this.isLive(node.siteId),
      events: source?.eventExport !== undefined,
      note: source?.windowNote?.(this.deps.filters.filter),
    });
  }

  bucketRow(node: BucketNode): BucketRow {
    const load = this.cache.get(node.siteId, node.windowId)?.loads.get(node.bucket.start);
    return bucketRow(node.bucket, load, this.deps.filters, this.deps.settings().zone, this.isLive(node.siteId));
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
    this.fire(nodeIds.bucket(node.siteId, node.windowId, node.bucketStart));
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
      this.resolve(sourceId, definition).newSince = newSince;
      dropped = true;
      this.fire(nodeIds.window(sourceId, windowId));
    }
    // Once, after every window is resolved again: a listener that takes a window's new loads finds them.
    if (dropped) this.loadsDropped.fire();
  }

  /** Loaded records marked new across windows (for the view badge). */
  countNew(): number {
    return this.cache.countNew();
  }

  /** Buckets waiting to retry (a 429's Retry-After), soonest end first. */
  waits(): { label: string; until: number; kind: AuditErrorKind }[] {
    const { zone } = this.deps.settings();
    return this.cache
      .waiting()
      .map(({ sourceId, windowId, bucket, wait }) => {
        const definition = this.windowDefinition(sourceId, windowId);
        return { label: `${definition ? windowLabel(definition, zone) : windowId} › ${bucket.label}`, until: wait.until, kind: wait.kind };
      })
      .sort((a, b) => a.until - b.until);
  }

  /** Cancels the wait of one bucket, or of every bucket: their requests end as cancelled, with Retry. */
  cancelWaits(node?: BucketNode): void {
    this.cache.cancelWaits(node && { sourceId: node.siteId, windowId: node.windowId, bucketStart: node.bucket.start });
  }

  queryOf(node: WindowNode | BucketNode): WindowQuery | undefined {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    if (!definition) return undefined;
    const window = this.resolve(node.siteId, definition);
    const range = node.kind === 'bucket' ? { start: node.bucket.start, end: node.bucket.end } : window.range;
    return { siteId: node.siteId, ...range, searchString: window.searchString };
  }

  shownOf(load: BucketLoad): SourcedRecord[] {
    return load.records.filter((r) => this.deps.filters.matches(r));
  }

  shownRecords(node: WindowNode | BucketNode): SourcedRecord[] {
    const window = this.cache.get(node.siteId, node.windowId);
    if (!window) return [];
    const loads = node.kind === 'bucket' ? [window.loads.get(node.bucket.start)] : window.buckets.map((b) => window.loads.get(b.start));
    return loads.flatMap((load) => (load ? load.records.filter((r) => this.deps.filters.matches(r)) : []));
  }

  windowChoices(): WindowChoice[] {
    const { zone } = this.deps.settings();
    return this.deps.sources.list().flatMap((source) =>
      this.windowsOf(source.id).flatMap((definition) => {
        const fresh: WindowNode = { kind: 'window', id: nodeIds.window(source.id, definition.id), siteId: source.id, windowId: definition.id };
        const shown = this.shownRecords(fresh).length;
        return shown > 0 ? [{ node: this.nodes.node(fresh), label: windowLabel(definition, zone), shown }] : [];
      }),
    );
  }

  suggestions(kind: FilterKind): Promise<string[]> {
    return suggestionsFor(seenValues(this.cache.records(), kind), this.deps.sources.list(), kind, (text) => this.deps.log('warn', text));
  }

  windowsOf(sourceId: string): WindowDefinition[] {
    return this.deps.windows.list(sourceId, this.deps.sources.get(sourceId)?.windows ?? []);
  }

  windowDefinition(sourceId: string, windowId: string): WindowDefinition | undefined {
    return this.windowsOf(sourceId).find((w) => w.id === windowId);
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
    return this.resolve(node.siteId, definition).buckets.map((bucket) =>
      this.nodes.node<BucketNode>({ kind: 'bucket', id: nodeIds.bucket(node.siteId, node.windowId, bucket.start), siteId: node.siteId, windowId: node.windowId, bucket }),
    );
  }

  private async bucketChildren(node: BucketNode): Promise<AuditNode[]> {
    const definition = this.windowDefinition(node.siteId, node.windowId);
    if (!definition) return [];
    const window = this.resolve(node.siteId, definition);
    const load = this.paging.loadOf(node, window);
    if (load.status === 'idle') {
      // A first page that waits for the rate limit answers at once with a "waiting until" row and Cancel
      // instead of a bare spinner; the records follow when the page arrives.
      const first = await this.paging.first(node.siteId, load);
      if (first.waiting) void first.arrived.then(() => this.fire(node.id));
      // The bucket's description (its count) changes once the first page is in.
      else setTimeout(() => this.changed.fire(node), 0);
    }
    return bucketChildren(node, load, window.newSince, this.deps.filters, this.deps.settings().zone, this.nodes);
  }

  private resolve(sourceId: string, definition: WindowDefinition): ResolvedWindow {
    const { zone, granularity } = this.deps.settings();
    return this.cache.resolve(sourceId, definition, this.now(), zone, granularity);
  }

  /** Whether the source's windows offer an export of the whole window; a source that is gone keeps its menus. */
  private isLive(sourceId: string): boolean {
    const source = this.deps.sources.get(sourceId);
    return !source || source.serverExport !== undefined || source.eventExport !== undefined;
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
