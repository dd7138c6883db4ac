// The sample audit log as the tree shows it: the snapshot "Open Audit Export…" made of the shipped file, with
// its records moved forward so the newest falls in the minute it was opened, under a label that says so.
import { snapshotId } from '../sources/snapshot/ids';
import type { Snapshot } from '../sources/snapshot/snapshotSource';
import { offsetToNow, shiftedSource } from './timeShift';

/** One id per opening minute: the tree caches windows by snapshot id, and each opening moves the records anew. */
const SAMPLE_ID_PREFIX = snapshotId('sample-');

export const SAMPLE_LABEL = 'Sample audit log · times shifted to end now';

export function isSampleSnapshotId(id: string): boolean {
  return id.startsWith(SAMPLE_ID_PREFIX);
}

export function sampleSnapshot(opened: Snapshot, now: number): { snapshot: Snapshot; offsetMs: number } {
  // Without a manifest the snapshot's range is the span of its records: its end is the newest record.
  const offsetMs = offsetToNow(opened.range.end, now);
  const snapshot: Snapshot = {
    id: `${SAMPLE_ID_PREFIX}${opened.range.end + offsetMs}`,
    label: SAMPLE_LABEL,
    file: opened.file,
    range: { start: opened.range.start + offsetMs, end: opened.range.end + offsetMs },
    recordCount: opened.recordCount,
    source: shiftedSource(opened.source, offsetMs),
  };
  return { snapshot, offsetMs };
}
