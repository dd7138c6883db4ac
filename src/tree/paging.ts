// Loading a bucket's pages from its source. A bucket's load is made on its first expansion and asks the
// source only for what the source does itself (search, server-side filters); pages load under the view's
// progress bar, and a source that cannot be read now (signed out) loads nothing.
import type { FilterKind, RecordFilter } from '../model/filters';
import type { AuditSource } from '../sources/source';
import { BucketLoad } from './bucketLoad';
import type { BucketNode } from './nodes';
import type { ResolvedWindow } from './windowCache';

export interface PagingDeps {
  sources: { get(id: string): AuditSource | undefined };
  filters: { readonly filter: RecordFilter };
  pageSize: () => number;
  /** Runs a page load under the view's progress bar; without one, just runs it. */
  progress?: (task: () => Promise<void>) => PromiseLike<void>;
  /** A bucket's load began or stopped waiting to retry. */
  waitChanged(node: BucketNode, load: BucketLoad): void;
  /** A page arrived or failed. */
  pageDone(): void;
}

export class Paging {
  constructor(private readonly deps: PagingDeps) {}

  /** The bucket's load in `window`, made on first use. */
  loadOf(node: BucketNode, window: ResolvedWindow): BucketLoad {
    let load = window.loads.get(node.bucket.start);
    if (!load) {
      const capabilities = this.deps.sources.get(node.siteId)?.capabilities;
      const search = capabilities?.search ? window.searchString : undefined;
      const current = new BucketLoad(node.bucket.start, node.bucket.end, search, serverPart(this.deps.filters.filter, capabilities?.serverFilters ?? []));
      current.onWaitChange(() => this.deps.waitChanged(node, current));
      window.loads.set(node.bucket.start, current);
      load = current;
    }
    return load;
  }

  /**
   * Loads the first page. A rate-limited page waits (Retry-After can be long), so this resolves as soon as
   * the page is in or a wait began; `arrived` resolves when the page is in.
   */
  async first(sourceId: string, load: BucketLoad): Promise<{ waiting: boolean; arrived: Promise<void> }> {
    const arrived = this.next(sourceId, load);
    let stop = (): void => undefined;
    const waitBegan = new Promise<'waiting'>((resolve) => {
      stop = load.onWaitChange(() => load.waiting && resolve('waiting'));
    });
    const first = await Promise.race([arrived.then(() => 'loaded' as const), waitBegan]);
    stop();
    return { waiting: first === 'waiting', arrived };
  }

  /** Loads the next page of `load`. Never rejects: a failure lands in the load's error. */
  async next(sourceId: string, load: BucketLoad): Promise<void> {
    const access = await this.deps.sources.get(sourceId)?.open();
    if (!access?.ok) return;
    const run = (): Promise<void> => load.loadNext(access.reader, this.deps.pageSize());
    await (this.deps.progress ? this.deps.progress(run) : run());
    this.deps.pageDone();
  }
}

/** The kinds of `filter` a source applies itself, or undefined when it applies none of them. */
function serverPart(filter: RecordFilter, kinds: readonly FilterKind[]): RecordFilter | undefined {
  const part: RecordFilter = {};
  for (const kind of kinds) if (filter[kind]?.length) part[kind] = filter[kind];
  return Object.keys(part).length > 0 ? part : undefined;
}
