// A clock that records every requested sleep and returns at once, moving its own time forward.
import type { Clock } from '../../../../src/api';
import { AuditError } from '../../../../src/api';

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = Date.UTC(2025, 0, 15, 12, 0, 0)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      throw new AuditError('cancelled', 'The request was cancelled.');
    }
    this.sleeps.push(ms);
    this.time += ms;
  }
}

/** A deterministic "random" source cycling through the given values. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}
