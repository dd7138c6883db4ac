// The console table: figure, ours, baseline, ratio, goal, met.
import type { Row, Unit } from './results';

function amount(value: number | undefined, unit: Unit): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  switch (unit) {
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
    case 's':
      return `${value.toFixed(2)} s`;
    case 'bytes':
      return `${Math.round(value)} B`;
    case 'KB':
      return `${value.toFixed(1)} KB`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'requests':
    case 'count':
      return String(Math.round(value));
  }
}

export function tableCells(row: Row): string[] {
  return [
    row.figure,
    amount(row.ours, row.unit),
    amount(row.baseline, row.unit),
    row.ratio === undefined ? '–' : row.ratio.toFixed(2),
    row.goal,
    row.met ? 'yes' : 'NO',
  ];
}

const HEADER = ['figure', 'ours', 'baseline', 'ratio', 'goal', 'met?'];

/** A Markdown table (readable on the console too), ready for the README. */
export function markdownTable(rows: readonly Row[]): string {
  const cells = [HEADER, ...rows.map(tableCells)];
  const widths = HEADER.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(HEADER), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(tableCells(r)))].join('\n');
}
