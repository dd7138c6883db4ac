// What each node's row shows, from the sources, the windows and what is loaded: a source's row, a window's
// (its range, its note of which filter ran where, what export it offers) and a bucket's (its count).
import { resolveWindow } from '../model/timeWindow';
import type { SourceRow } from '../sources/source';
import type { TreeStateDeps } from './deps';
import type { BucketNode, SiteNode, WindowNode } from './nodes';
import { bucketRow, missingSourceRow, withQueryNote, windowRow, type BucketRow, type ExportOffer, type WindowRow } from './rows';
import type { WindowCatalog } from './windowCatalog';
import { savedQueryNote, windowFilter } from './windowFilter';

export class TreeRows {
  constructor(
    private readonly deps: Pick<TreeStateDeps, 'sources' | 'windows' | 'filters' | 'settings'>,
    private readonly catalog: WindowCatalog,
  ) {}

  sourceRow(node: SiteNode): SourceRow {
    return this.deps.sources.get(node.siteId)?.row(this.deps.settings().zone) ?? missingSourceRow(node.siteId);
  }

  windowRow(node: WindowNode): WindowRow {
    const { zone } = this.deps.settings();
    const definition = this.catalog.definition(node.siteId, node.windowId);
    const range = definition && (this.catalog.cache.get(node.siteId, node.windowId)?.range ?? resolveWindow(definition.spec, this.catalog.now(), zone));
    const source = this.deps.sources.get(node.siteId);
    const serverFilters = source?.capabilities.serverFilters ?? [];
    const saved = definition && savedQueryNote(this.deps.filters, definition, serverFilters);
    return windowRow(node.windowId, definition, range, zone, {
      custom: this.deps.windows.isCustom(node.windowId),
      offer: this.exportOffer(node.siteId),
      note: withQueryNote(source?.windowNote?.(windowFilter(this.deps.filters, definition).server), this.deps.filters.query, serverFilters, saved),
    });
  }

  bucketRow(node: BucketNode): BucketRow {
    const load = this.catalog.cache.get(node.siteId, node.windowId)?.loads.get(node.bucket.start);
    const definition = this.catalog.definition(node.siteId, node.windowId);
    // A saved query's buckets, like its window, do not offer the whole-window export: it would not be filtered.
    const offer = definition?.query === undefined ? this.exportOffer(node.siteId) : { live: false, events: false };
    return bucketRow(node.bucket, load, windowFilter(this.deps.filters, definition).rows, this.deps.settings().zone, offer);
  }

  /** How the source's windows and buckets are exported whole; a source that is gone keeps its menus. */
  exportOffer(sourceId: string): ExportOffer {
    const source = this.deps.sources.get(sourceId);
    const events = source !== undefined && source.serverExport === undefined && source.eventExport !== undefined;
    return { live: !source || source.serverExport !== undefined || events, events };
  }
}
