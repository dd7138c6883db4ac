// The tree's node kinds: a small discriminated union with stable ids, so expansion survives a refresh.
// A site node stands for any source (a site, a snapshot); its `siteId` is the source's id.
import type { Bucket } from '../model/buckets';
import type { SourcedRecord } from '../model/sourceFields';

export interface SiteNode {
  kind: 'site';
  id: string;
  siteId: string;
}

export interface WindowNode {
  kind: 'window';
  id: string;
  siteId: string;
  windowId: string;
}

export interface BucketNode {
  kind: 'bucket';
  id: string;
  siteId: string;
  windowId: string;
  bucket: Bucket;
}

export interface RecordNode {
  kind: 'record';
  id: string;
  siteId: string;
  windowId: string;
  record: SourcedRecord;
  /** Whether an auto-refresh brought this record in since the user last refreshed. */
  isNew: boolean;
}

export interface LoadMoreNode {
  kind: 'loadMore';
  id: string;
  siteId: string;
  windowId: string;
  bucketStart: number;
  /** The node id of the bucket it pages. */
  bucketId: string;
  loading: boolean;
}

export type MessageSeverity = 'info' | 'warning' | 'error' | 'loading';

export interface MessageNode {
  kind: 'message';
  id: string;
  text: string;
  detail?: string;
  severity: MessageSeverity;
  /** The next action, run when the item is selected. */
  action?: { command: string; title: string; args: unknown[] };
  contextValue: string;
}

export type AuditNode = SiteNode | WindowNode | BucketNode | RecordNode | LoadMoreNode | MessageNode;

export const nodeIds = {
  site: (siteId: string) => `site:${siteId}`,
  window: (siteId: string, windowId: string) => `site:${siteId}/window:${windowId}`,
  /**
   * A bucket is named by its calendar period (granularity and label), not its first instant: a refresh that
   * moves a relative window cuts its oldest bucket later, and it must stay the same node (and stay expanded).
   */
  bucket: (siteId: string, windowId: string, bucket: Pick<Bucket, 'granularity' | 'label'>) => `site:${siteId}/window:${windowId}/bucket:${bucket.granularity}:${bucket.label}`,
};
