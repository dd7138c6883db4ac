// The launcher's parts that need no VS Code: verdicts from results files, workbench URLs, option
// parsing, the setup hook's contract and killing process trees.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { needsSmokeTestDriver, workbenchUrl } from '../codeServer';
import { defaultSetupModule, startGlobalFixture } from '../globalSetupHook';
import { descendantPids, isAlive, killProcessTree } from '../processes';
import { timeoutFromEnv, versionsFromEnv } from '../run-integration';
import { judgeRun, parseResults } from '../suiteResults';

describe('launcher parts', () => {
  let scratch: string;
  beforeEach(() => { scratch = mkdtempSync(path.join(os.tmpdir(), 'launcher-parts-')); });
  afterEach(() => { rmSync(scratch, { recursive: true, force: true }); });

  function resultsFile(content: unknown): string {
    const file = path.join(scratch, 'results.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  describe('judgeRun', () => {
    it('passes only with the file present, no failures, at least one pass and exit code 0', () => {
      const verdict = judgeRun(resultsFile({ passed: 2, failed: 0, pending: 1, failures: [] }), 0);
      assert.deepEqual({ ok: verdict.ok, reason: verdict.reason }, { ok: true, reason: '2 passed, 0 failed, 1 pending' });
    });

    it('fails without a results file whatever the exit code says', () => {
      const verdict = judgeRun(path.join(scratch, 'missing.json'), 0);
      assert.equal(verdict.ok, false);
      assert.match(verdict.reason, /without writing/);
    });

    it('fails on failures, naming them', () => {
      const verdict = judgeRun(resultsFile({ passed: 1, failed: 1, pending: 0, failures: [{ title: 'a b', error: 'boom' }] }), 0);
      assert.equal(verdict.ok, false);
      assert.match(verdict.reason, /1 failed.*: a b$/);
    });

    it('fails when nothing passed (a grep that matched nothing, an empty suite)', () => {
      assert.match(judgeRun(resultsFile({ passed: 0, failed: 0, pending: 2, failures: [] }), 0).reason, /no test passed/);
    });

    it('fails on a non-zero exit code even with clean results', () => {
      const verdict = judgeRun(resultsFile({ passed: 1, failed: 0, pending: 0, failures: [] }), 1);
      assert.equal(verdict.ok, false);
      assert.match(verdict.reason, /exit code 1/);
    });

    it('fails on an unreadable or malformed file', () => {
      assert.match(judgeRun(resultsFile('{not json'), 0).reason, /unreadable/);
      assert.match(judgeRun(resultsFile({ passed: '1', failed: 0, pending: 0, failures: [] }), 0).reason, /is not/);
    });
  });

  it('parseResults rejects negative or fractional counts and bad failure entries', () => {
    assert.equal(parseResults({ passed: -1, failed: 0, pending: 0, failures: [] }), undefined);
    assert.equal(parseResults({ passed: 1.5, failed: 0, pending: 0, failures: [] }), undefined);
    assert.equal(parseResults({ passed: 1, failed: 1, pending: 0, failures: [{ title: 'x' }] }), undefined);
    assert.deepEqual(parseResults({ passed: 1, failed: 0, pending: 0, failures: [], extra: true }), { passed: 1, failed: 0, pending: 0, failures: [] });
  });

  describe('workbenchUrl', () => {
    it('builds the folder and a payload of vscode-remote URIs on the server authority', () => {
      const url = new URL(workbenchUrl({
        url: 'http://127.0.0.1:4567',
        folder: '/tmp/work space',
        extensionDevelopmentPath: '/repo',
        extensionTestsPath: '/repo/out/test/integration/index.js',
      }));
      assert.equal(url.origin, 'http://127.0.0.1:4567');
      assert.equal(url.searchParams.get('folder'), '/tmp/work space');
      assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? 'null'), [
        ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4567/repo'],
        ['extensionTestsPath', 'vscode-remote://127.0.0.1:4567/repo/out/test/integration/index.js'],
      ]);
    });

    it('leaves the payload out when there is nothing to load', () => {
      const url = new URL(workbenchUrl({ url: 'http://127.0.0.1:1', folder: '/w' }));
      assert.equal(url.searchParams.has('payload'), false);
    });
  });

  it('turns the smoke-test driver on from code-server 4.134', () => {
    assert.equal(needsSmokeTestDriver('4.100.3'), false);
    assert.equal(needsSmokeTestDriver('4.133.0'), false);
    assert.equal(needsSmokeTestDriver('4.134.0'), true);
    assert.equal(needsSmokeTestDriver('4.139.1'), true);
    assert.equal(needsSmokeTestDriver('5.0.0'), true);
  });

  it('reads versions and the timeout from the environment', () => {
    assert.deepEqual(versionsFromEnv(undefined), ['4.100.3', '4.139.1']);
    assert.deepEqual(versionsFromEnv(' 4.100.3 , '), ['4.100.3']);
    assert.equal(timeoutFromEnv(undefined), 15 * 60_000);
    assert.equal(timeoutFromEnv('20000'), 20_000);
    assert.throws(() => timeoutFromEnv('soon'), /positive number/);
    assert.throws(() => timeoutFromEnv('0'), /positive number/);
  });

  describe('setup hook', () => {
    it('is setup.js beside the suite index', () => {
      assert.equal(defaultSetupModule('/r/out/test/integration/index.js'), '/r/out/test/integration/setup.js');
    });

    it('is optional', async () => {
      const fixture = await startGlobalFixture(path.join(scratch, 'absent.js'));
      assert.deepEqual(fixture.env, {});
      await fixture.teardown();
    });

    it('passes env through and calls teardown', async () => {
      const module = path.join(scratch, 'setup.js');
      const marker = path.join(scratch, 'torn-down');
      writeFileSync(module, `exports.globalSetup = async () => ({ env: { A: '1' }, teardown: async () => require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') });`);
      const fixture = await startGlobalFixture(module);
      assert.deepEqual(fixture.env, { A: '1' });
      await fixture.teardown();
      assert.equal(existsSync(marker), true);
    });

    it('rejects a module without globalSetup or with non-string env values', async () => {
      const none = path.join(scratch, 'none.js');
      writeFileSync(none, 'exports.other = 1;');
      await assert.rejects(startGlobalFixture(none), /does not export a function globalSetup/);
      const bad = path.join(scratch, 'bad.js');
      writeFileSync(bad, 'exports.globalSetup = async () => ({ env: { PORT: 1 }, teardown: async () => {} });');
      await assert.rejects(startGlobalFixture(bad), /env\.PORT is not a string/);
    });
  });

  it('killProcessTree ends a process and its descendants', async () => {
    // A shell with two background children, started in its own group as code-server is.
    const root = spawn('sh', ['-c', 'sleep 300 & sleep 300 & wait'], { detached: true, stdio: 'ignore' });
    const pid = root.pid;
    assert.ok(pid);
    let children: number[] = [];
    for (let i = 0; i < 100 && children.length < 2; i++) {
      children = descendantPids(pid);
      if (children.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(children.length, 2, 'the shell did not start its children');
    const exited = new Promise((resolve) => root.on('exit', resolve));
    await killProcessTree(pid, 2000);
    await exited;
    for (const child of children) {
      assert.equal(isAlive(child), false, `child ${child} survived`);
    }
  });
});
