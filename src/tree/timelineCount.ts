// Counting a window for its timeline: every page of every bucket, through the tree's own bucket loads (so a
// bucket counted here is loaded in the tree too, and one loaded in the tree is not fetched again), a few
// buckets at a time. Cancel stops taking new pages; the pages in flight finish into the tree's cache.
// A refresh of the tree drops its loads: a count still running takes the window's new loads and counts the
// buckets again, and a finished count keeps the counts it made and says they are stale. No vscode import.
import { countByCategory, stackTimeline, type BarState, type TimelineChart } from '../model/timeline';
import type { Disposable, Event } from '../model/emitter';
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
  /** The records of a load that the filters show (the load may be one the tree has dropped since). */
  shownOf(load: BucketLoad): SourcedRecord[];
  /** Loaded pages were dropped (refresh, auto-refresh, a source reloaded): loads taken before may be stale. */
  readonly onDidDropLoads: Event<void>;
}

export type CountState = 'idle' | 'counting' | 'complete' | 'cancelled';

export interface CountProgress {
  state: CountState;
  counted: number;
  failed: number;
  buckets: number;
  /** The tree was refreshed after this count finished: the counts are of the loads as they were. */
  stale: boolean;
  /** Why a failed bucket failed (the first one), for the panel to say. */
  failure?: string;
}

export class TimelineCount implements Disposable {
  private slots: BucketSlot[];
  private states: BarState[];
  /** Bumped when the slots are taken again: a page that lands for an older slot no longer counts. */
  private epoch = 0;
  private cancelled = false;
  private running: Promise<void> | undefined;
  private finished = false;
  private stale = false;
  private readonly subscription: Disposable;

  constructor(
    private readonly tree: TimelineTree,
    readonly window: WindowNode,
    private readonly options: { concurrency?: number; changed?: () => void } = {},
  ) {
    this.slots = tree.bucketSlots(window);
    this.states = initialStates(this.slots);
    this.subscription = tree.onDidDropLoads(() => this.loadsDropped());
  }

  /** The bars as counted so far, oldest first. */
  chart(): TimelineChart {
    return stackTimeline(this.slots.map((slot, i) => ({ bucket: slot.node.bucket, state: this.states[i], byCategory: countByCategory(this.tree.shownOf(slot.load)) })));
  }

  /** The bucket node behind bar `index` of chart() (oldest first). */
  bucketAt(index: number): BucketNode | undefined {
    return this.slots[this.slots.length - 1 - index]?.node;
  }

  get progress(): CountProgress {
    const state: CountState = this.running ? (this.finished ? (this.cancelled ? 'cancelled' : 'complete') : 'counting') : 'idle';
    const failedAt = this.states.indexOf('failed');
    const failure = failedAt >= 0 ? (this.slots[failedAt].load.error?.message ?? 'The source could not be read (signed out?).') : undefined;
    return {
      state,
      counted: this.states.filter((s) => s === 'counted').length,
      failed: this.states.filter((s) => s === 'failed').length,
      buckets: this.slots.length,
      stale: this.stale,
      ...(failure !== undefined ? { failure } : {}),
    };
  }

  /** Counts every bucket not counted yet; calling it again while it runs returns the same run. */
  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  /**
   * Counts again after a stop, a failure or a refresh: takes the window's loads as the tree has them now
   * (complete ones count at once, failed ones retry from the page that failed). While counting, the same run.
   */
  recount(): Promise<void> {
    if (this.running && !this.finished) return this.running;
    this.take(this.tree.bucketSlots(this.window));
    this.cancelled = false;
    this.finished = false;
    this.stale = false;
    this.running = this.run();
    this.options.changed?.();
    return this.running;
  }

  /** Takes no new pages; the buckets not finished stay pending with what they loaded so far. */
  cancel(): void {
    this.cancelled = true;
  }

  dispose(): void {
    this.cancel();
    this.subscription.dispose();
  }

  private loadsDropped(): void {
    const fresh = this.tree.bucketSlots(this.window);
    // Another window's or source's refresh leaves this window's loads as they were.
    if (fresh.length === this.slots.length && fresh.every((slot, i) => slot.load === this.slots[i].load)) return;
    // Not started or counting: go on over the new loads (the dropped ones no longer fill the tree, and a
    // dropped load's cancelled page would read as failed). Finished or stopped: keep the counts made and
    // say they are stale.
    if (!this.finished && !this.cancelled) this.take(fresh);
    else this.stale = true;
    this.options.changed?.();
  }

  private take(slots: BucketSlot[]): void {
    this.epoch += 1;
    this.slots = slots;
    this.states = initialStates(slots);
  }

  private async run(): Promise<void> {
    // Workers take the next pending bucket; a refresh can make buckets pending again after some workers
    // found none left, so the round repeats until none is pending.
    while (!this.cancelled && this.states.includes('pending')) {
      const width = Math.min(Math.max(1, this.options.concurrency ?? TIMELINE_CONCURRENCY), this.slots.length);
      await Promise.all(Array.from({ length: width }, () => this.worker()));
    }
    this.finished = true;
    this.options.changed?.();
  }

  private async worker(): Promise<void> {
    for (let index = this.states.indexOf('pending'); !this.cancelled && index >= 0; index = this.states.indexOf('pending')) await this.drain(index);
  }

  private async drain(index: number): Promise<void> {
    const epoch = this.epoch;
    const slot = this.slots[index];
    this.states[index] = 'counting';
    this.options.changed?.();
    while (!this.cancelled && !isComplete(slot.load)) {
      await this.tree.loadPage(slot);
      // The tree was refreshed meanwhile: this load is not the tree's any more, and its state (perhaps the
      // error of its cancelled page) says nothing about the bucket; the new slots are counted instead.
      if (epoch !== this.epoch) return;
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

function initialStates(slots: BucketSlot[]): BarState[] {
  return slots.map((s) => (isComplete(s.load) ? 'counted' : 'pending'));
}

function isComplete(load: BucketLoad): boolean {
  return load.done && load.status === 'ready';
}
