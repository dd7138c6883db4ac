// Our own fixtures in the shapes of real Confluence audit data (test/fixtures/real-shapes/README.md).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const REAL_SHAPES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'real-shapes');

export function fixturePath(name: string): string {
  return path.join(REAL_SHAPES, name);
}

/** The JSON values of a JSON Lines fixture, one per line. */
export function jsonLines(name: string): unknown[] {
  return readFileSync(fixturePath(name), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
}
