// Child process: opens a CSV export either through the extension's offline core (loadExport: papaparse
// streaming, format checks, the compact RecordTable, SHA-256) or with bare papaparse and an empty step
// callback (the parse alone). Reports the time, rows and this process's peak RSS.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as Papa from 'papaparse';
import { loadExport } from '../../src/offline/core/loadExport';
import { reply } from './childProcess';

export type OfflineMode = 'ours' | 'papaparse';

export interface OfflineChildResult {
  mode: OfflineMode;
  ms: number;
  /** Records (ours) or rows including the header (papaparse). */
  rows: number;
  maxRssMB: number;
}

function bareParse(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }), {
      step: () => {
        rows++;
      },
      complete: () => resolve(rows),
      error: (error: Error) => reject(error),
    });
  });
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== 'ours' && mode !== 'papaparse') || file === undefined) throw new Error('usage: offlineChild.js ours|papaparse <file>');
  const started = performance.now();
  const rows = mode === 'ours' ? (await loadExport(file)).table.size : await bareParse(file);
  const result: OfflineChildResult = { mode, ms: performance.now() - started, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  reply(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
