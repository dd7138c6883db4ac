// The command line: one JSON line on stdout first, requests logged to stderr without secrets,
// clean exit on SIGTERM.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { asPage, basic, getJson, waitFor } from './http';

interface CliLine {
  url: string;
  dataCenterUrl: string;
  cloudId: string;
  email: string;
  token: string;
  pat: string;
  nonAdmin: { email: string; token: string; pat: string };
}

describe('simulator: command line', () => {
  let child: ChildProcessWithoutNullStreams | undefined;

  afterEach(() => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
    }
  });

  it('prints its JSON line, serves the API, logs without secrets and stops on SIGTERM', async () => {
    const cli = path.join(__dirname, '..', '..', '..', 'simulator', 'cli.js');
    const proc = spawn(process.execPath, [cli, '--port', '0', '--records', '50', '--seed', '7', '--max-page-size', '20'], { stdio: 'pipe' });
    child = proc;
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: proc.stdout });
      lines.once('line', resolve);
      proc.once('exit', (code) => reject(new Error(`exited with ${String(code)}: ${stderr}`)));
    });
    const info = JSON.parse(firstLine) as CliLine;
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.dataCenterUrl, `${info.url}/confluence`);
    assert.equal(typeof info.cloudId, 'string');
    assert.equal(typeof info.nonAdmin.token, 'string');

    const admin = { email: info.email, apiToken: info.token, pat: info.pat, username: '', displayName: '' };
    const res = await getJson(`${info.url}/wiki/rest/api/audit?limit=100`, basic(admin));
    assert.equal(res.status, 200);
    const p = asPage(res.body);
    assert.equal(p.limit, 20);
    assert.equal(p._links['next'], '/rest/api/audit?limit=20&start=20');
    const dc = await getJson(`${info.dataCenterUrl}/rest/api/audit`, `Bearer ${info.pat}`);
    assert.equal(dc.status, 200);

    await waitFor(() => stderr.includes('/wiki/rest/api/audit?limit=100 -> 200'), 5000, 'the request log line');
    assert.ok(!stderr.includes(info.token) && !stderr.includes(info.pat), 'no secrets in the log');

    const exitCode = await new Promise<number | null>((resolve) => {
      proc.once('exit', (code) => resolve(code));
      proc.kill('SIGTERM');
    });
    assert.equal(exitCode, 0);
  });

  it('exits with a usage message for a bad flag', async () => {
    const cli = path.join(__dirname, '..', '..', '..', 'simulator', 'cli.js');
    const proc = spawn(process.execPath, [cli, '--records', 'many'], { stdio: 'pipe' });
    child = proc;
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(stderr, /--records needs a number/);
    assert.match(stderr, /Usage:/);
  });
});
