// `npm run test:integration:electron`: the integration suite in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (contributors' laptops, CI with
// internet). Where VS Code cannot be downloaded it fails within seconds with a clear message; use
// `npm run test:integration` (code-server) there.
//
// Environment:
//   CONFLUENCE_AUDIT_ELECTRON_VERSIONS  comma list of VS Code versions (default: 1.100.3,stable)
//   CONFLUENCE_AUDIT_SUITE_TIMEOUT_MS   limit per version (default 15 min)
//   CONFLUENCE_AUDIT_TEST_GREP          only tests whose full title matches
// On Linux without a display it re-runs itself under `xvfb-run -a` when that exists.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { DEFAULT_USER_SETTINGS } from './codeServer';
import { defaultSetupModule, startGlobalFixture } from './globalSetupHook';
import { descendantPids, killProcessTree } from './processes';
import { REPO_ROOT, timeoutFromEnv } from './run-integration';
import { GREP_ENV, judgeRun, RESULTS_ENV, type Verdict } from './suiteResults';

const DOWNLOAD_IDLE_TIMEOUT_MS = 15_000;

function electronVersions(): string[] {
  const list = (process.env.CONFLUENCE_AUDIT_ELECTRON_VERSIONS ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  return list.length > 0 ? list : ['1.100.3', 'stable'];
}

function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

async function download(version: string): Promise<string> {
  try {
    return await downloadAndUnzipVSCode({
      version,
      cachePath: path.join(REPO_ROOT, '.vscode-test'),
      extensionDevelopmentPath: REPO_ROOT,
      timeout: DOWNLOAD_IDLE_TIMEOUT_MS,
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`could not download VS Code ${version} (${why}). This route needs access to the VS Code update service; without it use \`npm run test:integration\` (code-server from npm).`);
  }
}

async function runVersion(version: string, extensionTestsPath: string, timeoutMs: number): Promise<Verdict> {
  const executable = await download(version);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-electron-'));
  const resultsFile = path.join(scratch, 'results.json');
  const userData = path.join(scratch, 'user-data');
  const workspace = path.join(scratch, 'workspace');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(workspace);
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(DEFAULT_USER_SETTINGS, null, 2));
  const fixture = await startGlobalFixture(defaultSetupModule(extensionTestsPath));
  let timer: NodeJS.Timeout | undefined;
  try {
    const grep = process.env[GREP_ENV];
    const run = runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath,
      extensionTestsEnv: { ...fixture.env, [RESULTS_ENV]: resultsFile, ...(grep ? { [GREP_ENV]: grep } : {}) },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
        `--user-data-dir=${userData}`,
        `--extensions-dir=${path.join(scratch, 'extensions')}`,
      ],
    }).then((code) => code, (err: unknown) => {
      // runTests rejects for a non-zero exit; the results file decides anyway.
      const code = (err as { code?: unknown }).code;
      return typeof code === 'number' ? code : 1;
    });
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    const end = await Promise.race([run, timedOut]);
    if (end === 'timeout') {
      // VS Code is the only child this process has.
      await Promise.all(descendantPids(process.pid).map((pid) => killProcessTree(pid)));
      return { ok: false, reason: `timed out after ${Math.round(timeoutMs / 1000)} s` };
    }
    return judgeRun(resultsFile, end);
  } finally {
    clearTimeout(timer);
    await fixture.teardown();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!hasDisplay()) {
    if (onPath('xvfb-run') && !process.env.CONFLUENCE_AUDIT_UNDER_XVFB) {
      const again = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
        stdio: 'inherit', env: { ...process.env, CONFLUENCE_AUDIT_UNDER_XVFB: '1' },
      });
      return again.status ?? 1;
    }
    console.warn('No display: desktop VS Code needs one (install xvfb and this script runs itself under xvfb-run).');
  }
  const extensionTestsPath = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  const timeoutMs = timeoutFromEnv(process.env.CONFLUENCE_AUDIT_SUITE_TIMEOUT_MS);
  let failedRuns = 0;
  for (const version of electronVersions()) {
    console.log(`\n=== integration suite in desktop VS Code ${version} ===`);
    let verdict: Verdict;
    try {
      verdict = await runVersion(version, extensionTestsPath, timeoutMs);
    } catch (err) {
      verdict = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    console.log(`=== VS Code ${version}: ${verdict.ok ? 'PASSED' : 'FAILED'}: ${verdict.reason} ===`);
    if (!verdict.ok) failedRuns += 1;
  }
  return failedRuns === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
