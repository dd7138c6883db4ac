// Starts code-server (a real VS Code server) in a throw-away profile and drives its workbench with
// headless Chromium. Shared by the integration launcher, the UI tests, the demo and the screenshots.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findInstalledCodeServer, installCodeServer, type CodeServerInstallation } from './installCodeServer';
import { killProcessTree, tailOf } from './processes';

export interface StartCodeServerOptions {
  version: string;
  /** Opened by openWorkbench; only checked to exist here. Optional for callers that open none. */
  workspaceFolder?: string;
  /** Added to code-server's environment, which its extension host inherits. */
  env?: Record<string, string>;
  /** Merged over the defaults below into the fresh profile's User/settings.json. */
  userSettings?: Record<string, unknown>;
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** .vsix files to install into the fresh extensions dir before starting. */
  installExtensions?: string[];
  /** How long to wait for /healthz; default 60 s. */
  startTimeoutMs?: number;
  /** Keep the temp folders after stop() (to look at logs). */
  keepData?: boolean;
  /** Progress lines; default: none. */
  log?: (line: string) => void;
}

export interface CodeServerDataDirs {
  /** Everything below lives here and is removed by stop() unless keepData. */
  root: string;
  userData: string;
  extensions: string;
  /** XDG_CONFIG_HOME, XDG_DATA_HOME... point below this. */
  xdg: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  installation: CodeServerInstallation;
  dataDirs: CodeServerDataDirs;
  /** code-server's stdout and stderr. */
  logFile: string;
  /** Settles when the code-server process exits (before or after stop()). */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** Settings every test profile gets: no welcome page, no trust prompt, nothing phoning home. */
export const DEFAULT_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
};

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** From VS Code 1.133 (code-server 4.134) the test payload is ignored unless the smoke-test driver is on. */
export function needsSmokeTestDriver(codeServerVersion: string): boolean {
  return compareVersions(codeServerVersion, '4.134.0') >= 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

function httpStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Environment for code-server: ours, minus anything that would tie it to a VS Code we run inside. */
function childEnv(extra: Record<string, string>, xdg: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || key === 'PASSWORD' || key === 'HASHED_PASSWORD') continue;
    env[key] = value;
  }
  return {
    ...env,
    ...extra,
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    XDG_RUNTIME_DIR: path.join(xdg, 'runtime'),
  };
}

function makeDataDirs(): CodeServerDataDirs {
  const root = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-code-server-'));
  const dirs: CodeServerDataDirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    xdg: path.join(root, 'xdg'),
  };
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  for (const sub of ['config', 'data', 'cache', 'state']) mkdirSync(path.join(dirs.xdg, sub), { recursive: true });
  mkdirSync(path.join(dirs.xdg, 'runtime'), { recursive: true, mode: 0o700 });
  return dirs;
}

/** Starts code-server in a fresh profile and resolves once it answers /healthz. */
export async function startCodeServer(options: StartCodeServerOptions): Promise<RunningCodeServer> {
  const log = options.log ?? (() => undefined);
  const installation = findInstalledCodeServer(options.version) ?? await installCodeServer(options.version, { log });
  const dataDirs = makeDataDirs();
  const settings = { ...DEFAULT_USER_SETTINGS, ...options.userSettings };
  writeFileSync(path.join(dataDirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const env = childEnv(options.env ?? {}, dataDirs.xdg);
  const profileArgs = ['--user-data-dir', dataDirs.userData, '--extensions-dir', dataDirs.extensions];

  for (const vsix of options.installExtensions ?? []) {
    log(`[code-server ${options.version}] installing ${vsix}`);
    execFileSync(installation.nodeBinary, [installation.entry, ...profileArgs, '--install-extension', vsix], {
      env, stdio: 'pipe', timeout: 120_000,
    });
  }

  const port = options.port ?? await freePort();
  const args = [
    installation.entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...profileArgs,
    ...(needsSmokeTestDriver(options.version) ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const logFile = path.join(dataDirs.root, 'code-server.log');
  const out = openSync(logFile, 'a');
  // detached: its own process group, so stop() can end the extension host and helpers with it.
  const child = spawn(installation.nodeBinary, args, {
    cwd: options.workspaceFolder ?? dataDirs.root, env, stdio: ['ignore', out, out], detached: true,
  });
  closeSync(out);
  const pid = child.pid;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (pid !== undefined) await killProcessTree(pid);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (!options.keepData) rmSync(dataDirs.root, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  const state: { ended: boolean; code: number | null } = { ended: false, code: null };
  void exited.then((code) => { state.ended = true; state.code = code; });
  log(`[code-server ${options.version}] starting on ${url} (VS Code ${installation.vscodeVersion}, Node ${installation.nodeVersion})`);
  for (;;) {
    if (state.ended) {
      const tail = tailOf(logFile, 40);
      await stop();
      throw new Error(`code-server ${options.version} exited with ${state.code} before it was ready:\n${tail}`);
    }
    if (await httpStatus(`${url}/healthz`, 2000) === 200) break;
    if (Date.now() > deadline) {
      const tail = tailOf(logFile, 40);
      await stop();
      throw new Error(`code-server ${options.version} did not answer ${url}/healthz within ${(options.startTimeoutMs ?? 60_000) / 1000} s:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port, installation, dataDirs, logFile, exited, stop };
}

/** Flags for Debian's Chromium on a machine with no network but loopback (see the notes). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LaunchBrowserOptions {
  /** Default true; set CONFLUENCE_AUDIT_HEADED=1 or pass false to watch. */
  headless?: boolean;
  /** Default /usr/bin/chromium, or $CONFLUENCE_AUDIT_CHROMIUM. */
  executablePath?: string;
  viewport?: { width: number; height: number };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile and a fixed viewport (so screenshots are comparable). */
export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<LaunchedBrowser> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath ?? process.env.CONFLUENCE_AUDIT_CHROMIUM ?? '/usr/bin/chromium',
    headless: options.headless ?? process.env.CONFLUENCE_AUDIT_HEADED !== '1',
    args: [...CHROMIUM_ARGS],
    viewport: options.viewport ?? { width: 1400, height: 900 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? await context.newPage();
  let closed = false;
  return {
    context,
    page,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface WorkbenchOptions {
  /** code-server's URL, e.g. RunningCodeServer.url. */
  url: string;
  /** Absolute path of the folder to open. */
  folder: string;
  /** Absolute path of an extension folder to load in development mode. */
  extensionDevelopmentPath?: string;
  /** Absolute path of a compiled test index exporting run(); the workbench runs it in the extension host. */
  extensionTestsPath?: string;
  /** Receives the workbench's automation log (with a test payload: the extension host's output). */
  onLog?: (level: string, message: string) => void;
  /** Receives the extension host's exit code when a test run ends. */
  onExit?: (code: number) => void;
}

/** The workbench URL: folder to open and the development/test payload, paths as vscode-remote URIs. */
export function workbenchUrl(options: Pick<WorkbenchOptions, 'url' | 'folder' | 'extensionDevelopmentPath' | 'extensionTestsPath'>): string {
  const base = new URL(options.url);
  const remote = (p: string) => `vscode-remote://${base.host}${path.resolve(p)}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: path.resolve(options.folder) });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${base.origin}/?${query.toString()}`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(describe).join(' ');
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Opens the workbench in `page` (hooks for the automation log/exit are installed before navigation). */
export async function openWorkbench(page: Page, options: WorkbenchOptions): Promise<string> {
  const { onLog, onExit } = options;
  if (onLog) await page.exposeFunction('codeAutomationLog', (level: unknown, message: unknown) => onLog(describe(level), describe(message)));
  if (onExit) await page.exposeFunction('codeAutomationExit', (code: unknown) => onExit(typeof code === 'number' ? code : Number(code)));
  const target = workbenchUrl(options);
  await page.goto(target, { waitUntil: 'domcontentloaded' });
  return target;
}

/** Resolves when the workbench has rendered its main parts. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: timeoutMs });
}
