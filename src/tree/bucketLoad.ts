// Loading state of one bucket: its pager (the source's cursor through the bucket's range), the records
// loaded so far, and the in-flight page so that a reset can cancel it. No vscode import.
import { observeRetryWaits, toAuditError, type AuditError, type RetryWait } from '../api';
import type { RecordFilter } from '../model/filters';
import type { SourcedRecord } from '../model/sourceFields';
import type { WindowPager, WindowReader } from '../sources/source';

export type BucketStatus = 'idle' | 'loading' | 'ready' | 'error';

export class BucketLoad {
  readonly records: SourcedRecord[] = [];
  status: BucketStatus = 'idle';
  error: AuditError | undefined;
  /** Set while the request in flight waits to retry (a 429's Retry-After): the node says until when. */
  waiting: RetryWait | undefined;
  private readonly waitListeners = new Set<() => void>();
  private pager: WindowPager | undefined;
  private inflight: Promise<void> | undefined;
  private abort: AbortController | undefined;

  constructor(
    readonly start: number,
    readonly end: number,
    /** Set only when the source searches (see capabilities). */
    readonly searchString: string | undefined,
    /** The part of the view's filter the source applies itself, if any. */
    readonly filter?: RecordFilter,
  ) {}

  get done(): boolean {
    return this.pager?.done ?? false;
  }

  /** Loads the next page; concurrent calls share one request. Never rejects: errors land in `error`. */
  loadNext(reader: WindowReader, pageSize: number): Promise<void> {
    this.inflight ??= this.fetch(reader, pageSize).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetch(reader: WindowReader, pageSize: number): Promise<void> {
    const filter = this.filter ? { filter: this.filter } : {};
    this.pager ??= reader.pager({ kind: 'range', startDate: this.start, endDate: this.end, searchString: this.searchString, ...filter }, { pageSize });
    this.status = 'loading';
    this.abort = new AbortController();
    const stopObserving = observeRetryWaits(this.abort.signal, (wait) => this.setWaiting(wait));
    try {
      const page = await this.pager.next(this.abort.signal);
      for (const record of page) this.records.push(record);
      this.status = 'ready';
      this.error = undefined;
    } catch (error) {
      this.status = 'error';
      this.error = toAuditError(error);
    } finally {
      stopObserving();
      this.waiting = undefined;
      this.abort = undefined;
    }
  }

  /** Calls `listener` when a wait to retry begins or ends; returns a function that stops it. */
  onWaitChange(listener: () => void): () => void {
    this.waitListeners.add(listener);
    return () => void this.waitListeners.delete(listener);
  }

  private setWaiting(wait: RetryWait | undefined): void {
    this.waiting = wait;
    for (const listener of this.waitListeners) listener();
  }

  /** Stops a request in flight (the node was refreshed, the tree disposed, or the user cancelled a wait). */
  cancel(): void {
    this.abort?.abort();
  }
}
