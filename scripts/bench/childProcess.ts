// Runs one of the benchmark's child scripts (out/scripts/bench/<name>.js) with its own Node flags and
// returns the JSON it prints as its last line of stdout. A child per measurement keeps heap and peak
// RSS figures free of whatever the parent did before.
import { spawn } from 'node:child_process';
import path from 'node:path';

export async function runChild<T>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<T> {
  const child = spawn(process.execPath, [...nodeFlags, path.join(__dirname, `${script}.js`), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with code ${code}`);
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/** For child scripts: prints the result as the last line of stdout. */
export function reply(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
