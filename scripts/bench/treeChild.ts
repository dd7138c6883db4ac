// Child process (node --expose-gc): builds the children of a 10,000-record bucket the way the tree does
// (RecordList, the filter, one node per record, then each record's label, description, icon and
// accessibility label; the tooltip is resolved on hover by resolveTreeItem, one record at a time) and
// measures the time and the heap held per record beyond its raw JSON.
import { performance } from 'node:perf_hooks';
import { parseAuditRecordArray, type AuditRecord } from '../../src/api';
import { RecordList, type RecordFilter } from '../../src/model';
import { categoryIconId, recordAccessibilityLabel, recordDescription, recordLabel } from '../../src/model/recordView';
import type { ZoneSetting } from '../../src/model/timeZone';
import type { RecordNode } from '../../src/tree/nodes';
import { startSimulator } from '../../simulator';
import { reply } from './childProcess';

export interface TreeChildResult {
  records: number;
  rawJsonBytes: number;
  buildMs: number[];
  bareMs: number[];
  heldBytes: number;
  heldWithItemsBytes: number;
}

interface ItemLike {
  label: string;
  description: string;
  icon: string;
  accessibility: string;
}

const RECORDS = 10_000;
const PAGE = 1000;
const ZONE: ZoneSetting = 'local';
const BUCKET_ID = 'site:s1/window:last-7-days/bucket:1736899200000';
const NO_FILTER: RecordFilter = {};

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  collect();
  collect();
}

/** The wire pages of one bucket, exactly as the simulator serves them. */
async function wirePages(): Promise<string[]> {
  const anchor = Date.UTC(2025, 0, 15, 23, 59, 59, 999);
  const sim = await startSimulator({ records: RECORDS, seed: 31, anchor, now: () => anchor, periodDays: 1 });
  const all = sim.recordsInRange(0, anchor);
  await sim.stop();
  const pages: string[] = [];
  for (let start = 0; start < all.length; start += PAGE) {
    const results = all.slice(start, start + PAGE);
    pages.push(JSON.stringify({ results, start, limit: PAGE, size: results.length, _links: {} }));
  }
  return pages;
}

/** What the tree holds for a loaded bucket: the records and one node per shown record. */
function buildChildren(pages: readonly AuditRecord[][]): { list: RecordList; nodes: RecordNode[] } {
  const list = new RecordList();
  for (const page of pages) list.append(page);
  const nodes: RecordNode[] = [];
  list.filtered(NO_FILTER).forEach((record, index) => {
    nodes.push({ kind: 'record', id: `${BUCKET_ID}/record:${index}`, siteId: 's1', windowId: 'last-7-days', record, isNew: false });
  });
  return { list, nodes };
}

/** The text getTreeItem computes for each record node. */
function presentAll(nodes: readonly RecordNode[]): ItemLike[] {
  return nodes.map(({ record }) => ({
    label: recordLabel(record),
    description: recordDescription(record, ZONE),
    icon: categoryIconId(record.category),
    accessibility: recordAccessibilityLabel(record, ZONE),
  }));
}

/** The least any tree must do: one bare node per record. */
function bareNodes(pages: readonly AuditRecord[][]): Array<{ id: string; record: AuditRecord }> {
  const nodes: Array<{ id: string; record: AuditRecord }> = [];
  let index = 0;
  for (const page of pages) for (const record of page) nodes.push({ id: `${BUCKET_ID}/record:${index++}`, record });
  return nodes;
}

function parsePages(texts: readonly string[]): AuditRecord[][] {
  return texts.map((text) => parseAuditRecordArray(JSON.parse(text) as unknown, { start: 0, limit: PAGE }).results);
}

async function main(): Promise<void> {
  const texts = await wirePages();
  const pages = parsePages(texts);
  const records = pages.reduce((n, p) => n + p.length, 0);
  if (records !== RECORDS) throw new Error(`expected ${RECORDS} records, got ${records}`);
  let rawJsonBytes = 0;
  for (const page of pages) for (const r of page) rawJsonBytes += Buffer.byteLength(JSON.stringify(r));

  const buildMs: number[] = [];
  const bareMs: number[] = [];
  let sink = 0;
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    const { nodes } = buildChildren(pages);
    sink += presentAll(nodes).length;
    buildMs.push(performance.now() - t);
    t = performance.now();
    sink += bareNodes(pages).length;
    bareMs.push(performance.now() - t);
  }
  if (sink !== 14 * RECORDS) throw new Error('lost records');

  // Memory: parse fresh records from the wire text (kept throughout, so it cancels out), hold what the
  // tree holds, and compare the heap after full collections.
  pages.length = 0;
  gc();
  const before = process.memoryUsage().heapUsed;
  const held = buildChildren(parsePages(texts));
  gc();
  const heldBytes = process.memoryUsage().heapUsed - before;
  const items = presentAll(held.nodes);
  gc();
  const heldWithItemsBytes = process.memoryUsage().heapUsed - before;
  if (held.list.count !== RECORDS || items.length !== RECORDS) throw new Error('lost records');

  const result: TreeChildResult = { records, rawJsonBytes, buildMs, bareMs, heldBytes, heldWithItemsBytes };
  reply(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
