// `npm run bench`: every figure of the performance issue, each next to a baseline measured in the same run
// on the same data; prints a table and writes bench/results.json with the machine it ran on.
//
//   node out/scripts/bench/run.js [--only paging,dcPaging,parallel,tree,export,offline,formats,activation,timeline]
// (with --only, the other figures of the last bench/results.json are kept, each with its measuredAt)
//
// Expects a compiled tree (npm run compile) and the production bundle (npm run package:build); `npm run
// bench` does both first. Takes about 4.5 minutes on 2 cores; see bench/README.md.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { activationFigure, snapshotExtension, type ExtensionSnapshot } from './activation';
import { exportFigure } from './exportFigure';
import { describeMachine } from './machine';
import { offlineFigure } from './offlineFigure';
import { dcPagingFigure } from './dcPaging';
import { pagingFigure } from './paging';
import { parallelFigure } from './parallel';
import { realFormatsFigure } from './realFormatsFigure';
import type { FigureResult, Row } from './results';
import { markdownTable } from './table';
import { timelineFigure } from './timelineFigure';
import { treeFigure } from './treeFigure';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results.json');

interface Context {
  /** The extension as built when the run began (see snapshotExtension). */
  extension: () => ExtensionSnapshot;
}

/** Each figure with its repetitions (medians of these); the 2,000,000-record export is the slowest. */
const FIGURES: Record<string, (context: Context) => Promise<FigureResult>> = {
  paging: () => pagingFigure(5),
  dcPaging: () => dcPagingFigure(5),
  parallel: () => parallelFigure(3),
  tree: () => treeFigure(),
  export: () => exportFigure(3),
  offline: () => offlineFigure(5),
  formats: () => realFormatsFigure(3),
  activation: (context) => activationFigure(5, context.extension()),
  timeline: () => timelineFigure(5),
};

function selected(argv: readonly string[]): string[] {
  const at = argv.indexOf('--only');
  if (at < 0) return Object.keys(FIGURES);
  const names = (argv[at + 1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in FIGURES));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes a comma list of ${Object.keys(FIGURES).join(', ')}`);
  return names;
}

/**
 * A run with --only keeps the other figures of the last results file, so results.json always holds every
 * figure; each figure says when it was measured.
 */
function mergeWithPrevious(fresh: FigureResult[]): FigureResult[] {
  if (fresh.length === Object.keys(FIGURES).length || !existsSync(RESULTS_FILE)) return fresh;
  let previous: FigureResult[] = [];
  try {
    const parsed = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { figures?: FigureResult[] };
    previous = Array.isArray(parsed.figures) ? parsed.figures : [];
  } catch {
    return fresh;
  }
  return Object.keys(FIGURES)
    .map((id) => fresh.find((f) => f.id === id) ?? previous.find((f) => f.id === id))
    .filter((f): f is FigureResult => f !== undefined);
}

function failedRow(id: string, error: unknown): Row {
  const text = error instanceof Error ? error.message : String(error);
  return { figure: `${id}: FAILED TO RUN`, unit: 'count', ours: NaN, goal: '', met: false, notes: text.split('\n')[0] };
}

async function main(): Promise<number> {
  const names = selected(process.argv.slice(2));
  const machine = describeMachine();
  const started = Date.now();
  console.log(`Benchmark on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGB} GB, load ${machine.loadAverage.join(' ')}), Node ${machine.node}: ${names.join(', ')}`);
  const snapshot = names.includes('activation') ? snapshotExtension() : undefined;
  const context: Context = {
    extension: () => {
      if (!snapshot) throw new Error('no extension snapshot');
      return snapshot;
    },
  };
  const figures: FigureResult[] = [];
  const errors: string[] = [];
  for (const name of names) {
    const t0 = Date.now();
    process.stdout.write(`- ${name}… `);
    try {
      const result = { ...(await FIGURES[name](context)), measuredAt: new Date().toISOString() };
      figures.push(result);
      console.log(`${result.seconds.toFixed(0)} s: ${result.rows.map((r) => (r.met ? 'met' : 'MISSED')).join(', ')}`);
    } catch (error) {
      errors.push(name);
      figures.push({ id: name, rows: [failedRow(name, error)], seconds: (Date.now() - t0) / 1000, measuredAt: new Date().toISOString() });
      console.log(`failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  if (snapshot) rmSync(snapshot.folder, { recursive: true, force: true });
  const rows = figures.flatMap((f) => f.rows);
  const table = markdownTable(rows);
  const durationSeconds = (Date.now() - started) / 1000;
  console.log(`\n${table}\n`);
  for (const row of rows.filter((r) => r.notes)) console.log(`- ${row.figure}: ${row.notes}`);
  console.log(`\n${rows.filter((r) => r.met).length} of ${rows.length} goals met; ${(durationSeconds / 60).toFixed(1)} min.`);
  const all = mergeWithPrevious(figures);
  const allRows = all.flatMap((f) => f.rows);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ machine, durationSeconds, table: markdownTable(allRows), rows: allRows, figures: all }, null, 2)}\n`);
  console.log(`Written to ${path.relative(process.cwd(), RESULTS_FILE) || RESULTS_FILE}`);
  return errors.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
  },
);
