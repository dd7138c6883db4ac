// Runs one mocha suite inside the extension host of a real VS Code (code-server + headless Chromium)
// and decides pass/fail from the results file the suite writes, with a hard timeout.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, openWorkbench, startCodeServer, type LaunchedBrowser, type RunningCodeServer } from './codeServer';
import { defaultSetupModule, startGlobalFixture, type GlobalFixture } from './globalSetupHook';
import { tailOf } from './processes';
import { GREP_ENV, judgeRun, RESULTS_ENV, type SuiteResults } from './suiteResults';

export const DEFAULT_SUITE_TIMEOUT_MS = 15 * 60_000;

export interface RunSuiteOptions {
  /** code-server version (installed into the cache when missing). */
  version: string;
  /** Absolute path of the extension folder loaded in development mode. */
  extensionDevelopmentPath: string;
  /** Absolute path of the compiled test index exporting run(). */
  extensionTestsPath: string;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** Whole run, from starting code-server to the results; default 15 min. */
  timeoutMs?: number;
  /** Mocha grep pattern, passed to the suite. */
  grep?: string;
  /** Folder opened in the workbench; default a fresh empty temp folder. */
  workspaceFolder?: string;
  /**
   * Module with `globalSetup()` started before code-server (its env is passed on) and torn down after.
   * Default: setup.js beside extensionTestsPath, when it exists. null: none.
   */
  setupModule?: string | null;
  userSettings?: Record<string, unknown>;
  /** Output lines (extension host output, progress, diagnostics); default: stdout. */
  log?: (line: string) => void;
}

export interface SuiteOutcome {
  ok: boolean;
  /** Why it failed, or the counts when it passed. */
  reason: string;
  version: string;
  vscodeVersion?: string;
  results?: SuiteResults;
  /** Exit code the workbench reported for the extension host, when it reported one. */
  exitCode?: number;
  durationMs: number;
}

type RunEnd =
  | { kind: 'exit'; code: number }
  | { kind: 'timeout' }
  | { kind: 'server-exit'; code: number | null }
  | { kind: 'page-crash' };

/** Newest extension host log of a code-server profile (the host's own view of a crash). */
function extensionHostLog(userDataDir: string): string | undefined {
  const found: string[] = [];
  const logs = path.join(userDataDir, 'logs');
  if (!existsSync(logs)) return undefined;
  for (const file of readdirSync(logs, { recursive: true, encoding: 'utf8' })) {
    if (/exthost\.log$/.test(path.basename(file))) found.push(path.join(logs, file));
  }
  found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return found[0];
}

/** The workbench repeats this for every built-in extension lookup; it says nothing about the run. */
function isWorkbenchChatter(message: string): boolean {
  return message.startsWith('Ignoring fetching additional builtin extensions from gallery');
}

function prefixed(prefix: string, text: string): string {
  return text.replace(/\n+$/, '').split('\n').map((line) => `${prefix} ${line}`).join('\n');
}

export async function runSuite(options: RunSuiteOptions): Promise<SuiteOutcome> {
  const started = Date.now();
  const write = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  let prefix = `[code-server ${options.version}]`;
  const say = (text: string) => write(prefixed(prefix, text));
  const timeoutMs = options.timeoutMs ?? DEFAULT_SUITE_TIMEOUT_MS;

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-suite-'));
  const resultsFile = path.join(scratch, 'results.json');
  const workspace = options.workspaceFolder ?? path.join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });

  let fixture: GlobalFixture | undefined;
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let timer: NodeJS.Timeout | undefined;
  let startupDone: Promise<void> = Promise.resolve();
  const outcome = (ok: boolean, reason: string, extra: Partial<SuiteOutcome> = {}): SuiteOutcome => ({
    ok, reason, version: options.version, vscodeVersion: server?.installation.vscodeVersion, durationMs: Date.now() - started, ...extra,
  });

  try {
    const setupModule = options.setupModule === undefined ? defaultSetupModule(options.extensionTestsPath) : options.setupModule;
    fixture = await startGlobalFixture(setupModule ?? undefined);
    const timedOut = new Promise<RunEnd>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    });
    const env = {
      ...fixture.env,
      ...options.env,
      [RESULTS_ENV]: resultsFile,
      // Always set, so a grep in the launcher's own environment does not leak into this run.
      [GREP_ENV]: options.grep ?? '',
    };
    // Started apart from the run, so cleanup can wait for a start the timeout interrupted.
    const startup = (async () => {
      server = await startCodeServer({
        version: options.version, workspaceFolder: workspace, env, userSettings: options.userSettings, log: write,
      });
      prefix = `[vscode ${server.installation.vscodeVersion}]`;
      browser = await launchBrowser();
      return { running: server, page: browser.page };
    })();
    startupDone = startup.then(() => undefined, () => undefined);
    const ready = await Promise.race([startup, timedOut]);
    const end = 'kind' in ready ? ready : await Promise.race([
      new Promise<RunEnd>((resolve, reject) => {
        const { running, page } = ready;
        void running.exited.then((code) => resolve({ kind: 'server-exit', code }));
        page.on('crash', () => resolve({ kind: 'page-crash' }));
        openWorkbench(page, {
          url: running.url,
          folder: workspace,
          extensionDevelopmentPath: options.extensionDevelopmentPath,
          extensionTestsPath: options.extensionTestsPath,
          onLog: (level, message) => {
            if (!isWorkbenchChatter(message)) say(level === 'info' ? message : `${level}: ${message}`);
          },
          onExit: (code) => resolve({ kind: 'exit', code }),
        }).catch(reject);
      }),
      timedOut,
    ]);

    let result: SuiteOutcome;
    switch (end.kind) {
      case 'timeout':
        result = outcome(false, `timed out after ${Math.round(timeoutMs / 1000)} s without the extension host finishing`);
        break;
      case 'server-exit':
        result = outcome(false, `code-server exited (code ${end.code}) during the run`);
        break;
      case 'page-crash':
        result = outcome(false, 'the browser page running the workbench crashed');
        break;
      case 'exit': {
        const verdict = judgeRun(resultsFile, end.code);
        result = outcome(verdict.ok, verdict.reason, { results: verdict.results, exitCode: end.code });
        break;
      }
    }
    if (!result.ok) reportDiagnostics(say, server);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    reportDiagnostics(say, server);
    return outcome(false, message);
  } finally {
    clearTimeout(timer);
    await startupDone; // bounded by code-server's start timeout and Playwright's launch timeout
    await browser?.close();
    await server?.stop();
    if (fixture) {
      await fixture.teardown().catch((err: unknown) => say(`fixture teardown failed: ${err instanceof Error ? err.message : String(err)}`));
    }
    rmSync(scratch, { recursive: true, force: true });
  }
}

function reportDiagnostics(say: (text: string) => void, server: RunningCodeServer | undefined): void {
  if (!server) return;
  say(`---- code-server log (last lines of ${server.logFile}) ----\n${tailOf(server.logFile, 40)}`);
  const hostLog = extensionHostLog(server.dataDirs.userData);
  if (hostLog) say(`---- extension host log (last lines of ${hostLog}) ----\n${tailOf(hostLog, 40)}`);
}
