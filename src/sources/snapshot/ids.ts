// The one place that knows how a snapshot's id looks: its prefix keeps it apart from site ids (UUIDs),
// which share the tree's node ids and the stored windows.

const PREFIX = 'snapshot:';

/** The id of a snapshot from a digest of what it was opened from (the same files give the same id). */
export function snapshotId(digest: string): string {
  return `${PREFIX}${digest}`;
}

export function isSnapshotId(id: string): boolean {
  return id.startsWith(PREFIX);
}
