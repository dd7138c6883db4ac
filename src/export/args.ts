// Command arguments. From a tree item VS Code passes the node; automation and tests pass an options
// object (everything the prompts would ask, plus where to save and whether to reveal the result).
import type { BucketNode, WindowNode } from '../tree/nodes';

export interface CommonArgs {
  /** Workspace folder name, URI or path (default: the only or first folder). */
  folder?: string;
  /** Open/reveal the result (default true). */
  reveal?: boolean;
  /** Cancels like the notification's Cancel button (automation and tests). */
  signal?: AbortSignal;
}

export interface ServerExportArgs extends CommonArgs {
  siteId: string;
  /** Inclusive epoch-ms bounds. */
  start: number;
  end: number;
  searchString?: string;
}

export interface ShownExportArgs extends CommonArgs {
  node: WindowNode | BucketNode;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isWindowOrBucket(v: unknown): v is WindowNode | BucketNode {
  return isObject(v) && (v.kind === 'window' || v.kind === 'bucket') && typeof v.siteId === 'string' && typeof v.windowId === 'string';
}

function isAbortSignal(v: unknown): v is AbortSignal {
  return isObject(v) && typeof v.aborted === 'boolean' && typeof v.addEventListener === 'function';
}

export function commonArgs(v: unknown): CommonArgs {
  if (!isObject(v)) return {};
  return {
    folder: typeof v.folder === 'string' ? v.folder : undefined,
    reveal: typeof v.reveal === 'boolean' ? v.reveal : undefined,
    signal: isAbortSignal(v.signal) ? v.signal : undefined,
  };
}

/** The options object of an automated server export, or a sentence saying what is wrong with it. */
export function serverExportArgs(v: unknown): ServerExportArgs | string | undefined {
  if (!isObject(v) || isWindowOrBucket(v) || !('siteId' in v)) return undefined;
  const { siteId, start, end, searchString } = v;
  if (typeof siteId !== 'string') return 'siteId must be a string';
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end) {
    return 'start and end must be epoch milliseconds with start <= end';
  }
  if (searchString !== undefined && typeof searchString !== 'string') return 'searchString must be a string';
  return { ...commonArgs(v), siteId, start, end, searchString: searchString === '' ? undefined : searchString };
}

export function shownExportArgs(v: unknown): ShownExportArgs | undefined {
  if (isWindowOrBucket(v)) return { node: v };
  if (isObject(v) && isWindowOrBucket(v.node)) return { ...commonArgs(v), node: v.node };
  return undefined;
}
