// `curl -o` of an export URL: the baseline for the export figure. The Authorization header goes in on
// stdin (curl -K -), so the token never appears in a process list.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export async function curlDownload(url: string, authorization: string, file: string): Promise<number> {
  const started = performance.now();
  const child = spawn('curl', ['--silent', '--show-error', '--fail', '--config', '-', '--output', file, url], { stdio: ['pipe', 'ignore', 'inherit'] });
  child.stdin.end(`header = "Authorization: ${authorization}"\n`);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`curl exited with code ${code} for ${url}`);
  return performance.now() - started;
}
