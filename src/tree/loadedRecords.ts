// What the loaded pages hold, read without walking the view: the range and records a window or bucket
// shows (exports), the windows worth exporting, the values seen (filter suggestions), records marked new
// (the view badge) and buckets waiting to retry (the status bar).
import type { AuditErrorKind } from '../api/errors';
import type { FilterKind } from '../model/filters';
import type { SourcedRecord } from '../model/sourceFields';
import type { WindowDefinition } from '../model/timeWindow';
import type { BucketLoad } from './bucketLoad';
import type { TreeStateDeps } from './deps';
import type { NodeCache } from './nodeCache';
import { nodeIds, type BucketNode, type WindowNode } from './nodes';
import type { FilterSuggestions, ShownRecordsQuery, WindowChoice, WindowQuery } from './queries';
import { windowLabel } from './rows';
import { windowFilter } from './windowFilter';
import { seenValues, suggestionsFor } from './suggestions';
import type { WindowCatalog } from './windowCatalog';

export class LoadedRecords implements ShownRecordsQuery, FilterSuggestions {
  constructor(
    private readonly catalog: WindowCatalog,
    private readonly nodes: NodeCache,
    private readonly deps: Pick<TreeStateDeps, 'sources' | 'filters' | 'settings' | 'log'>,
  ) {}

  queryOf(node: WindowNode | BucketNode): WindowQuery | undefined {
    const definition = this.catalog.definition(node.siteId, node.windowId);
    if (!definition) return undefined;
    const window = this.catalog.resolve(node.siteId, definition);
    const range = node.kind === 'bucket' ? { start: node.bucket.start, end: node.bucket.end } : window.range;
    return { siteId: node.siteId, ...range, searchString: window.searchString, ...(window.query !== undefined ? { savedQuery: window.query } : {}) };
  }

  /** The records of a load of `window` that the window's filter shows (the load may be one the tree has dropped since). */
  shownOf(load: BucketLoad, window: Pick<WindowNode, 'siteId' | 'windowId'>): SourcedRecord[] {
    const { rows } = windowFilter(this.deps.filters, this.catalog.definition(window.siteId, window.windowId));
    return load.records.filter((r) => rows.matches(r));
  }

  shownRecords(node: WindowNode | BucketNode): SourcedRecord[] {
    const window = this.catalog.cache.get(node.siteId, node.windowId);
    if (!window) return [];
    const loads = node.kind === 'bucket' ? [window.loads.get(node.bucket.start)] : window.buckets.map((b) => window.loads.get(b.start));
    const { rows } = windowFilter(this.deps.filters, window);
    return loads.flatMap((load) => (load ? load.records.filter((r) => rows.matches(r)) : []));
  }

  windowChoices(): WindowChoice[] {
    const { zone } = this.deps.settings();
    return this.deps.sources.list().flatMap((source) =>
      this.catalog.windowsOf(source.id).flatMap((definition) => {
        const fresh: WindowNode = { kind: 'window', id: nodeIds.window(source.id, definition.id), siteId: source.id, windowId: definition.id };
        const shown = this.shownRecords(fresh).length;
        return shown > 0 ? [{ node: this.nodes.node(fresh), label: windowLabel(definition, zone), shown }] : [];
      }),
    );
  }

  windowsOf(sourceId: string): WindowDefinition[] {
    return this.catalog.windowsOf(sourceId);
  }

  /** The filter kinds some source in the view runs on its server (a kind only such a source knows is offered then). */
  serverFilterKinds(): FilterKind[] {
    return [...new Set(this.deps.sources.list().flatMap((s) => s.capabilities.serverFilters))];
  }

  suggestions(kind: FilterKind): Promise<string[]> {
    return suggestionsFor(seenValues(this.catalog.cache.records(), kind), this.deps.sources.list(), kind, (text) => this.deps.log('warn', text));
  }

  /** Loaded records marked new across windows (for the view badge). */
  countNew(): number {
    return this.catalog.cache.countNew();
  }

  /** Buckets waiting to retry (a 429's Retry-After), soonest end first. */
  waits(): { label: string; until: number; kind: AuditErrorKind }[] {
    const { zone } = this.deps.settings();
    return this.catalog.cache
      .waiting()
      .map(({ sourceId, windowId, bucket, wait }) => {
        const definition = this.catalog.definition(sourceId, windowId);
        return { label: `${definition ? windowLabel(definition, zone) : windowId} › ${bucket.label}`, until: wait.until, kind: wait.kind };
      })
      .sort((a, b) => a.until - b.until);
  }
}
