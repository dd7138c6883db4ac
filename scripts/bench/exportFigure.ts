// Export: a CSV export of 2,000,000 records streamed to disk by the extension's export core (in a child
// process, so its peak RSS is its own) versus `curl -o` of the same URL; and the child's peak RSS at
// 200,000 and 2,000,000 records, which must stay under 200 MB and not grow with the size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChild } from './childProcess';
import { basicAuth } from './clients';
import { curlDownload } from './curl';
import type { ExportChildArgs, ExportChildResult } from './exportChild';
import { ratio, type FigureResult, type Row } from './results';
import { startSimProcess } from './simProcess';
import { median } from './stats';

const ANCHOR = Date.UTC(2025, 0, 15, 12, 0, 0);
const RSS_LIMIT_MB = 200;
/** Peak RSS at 2M may exceed the one at 200k by this share before it counts as growing with size. */
const RSS_SAME_TOLERANCE = 0.15;

interface SizeRuns {
  records: number;
  bytes: number;
  ours: ExportChildResult[];
  curlMs: number[];
}

async function measureSize(records: number, repetitions: number, folder: string): Promise<SizeRuns> {
  const sim = await startSimProcess({ records, seed: 41, anchor: ANCHOR, fixedNow: ANCHOR, periodDays: 100, requestLogLimit: 100 });
  const runs: SizeRuns = { records, bytes: 0, ours: [], curlMs: [] };
  try {
    const args: ExportChildArgs = { url: sim.url, email: sim.email, token: sim.token, startDate: 0, endDate: ANCHOR, folder };
    const url = `${sim.url}/wiki/rest/api/audit/export?startDate=0&endDate=${ANCHOR}&format=csv`;
    const curlFile = path.join(folder, 'curl.csv');
    const ours = async (): Promise<void> => {
      const result = await runChild<ExportChildResult>('exportChild', [JSON.stringify(args)]);
      rmSync(result.file, { force: true });
      rmSync(`${result.file}.manifest.json`, { force: true });
      if (result.records !== records) throw new Error(`the export holds ${result.records} records, the simulator ${records}`);
      runs.ours.push(result);
    };
    const curl = async (): Promise<void> => {
      runs.curlMs.push(await curlDownload(url, basicAuth(sim), curlFile));
      runs.bytes = statSync(curlFile).size;
      rmSync(curlFile, { force: true });
    };
    for (let i = 0; i < repetitions; i++) {
      if (i % 2 === 0) {
        await ours();
        await curl();
      } else {
        await curl();
        await ours();
      }
    }
    const mismatch = runs.ours.find((r) => r.bytes !== runs.bytes);
    if (mismatch) throw new Error(`our export has ${mismatch.bytes} bytes, curl's ${runs.bytes}`);
    return runs;
  } finally {
    await sim.stop();
  }
}

export async function exportFigure(repetitions: number, small = 200_000, large = 2_000_000): Promise<FigureResult> {
  const started = Date.now();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-bench-export-'));
  try {
    const s = await measureSize(small, repetitions, folder);
    const l = await measureSize(large, repetitions, folder);
    const oursMs = l.ours.map((r) => r.ms);
    const o = median(oursMs);
    const c = median(l.curlMs);
    const r = ratio(o, c);
    const rssSmall = Math.max(...s.ours.map((x) => x.maxRssMB));
    const rssLarge = Math.max(...l.ours.map((x) => x.maxRssMB));
    const transfer = median(l.ours.map((x) => x.transferMs));
    const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
    const rows: Row[] = [
      {
        figure: `Export CSV, ${large.toLocaleString('en')} records (${mb(l.bytes)}) vs curl -o`,
        unit: 'ms',
        ours: o,
        baseline: c,
        ratio: r,
        goal: 'ratio ≤ 1.10',
        met: r <= 1.1,
        samples: { ours: oursMs, baseline: l.curlMs },
        notes: `transfer ${(transfer / 1000).toFixed(1)} s, then digest for the manifest and placing ${((o - transfer) / 1000).toFixed(1)} s`,
      },
      {
        figure: `Export peak RSS, ${small.toLocaleString('en')} records (${mb(s.bytes)})`,
        unit: 'MB',
        ours: rssSmall,
        goal: `< ${RSS_LIMIT_MB} MB`,
        met: rssSmall < RSS_LIMIT_MB,
        samples: { ours: s.ours.map((x) => x.maxRssMB) },
        notes: `time ${(median(s.ours.map((x) => x.ms)) / 1000).toFixed(2)} s vs curl ${(median(s.curlMs) / 1000).toFixed(2)} s`,
      },
      {
        figure: `Export peak RSS, ${large.toLocaleString('en')} records (vs ${small.toLocaleString('en')})`,
        unit: 'MB',
        ours: rssLarge,
        baseline: rssSmall,
        ratio: ratio(rssLarge, rssSmall),
        goal: `< ${RSS_LIMIT_MB} MB and the same as at ${small.toLocaleString('en')} (±${RSS_SAME_TOLERANCE * 100}%)`,
        met: rssLarge < RSS_LIMIT_MB && rssLarge <= rssSmall * (1 + RSS_SAME_TOLERANCE),
        samples: { ours: l.ours.map((x) => x.maxRssMB) },
      },
    ];
    return {
      id: 'export',
      seconds: (Date.now() - started) / 1000,
      rows,
      details: { small: { ...s, ours: s.ours.map(({ file: _f, ...x }) => x) }, large: { ...l, ours: l.ours.map(({ file: _f, ...x }) => x) } },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
