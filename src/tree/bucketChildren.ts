// What an expanded bucket lists: its loaded records that match the window's filter, then what comes next (a wait
// for the rate limit, an error with Retry, Load more, or why nothing is shown).
import type { ZoneSetting } from '../model/timeZone';
import type { BucketLoad } from './bucketLoad';
import { errorMessage, message, waitMessage } from './messages';
import type { NodeCache } from './nodeCache';
import type { AuditNode, BucketNode, LoadMoreNode, RecordNode } from './nodes';
import type { RowFilter } from './windowFilter';

/** Which records show, and what hides the others: a saved query's own query, the view's filters and query. */
export interface ShownBy {
  rows: RowFilter;
  savedQuery: boolean;
  viewFiltered: boolean;
}

export function bucketChildren(node: BucketNode, load: BucketLoad, newSince: number | undefined, shown: ShownBy, zone: ZoneSetting, nodes: NodeCache): AuditNode[] {
  const children: AuditNode[] = [];
  load.records.forEach((record, index) => {
    if (!shown.rows.matches(record)) return;
    children.push({
      kind: 'record',
      id: `${node.id}/record:${index}`,
      siteId: node.siteId,
      windowId: node.windowId,
      record,
      isNew: newSince !== undefined && record.creationDate > newSince,
    } satisfies RecordNode);
  });
  if (load.waiting) {
    children.push(waitMessage(node, load.waiting, zone));
    return children;
  }
  if (load.error) {
    children.push(errorMessage(`${node.id}/error`, load.error, { command: 'confluenceAudit.retry', title: 'Retry', args: [node] }));
    return children;
  }
  if (!load.done) {
    children.push(
      nodes.node<LoadMoreNode>({ kind: 'loadMore', id: `${node.id}/more`, siteId: node.siteId, windowId: node.windowId, bucketStart: node.bucket.start, bucketId: node.id, loading: false }),
    );
  } else if (load.records.length === 0) {
    children.push(message(`${node.id}/empty`, 'No records in this time range.', 'info'));
  }
  if (load.records.length > 0 && children.filter((c) => c.kind === 'record').length === 0) {
    const by = shown.savedQuery ? `this saved query${shown.viewFiltered ? ' and the filters' : ''}` : 'the filters';
    // Clearing the view's filters cannot show what a saved query leaves out: offered only when they hide some.
    const clear = shown.viewFiltered ? { command: 'confluenceAudit.clearFilters', title: 'Clear Filters', args: [] } : undefined;
    children.unshift(message(`${node.id}/filtered`, `No loaded record matches ${by} (${load.records.length} hidden).`, 'info', undefined, clear));
  }
  return children;
}
