// The time windows shown under a site: the presets plus the user's custom windows, and each window's
// server-side search string. Kept in global state per site (no secrets; survives reloads).
import * as vscode from 'vscode';
import { PRESETS, type TimeWindowSpec, type WindowDefinition } from '../model/timeWindow';

const KEY_PREFIX = 'confluenceAudit.windows.';

interface StoredWindows {
  custom: WindowDefinition[];
  searches: Record<string, string>;
}

function presetDefinitions(): WindowDefinition[] {
  return PRESETS.map((p) => ({ id: p.id, spec: { kind: 'preset', id: p.id } }));
}

function isStored(value: unknown): value is StoredWindows {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredWindows>;
  return Array.isArray(v.custom) && typeof v.searches === 'object' && v.searches !== null;
}

export class WindowStore {
  constructor(private readonly state: vscode.Memento) {}

  private read(siteId: string): StoredWindows {
    const value = this.state.get<unknown>(KEY_PREFIX + siteId);
    return isStored(value) ? value : { custom: [], searches: {} };
  }

  private async write(siteId: string, value: StoredWindows): Promise<void> {
    await this.state.update(KEY_PREFIX + siteId, value);
  }

  /** Presets first (unless a snapshot supplies its own), then custom windows in the order they were added; each with its search string. */
  list(siteId: string, first: WindowDefinition[] = presetDefinitions()): WindowDefinition[] {
    const stored = this.read(siteId);
    return [...first, ...stored.custom].map((w) => {
      const search = stored.searches[w.id];
      return search ? { ...w, searchString: search } : { ...w, searchString: undefined };
    });
  }

  get(siteId: string, windowId: string, first?: WindowDefinition[]): WindowDefinition | undefined {
    return this.list(siteId, first).find((w) => w.id === windowId);
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
