// Counting a window for its timeline: every page of every bucket, through the tree's own bucket loads (so a
// bucket counted here is loaded in the tree too, and one loaded in the tree is not fetched again), a few
// buckets at a time. Cancel stops taking new pages; the pages in flight finish into the tree's cache.
// No vscode import.
import { countByCategory, stackTimeline, type BarState, type TimelineChart } from '../model/timeline';
import type { SourcedRecord } from '../model/sourceFields';
import type { BucketLoad } from './bucketLoad';
import type { BucketNode, WindowNode } from './nodes';

/** At most this many buckets load at once: Confluence rate-limits a token (see the parallel benchmark). */
export const TIMELINE_CONCURRENCY = 3;

/** A bucket of a window and the tree's load of it. */
export interface BucketSlot {
  node: BucketNode;
  load: BucketLoad;
}

/** What the count asks of the tree state (TreeState implements it). */
export interface TimelineTree {
  /** The window's buckets, newest first, each with its load (made on first use). */
  bucketSlots(node: WindowNode): BucketSlot[];
  /** Loads the next page of a bucket; its row shows the new count. */
  loadPage(slot: BucketSlot): Promise<void>;
  /** The loaded records of a bucket that the filters show. */
  shownRecords(node: BucketNode): SourcedRecord[];
}

export type CountState = 'idle' | 'counting' | 'complete' | 'cancelled';

export interface CountProgress {
  state: CountState;
  counted: number;
  failed: number;
  buckets: number;
}

export class TimelineCount {
  private readonly slots: BucketSlot[];
  private readonly states: BarState[];
  private cancelled = false;
  private running: Promise<void> | undefined;
  private finished = false;

  constructor(
    private readonly tree: TimelineTree,
    readonly window: WindowNode,
    private readonly options: { concurrency?: number; changed?: () => void } = {},
  ) {
    this.slots = tree.bucketSlots(window);
    this.states = this.slots.map((s) => (isComplete(s.load) ? 'counted' : 'pending'));
  }

  /** The bars as counted so far, oldest first. */
  chart(): TimelineChart {
    return stackTimeline(this.slots.map((slot, i) => ({ bucket: slot.node.bucket, state: this.states[i], byCategory: countByCategory(this.tree.shownRecords(slot.node)) })));
  }

  /** The bucket node behind bar `index` of chart() (oldest first). */
  bucketAt(index: number): BucketNode | undefined {
    return this.slots[this.slots.length - 1 - index]?.node;
  }

  get progress(): CountProgress {
    const state: CountState = this.running ? (this.finished ? (this.cancelled ? 'cancelled' : 'complete') : 'counting') : 'idle';
    return { state, counted: this.states.filter((s) => s === 'counted').length, failed: this.states.filter((s) => s === 'failed').length, buckets: this.slots.length };
  }

  /** Counts every bucket not counted yet; calling it again while it runs returns the same run. */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  /** Takes no new pages; the buckets not finished stay pending with what they loaded so far. */
  cancel(): void {
    this.cancelled = true;
  }

  private async run(): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!this.cancelled && next < this.slots.length) await this.drain(next++);
    };
    const width = Math.min(Math.max(1, this.options.concurrency ?? TIMELINE_CONCURRENCY), this.slots.length);
    await Promise.all(Array.from({ length: width }, worker));
    this.finished = true;
    this.options.changed?.();
  }

  private async drain(index: number): Promise<void> {
    const slot = this.slots[index];
    if (this.states[index] === 'counted') return;
    this.states[index] = 'counting';
    this.options.changed?.();
    while (!this.cancelled && !isComplete(slot.load)) {
      await this.tree.loadPage(slot);
      // 'idle' after a load: the source could not be read (signed out); it would never progress.
      if (slot.load.status === 'error' || slot.load.status === 'idle') {
        this.states[index] = 'failed';
        this.options.changed?.();
        return;
      }
    }
    this.states[index] = isComplete(slot.load) ? 'counted' : 'pending';
    this.options.changed?.();
  }
}

function isComplete(load: BucketLoad): boolean {
  return load.done && load.status === 'ready';
}
