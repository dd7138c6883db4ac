// Offline open: a 1,000,000-row export loaded through the extension's offline core (loadExport, streaming
// papaparse into the compact RecordTable) versus papaparse parsing the same file with an empty step. Each
// run is a fresh child process, so one run's heap does not slow the next.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild } from './childProcess';
import { basicAuth } from './clients';
import { curlDownload } from './curl';
import type { OfflineChildResult } from './offlineChild';
import { ratio, type FigureResult } from './results';
import { startSimProcess } from './simProcess';
import { median } from './stats';

const ANCHOR = Date.UTC(2025, 0, 15, 12, 0, 0);

export async function offlineFigure(repetitions: number, records = 1_000_000): Promise<FigureResult> {
  const started = Date.now();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-bench-offline-'));
  const file = path.join(folder, 'export.csv');
  try {
    const sim = await startSimProcess({ records, seed: 61, anchor: ANCHOR, fixedNow: ANCHOR, periodDays: 100, requestLogLimit: 100 });
    try {
      await curlDownload(`${sim.url}/wiki/rest/api/audit/export?format=csv`, basicAuth(sim), file);
    } finally {
      await sim.stop();
    }
    const ours: OfflineChildResult[] = [];
    const bare: OfflineChildResult[] = [];
    for (let i = 0; i < repetitions; i++) {
      const pair = [
        async () => ours.push(await runChild<OfflineChildResult>('offlineChild', ['ours', file])),
        async () => bare.push(await runChild<OfflineChildResult>('offlineChild', ['papaparse', file])),
      ];
      if (i % 2 === 1) pair.reverse();
      for (const run of pair) await run();
    }
    if (ours.some((r) => r.rows !== records)) throw new Error(`the offline core loaded ${ours.map((r) => r.rows).join(', ')} records of ${records}`);
    if (bare.some((r) => r.rows !== records + 1)) throw new Error(`papaparse read ${bare.map((r) => r.rows).join(', ')} rows, expected ${records + 1}`);
    const o = median(ours.map((r) => r.ms));
    const b = median(bare.map((r) => r.ms));
    const r = ratio(o, b);
    return {
      id: 'offline',
      seconds: (Date.now() - started) / 1000,
      rows: [{
        figure: `Offline open, ${records.toLocaleString('en')}-row CSV export vs bare papaparse`,
        unit: 'ms',
        ours: o,
        baseline: b,
        ratio: r,
        goal: 'ratio ≤ 1.5',
        met: r <= 1.5,
        samples: { ours: ours.map((x) => x.ms), baseline: bare.map((x) => x.ms) },
        notes: `peak RSS ${median(ours.map((x) => x.maxRssMB)).toFixed(0)} MB vs ${median(bare.map((x) => x.maxRssMB)).toFixed(0)} MB`,
      }],
      details: { records, ours, papaparse: bare },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
