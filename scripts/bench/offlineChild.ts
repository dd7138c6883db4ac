// Child process: opens an audit file either through the extension's offline core (loadExport: papaparse or
// JSON streaming, format checks, the compact RecordTable, SHA-256) or with the bare parse alone: papaparse
// with an empty step callback for a CSV, readline + JSON.parse for JSON Lines. Reports the time, rows and
// this process's peak RSS.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import * as Papa from 'papaparse';
import { loadExport } from '../../src/offline/core/loadExport';
import { reply } from './childProcess';

export type OfflineMode = 'ours' | 'papaparse' | 'jsonParse';

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

/** JSON Lines: every line through JSON.parse, nothing kept. */
async function bareJsonParse(file: string): Promise<number> {
  let rows = 0;
  for await (const line of createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 }), crlfDelay: Infinity })) {
    if (line !== '') {
      JSON.parse(line);
      rows++;
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2);
  if ((mode !== 'ours' && mode !== 'papaparse' && mode !== 'jsonParse') || file === undefined) throw new Error('usage: offlineChild.js ours|papaparse|jsonParse <file>');
  const started = performance.now();
  const rows = mode === 'ours' ? (await loadExport(file)).table.size : mode === 'papaparse' ? await bareParse(file) : await bareJsonParse(file);
  const result: OfflineChildResult = { mode, ms: performance.now() - started, rows, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  reply(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
