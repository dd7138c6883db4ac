// What each figure reports: one or more rows of the table, with the raw samples behind the medians.

export type Unit = 'ms' | 's' | 'bytes' | 'KB' | 'MB' | 'requests' | 'count';

export interface Row {
  /** e.g. "Paging 100,000 records". */
  figure: string;
  unit: Unit;
  /** Median of our runs (or the single value measured). */
  ours: number;
  /** Median of the baseline's runs, when the figure has one. */
  baseline?: number;
  /** ours / baseline, when the goal is a ratio. */
  ratio?: number;
  /** The goal, in words. */
  goal: string;
  met: boolean;
  samples?: { ours: number[]; baseline?: number[] };
  /** Anything else measured that explains the row (request counts, sizes...). */
  notes?: string;
}

export interface FigureResult {
  id: string;
  rows: Row[];
  /** Extra measurements kept in results.json. */
  details?: Record<string, unknown>;
  seconds: number;
  /** ISO time the figure was measured (set by run.ts; figures of earlier runs keep theirs). */
  measuredAt?: string;
}

export function ratio(ours: number, baseline: number): number {
  return baseline > 0 ? ours / baseline : NaN;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
