// The windows each source lists (its own first, then the user's, then the saved queries) and how a definition becomes a resolved
// window in the cache: shared by the tree's listing and by the queries of what it has loaded.
import type { WindowDefinition } from '../model/timeWindow';
import type { TreeStateDeps } from './deps';
import type { ResolvedWindow, WindowCache } from './windowCache';

export class WindowCatalog {
  constructor(
    private readonly deps: Pick<TreeStateDeps, 'sources' | 'windows' | 'savedQueries' | 'settings'>,
    readonly cache: WindowCache,
    readonly now: () => number,
  ) {}

  windowsOf(sourceId: string): WindowDefinition[] {
    const saved = this.deps.savedQueries?.windows() ?? [];
    return [...this.deps.windows.list(sourceId, this.deps.sources.get(sourceId)?.windows ?? []), ...saved];
  }

  definition(sourceId: string, windowId: string): WindowDefinition | undefined {
    return this.windowsOf(sourceId).find((w) => w.id === windowId);
  }

  /** The window as resolved before (a relative window stays pinned until it is dropped), or resolved now. */
  resolve(sourceId: string, definition: WindowDefinition): ResolvedWindow {
    const { zone, granularity } = this.deps.settings();
    return this.cache.resolve(sourceId, definition, this.now(), zone, granularity);
  }
}
