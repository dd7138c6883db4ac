// The time windows shown under a source: its own (the presets, a snapshot's whole export) plus the user's
// custom windows, and each window's search string. Kept in global state per source (no secrets; survives
// reloads).
import type { TimeWindowSpec, WindowDefinition } from '../model/timeWindow';
import type { KeyValueState } from './storage';

const KEY_PREFIX = 'confluenceAudit.windows.';

interface StoredWindows {
  custom: WindowDefinition[];
  searches: Record<string, string>;
}

function isStored(value: unknown): value is StoredWindows {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredWindows>;
  return Array.isArray(v.custom) && typeof v.searches === 'object' && v.searches !== null;
}

export class WindowStore {
  constructor(private readonly state: KeyValueState) {}

  private read(siteId: string): StoredWindows {
    const value = this.state.get(KEY_PREFIX + siteId);
    return isStored(value) ? value : { custom: [], searches: {} };
  }

  private async write(siteId: string, value: StoredWindows): Promise<void> {
    await this.state.update(KEY_PREFIX + siteId, value);
  }

  /** The source's own windows (`first`), then custom windows in the order they were added; each with its search string. */
  list(siteId: string, first: readonly WindowDefinition[]): WindowDefinition[] {
    const stored = this.read(siteId);
    return [...first, ...stored.custom].map((w) => {
      const search = stored.searches[w.id];
      return search ? { ...w, searchString: search } : { ...w, searchString: undefined };
    });
  }

  isCustom(windowId: string): boolean {
    return windowId.startsWith('custom-');
  }

  async addCustom(siteId: string, spec: TimeWindowSpec, label?: string): Promise<WindowDefinition> {
    const stored = this.read(siteId);
    const definition: WindowDefinition = { id: `custom-${Date.now().toString(36)}-${stored.custom.length}`, spec, label };
    stored.custom.push(definition);
    await this.write(siteId, stored);
    return definition;
  }

  async removeCustom(siteId: string, windowId: string): Promise<void> {
    const stored = this.read(siteId);
    stored.custom = stored.custom.filter((w) => w.id !== windowId);
    delete stored.searches[windowId];
    await this.write(siteId, stored);
  }

  async setSearch(siteId: string, windowId: string, search: string | undefined): Promise<void> {
    const stored = this.read(siteId);
    if (search && search.trim()) stored.searches[windowId] = search.trim();
    else delete stored.searches[windowId];
    await this.write(siteId, stored);
  }

  async forgetSite(siteId: string): Promise<void> {
    await this.state.update(KEY_PREFIX + siteId, undefined);
  }
}
