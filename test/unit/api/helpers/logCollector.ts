// Collects every LogSink line of the api tests in one file, plus the secrets the tests used, so
// logSecrets.test.ts can prove at the end that no secret ever reached a log.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogSink } from '../../../../src/api';

export const LOG_FILE = join(tmpdir(), `confluence-audit-api-tests-${process.pid}.log`);
const secrets = new Set<string>();

if (!existsSync(LOG_FILE)) {
  writeFileSync(LOG_FILE, '');
}

/** Remember a secret to search the collected log for (and its Basic forms). */
export function trackSecret(...values: string[]): void {
  for (const v of values) {
    if (v.length >= 6) {
      secrets.add(v);
    }
  }
}

export function trackBasic(user: string, token: string): void {
  trackSecret(token, Buffer.from(`${user}:${token}`).toString('base64'));
}

export function trackedSecrets(): string[] {
  return [...secrets];
}

/** A LogSink writing to the shared file; `lines` also keeps this sink's output for assertions. */
export function collectingLog(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  const sink = (level: string, message: string): void => {
    const line = `${level} ${message}`;
    lines.push(line);
    appendFileSync(LOG_FILE, `${line}\n`);
  };
  return Object.assign(sink, { lines });
}

export function collectedLog(): string {
  return readFileSync(LOG_FILE, 'utf8');
}
