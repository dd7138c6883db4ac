// Every source the tree shows, one list per kind in the order they are listed (sites before snapshots).
// The tree, commands and exports look sources up here by id. No vscode import.
import { Emitter, type Disposable, type Event } from '../model/emitter';
import type { AuditSource, SourceChange, SourceList } from './source';

/** Looking a source up by id: all that commands and exports need. */
export interface SourceLookup {
  get(id: string): AuditSource | undefined;
}

export class SourceDirectory implements SourceLookup, Disposable {
  private readonly changed = new Emitter<SourceChange>();
  readonly onDidChange: Event<SourceChange> = this.changed.event;
  private readonly subscriptions: Disposable[];

  constructor(private readonly lists: readonly SourceList[]) {
    this.subscriptions = lists.map((list) => list.onDidChangeSources((change) => this.changed.fire(change)));
  }

  list(): AuditSource[] {
    return this.lists.flatMap((list) => list.sources());
  }

  get(id: string): AuditSource | undefined {
    for (const list of this.lists) {
      const source = list.source(id);
      if (source) return source;
    }
    return undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
