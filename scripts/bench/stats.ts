// Small measuring helpers: medians of repeated runs, monotonic timing.
import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds `run` took (monotonic clock), with its result. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/**
 * Runs every runner `repetitions` times, rotating which goes first each round, so drift in the machine's
 * speed (other processes, thermal limits) affects all alike. Returns the milliseconds of each run by name.
 */
export async function rotate<K extends string>(repetitions: number, runners: Record<K, () => Promise<unknown>>): Promise<Record<K, number[]>> {
  const names = Object.keys(runners) as K[];
  const out = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < repetitions; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      out[name].push((await timed(runners[name])).ms);
    }
  }
  return out;
}

/** rotate() for the usual pair. */
export function alternate(repetitions: number, ours: () => Promise<unknown>, baseline: () => Promise<unknown>): Promise<{ ours: number[]; baseline: number[] }> {
  return rotate(repetitions, { ours, baseline });
}
