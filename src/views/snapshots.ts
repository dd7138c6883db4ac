// Offline snapshots: exports opened for review without a connection. Each is browsed like a site
// (windows, buckets, detail, filters) from records held in memory.
import * as vscode from 'vscode';
import type { RecordPager, RecordQuery } from '../api';

/** What the tree needs from a place that holds records: a live AuditClient satisfies it too. */
export interface RecordSource {
  pager(query: RecordQuery, options?: { pageSize?: number }): RecordPager;
}

export interface Snapshot {
  /** Always starts with "snapshot:" so it never collides with a site id. */
  id: string;
  label: string;
  /** The export file the snapshot was read from. */
  file: string;
  /** When the export was made (from its manifest), if known. */
  exportedAt?: number;
  /** The export's query window, or the span of its records. */
  range: { start: number; end: number };
  recordCount: number;
  source: RecordSource;
}

export function isSnapshotId(id: string): boolean {
  return id.startsWith('snapshot:');
}

export class SnapshotRegistry implements vscode.Disposable {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  list(): Snapshot[] {
    return [...this.snapshots.values()];
  }

  get(id: string): Snapshot | undefined {
    return this.snapshots.get(id);
  }

  add(snapshot: Snapshot): void {
    this.snapshots.set(snapshot.id, snapshot);
    this.changed.fire();
  }

  remove(id: string): void {
    if (this.snapshots.delete(id)) this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
