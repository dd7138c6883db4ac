// The saved queries, kept in global state (per user, across workspaces; no secrets) and listed under every
// source as windows after its own. What is read back is checked again (model/savedQuery.ts): an entry that
// does not hold is dropped, never shown.
import { Emitter, type Disposable, type Event } from '../model/emitter';
import { MAX_SAVED_QUERIES, parseStoredSavedQueries, type SavedQuery } from '../model/savedQuery';
import type { WindowDefinition } from '../model/timeWindow';
import type { KeyValueState } from './storage';

const STATE_KEY = 'confluenceAudit.savedQueries';

export class SavedQueryStore implements Disposable {
  private readonly changed = new Emitter<void>();
  /** A saved query was added, changed or removed. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    private readonly state: KeyValueState,
    private readonly now: () => number = Date.now,
  ) {}

  list(): SavedQuery[] {
    return parseStoredSavedQueries(this.state.get(STATE_KEY), this.now());
  }

  get(id: string): SavedQuery | undefined {
    return this.list().find((s) => s.id === id);
  }

  /** Each saved query as the window it is under a source: labelled with its name, carrying its query. */
  windows(): WindowDefinition[] {
    return this.list().map((s) => ({ id: s.id, spec: s.window, label: s.name, query: s.query }));
  }

  isSaved(windowId: string): boolean {
    return windowId.startsWith('saved-');
  }

  /** A fresh id of the form the store reads back. */
  newId(): string {
    const taken = new Set(this.list().map((s) => s.id));
    let n = taken.size;
    while (taken.has(`saved-${this.now().toString(36)}-${n}`)) n++;
    return `saved-${this.now().toString(36)}-${n}`;
  }

  /** Adds `saved` (already checked: model/savedQuery makeSavedQuery), or replaces the one with its id. */
  async put(saved: SavedQuery): Promise<void> {
    const list = this.list();
    const at = list.findIndex((s) => s.id === saved.id);
    if (at < 0 && list.length >= MAX_SAVED_QUERIES) throw new Error(`At most ${MAX_SAVED_QUERIES} queries can be saved: remove one first.`);
    if (at < 0) list.push(saved);
    else list[at] = saved;
    await this.write(list);
  }

  async remove(id: string): Promise<boolean> {
    const list = this.list();
    const kept = list.filter((s) => s.id !== id);
    if (kept.length === list.length) return false;
    await this.write(kept);
    return true;
  }

  private async write(list: SavedQuery[]): Promise<void> {
    await this.state.update(STATE_KEY, list.length > 0 ? list : undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
