// Tree: building the children of a 10,000-record bucket (model layer) and the heap held per record beyond
// its raw JSON; measured in a child started with --expose-gc (see treeChild.ts).
import { runChild } from './childProcess';
import { ratio, type FigureResult } from './results';
import { median } from './stats';
import type { TreeChildResult } from './treeChild';

const TIME_GOAL_MS = 50;
const MEMORY_GOAL_BYTES = 2048;

export async function treeFigure(): Promise<FigureResult> {
  const started = Date.now();
  const r = await runChild<TreeChildResult>('treeChild', [], ['--expose-gc']);
  // The first build runs cold (before the JIT); the median of the rest is the steady figure, the cold one is noted.
  const warm = r.buildMs.slice(1);
  const o = median(warm);
  const b = median(r.bareMs.slice(1));
  const beyond = (r.heldBytes - r.rawJsonBytes) / r.records;
  const beyondWithItems = (r.heldWithItemsBytes - r.rawJsonBytes) / r.records;
  return {
    id: 'tree',
    seconds: (Date.now() - started) / 1000,
    rows: [
      {
        figure: `Tree: children of a ${r.records.toLocaleString('en')}-record bucket vs bare nodes`,
        unit: 'ms',
        ours: o,
        baseline: b,
        ratio: ratio(o, b),
        goal: `< ${TIME_GOAL_MS} ms`,
        met: o < TIME_GOAL_MS,
        samples: { ours: warm, baseline: r.bareMs.slice(1) },
        notes: `first (cold) build ${r.buildMs[0].toFixed(0)} ms`,
      },
      {
        figure: 'Tree: heap held per record beyond its raw JSON',
        unit: 'bytes',
        ours: beyond,
        baseline: r.rawJsonBytes / r.records,
        goal: `< ${MEMORY_GOAL_BYTES} B`,
        met: beyond < MEMORY_GOAL_BYTES,
        notes: `raw JSON ${(r.rawJsonBytes / r.records).toFixed(0)} B/record (baseline column); with every item's texts also kept ${beyondWithItems.toFixed(0)} B`,
      },
    ],
    details: { ...r },
  };
}
