// The integration launcher against real code-server runs of small fixture suites: it must fail when a
// test fails, when the extension host dies (the workbench still reports exit code 0), and when a run
// never ends; and pass a passing suite, with the setup hook's env reaching the extension host.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installCodeServer } from '../installCodeServer';
import { isAlive } from '../processes';
import { runSuite, type RunSuiteOptions, type SuiteOutcome } from '../runSuite';

// Compiled to out/scripts/vscode/test; the fixtures are plain JavaScript beside the sources.
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const FIXTURES = path.join(REPO_ROOT, 'scripts', 'vscode', 'test', 'fixtures');
const FIXTURE_EXTENSION = path.join(FIXTURES, 'extension');
// The oldest supported version only: each run costs several seconds.
const VERSION = '4.100.3';

function suite(name: string): string {
  return path.join(FIXTURES, name, 'index.js');
}

/** Runs a fixture suite, keeping its output to show only when the test fails. */
async function run(name: string, extra: Partial<RunSuiteOptions> = {}): Promise<{ outcome: SuiteOutcome; output: string }> {
  const lines: string[] = [];
  const outcome = await runSuite({
    version: VERSION,
    extensionDevelopmentPath: FIXTURE_EXTENSION,
    extensionTestsPath: suite(name),
    timeoutMs: 120_000,
    log: (line) => lines.push(line),
    ...extra,
  });
  return { outcome, output: lines.join('\n') };
}

describe('integration launcher (code-server ' + VERSION + ')', function () {
  this.timeout(180_000);

  before(async function () {
    this.timeout(30 * 60_000); // a first install builds native modules
    await installCodeServer(VERSION, { log: () => undefined });
  });

  it('passes a passing suite, runs its setup hook and passes env into the extension host', async () => {
    // The hook module is loaded into this process by runSuite, so its counters are visible here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the fixture is plain JS
    const setup = require(path.join(FIXTURES, 'passing', 'setup.js')) as { state: { started: number; tornDown: number } };
    const before = { ...setup.state };
    const { outcome, output } = await run('passing', { env: { LAUNCHER_FIXTURE_DIRECT: 'direct-value' } });
    assert.equal(outcome.ok, true, `${outcome.reason}\n${output}`);
    assert.deepEqual(
      { passed: outcome.results?.passed, failed: outcome.results?.failed, pending: outcome.results?.pending },
      { passed: 3, failed: 0, pending: 1 },
    );
    assert.equal(outcome.vscodeVersion, '1.100.3');
    assert.deepEqual(setup.state, { started: before.started + 1, tornDown: before.tornDown + 1 });
    // The extension host's mocha output is streamed to the launcher.
    assert.match(output, /✔ reaches the server the setup hook started/);
  });

  it('fails a suite with a failing test and names the test', async () => {
    const { outcome, output } = await run('failing');
    assert.equal(outcome.ok, false, output);
    assert.equal(outcome.results?.passed, 1);
    assert.equal(outcome.results?.failed, 1);
    assert.match(outcome.reason, /launcher fixture: failing fails on purpose/);
    assert.match(outcome.results?.failures[0]?.error ?? '', /AssertionError/);
  });

  it('applies the mocha grep', async () => {
    const { outcome, output } = await run('failing', { grep: 'passes' });
    assert.equal(outcome.ok, true, `${outcome.reason}\n${output}`);
    assert.deepEqual({ passed: outcome.results?.passed, failed: outcome.results?.failed }, { passed: 1, failed: 0 });
  });

  for (const mode of ['kill', 'exit']) {
    it(`fails when the extension host dies (${mode === 'kill' ? 'SIGKILL' : 'process.exit(1)'}) although the workbench reports 0`, async () => {
      const { outcome, output } = await run('crash', { env: { CRASH_MODE: mode } });
      assert.equal(outcome.ok, false, output);
      assert.equal(outcome.exitCode, 0, 'the workbench is expected to report 0 here; if it no longer does, update the notes');
      assert.equal(outcome.results, undefined);
      assert.match(outcome.reason, /without writing .*results\.json/);
      // The diagnostics include code-server's log.
      assert.match(output, /code-server log/);
    });
  }

  it('fails a run that exceeds its timeout and kills the extension host', async function () {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'launcher-hang-'));
    try {
      const pidFile = path.join(scratch, 'host.pid');
      const { outcome, output } = await run('hang', { timeoutMs: 20_000, env: { HANG_PID_FILE: pidFile } });
      assert.equal(outcome.ok, false, output);
      assert.match(outcome.reason, /timed out after 20 s/);
      assert.ok(existsSync(pidFile), 'the hanging suite never started');
      const hostPid = Number(readFileSync(pidFile, 'utf8'));
      assert.equal(isAlive(hostPid), false, `extension host ${hostPid} survived the timeout`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  function cli(name: string, env: Record<string, string> = {}) {
    return spawnSync(process.execPath, [
      path.join(REPO_ROOT, 'out', 'scripts', 'vscode', 'run-integration.js'),
      '--extension', FIXTURE_EXTENSION, '--tests', suite(name),
    ], {
      encoding: 'utf8',
      timeout: 150_000,
      env: { ...process.env, CONFLUENCE_AUDIT_VSCODE_VERSIONS: VERSION, CONFLUENCE_AUDIT_SUITE_TIMEOUT_MS: '120000', CONFLUENCE_AUDIT_TEST_GREP: '', ...env },
    });
  }

  it('exits non-zero from the command line for a failing suite and prints the closing counts', () => {
    const result = cli('failing');
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout.trimEnd().split('\n').pop() ?? '', /^integration: 1 passed, 1 failed, 0 skipped$/);
  });

  it('exits 0 from the command line for a passing suite (its env comes from the launcher\'s own)', () => {
    const result = cli('passing', { LAUNCHER_FIXTURE_DIRECT: 'direct-value' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout.trimEnd().split('\n').pop() ?? '', /^integration: 3 passed, 0 failed, 1 skipped$/);
  });
});
