// The snapshots open in this window (exports opened for review), listed in the tree after the sites.
// Opening the same files again replaces the snapshot. No vscode import.
import { Emitter, type Disposable, type Event } from '../../model/emitter';
import type { SourceChange, SourceList } from '../source';
import { isSnapshotId } from './ids';
import { SnapshotSource, type Snapshot } from './snapshotSource';

export class SnapshotRegistry implements SourceList, Disposable {
  private readonly entries = new Map<string, SnapshotSource>();
  private readonly changed = new Emitter<void>();
  /** Fires when a snapshot is added or removed. */
  readonly onDidChange: Event<void> = this.changed.event;
  /** Adding or removing a snapshot changes the list only: the records of the others stay loaded. */
  readonly onDidChangeSources: Event<SourceChange> = (listener) => this.changed.event(() => listener({ reload: false }));

  /** `fileUrl` turns a snapshot's file into the URL its exported records name as their site. */
  constructor(private readonly fileUrl: (file: string) => string) {}

  list(): Snapshot[] {
    return [...this.entries.values()].map((s) => s.snapshot);
  }

  get(id: string): Snapshot | undefined {
    return this.entries.get(id)?.snapshot;
  }

  sources(): SnapshotSource[] {
    return [...this.entries.values()];
  }

  source(id: string): SnapshotSource | undefined {
    return this.entries.get(id);
  }

  add(snapshot: Snapshot): void {
    if (!isSnapshotId(snapshot.id)) throw new Error(`${snapshot.id} is not a snapshot id`);
    this.entries.set(snapshot.id, new SnapshotSource(snapshot, this.fileUrl(snapshot.file)));
    this.changed.fire();
  }

  remove(id: string): void {
    if (this.entries.delete(id)) this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
