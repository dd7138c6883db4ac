// Installs code-server (a real VS Code server) from the npm registry into a cache outside the clone,
// with nothing downloaded from anywhere else: native modules are built locally, the Node.js runtime a
// version needs comes from the npm package node-<platform>-<arch>, and @vscode/ripgrep's GitHub
// download is answered from a pre-filled cache holding the system's `rg`.
// Usage: node out/scripts/vscode/installCodeServer.js [version ...]
import { execFileSync } from 'node:child_process';
import {
  existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLogged, tailOf } from './processes';

/** The versions the integration suite runs against: the oldest VS Code we support and a recent one. */
export const DEFAULT_CODE_SERVER_VERSIONS = ['4.100.3', '4.139.1'] as const;

/** Exact runtime per Node major, so every machine builds and runs against the same headers. */
const NODE_RUNTIME_PINS: Readonly<Record<string, string>> = { '24': '24.21.0' };

const MARKER = 'install-complete.json';
const STEP_TIMEOUT_MS = 20 * 60_000;

export interface CodeServerInstallation {
  version: string;
  /** The cache folder of this version. */
  dir: string;
  /** node_modules/code-server inside `dir`. */
  packageDir: string;
  /** The script to run with `nodeBinary` (what the package's `code-server` bin points at). */
  entry: string;
  /** The Node.js binary code-server was built for; its extension host runs on it too. */
  nodeBinary: string;
  nodeVersion: string;
  /** The VS Code version inside this code-server. */
  vscodeVersion: string;
}

interface Marker {
  version: string;
  /** Relative to the cache folder when the runtime is private to it, else absolute. */
  nodeBinary: string;
  nodeVersion: string;
  /** NODE_MODULE_VERSION the native modules were built for. */
  nodeAbi: string;
  vscodeVersion: string;
  installSeconds: number;
  completedAt: string;
}

export interface InstallOptions {
  /** Progress lines; default: console.log. */
  log?: (line: string) => void;
}

/** ~/.cache/confluence-audit/code-server, or $CONFLUENCE_AUDIT_CACHE_DIR/code-server. */
export function codeServerCacheRoot(): string {
  const base = process.env.CONFLUENCE_AUDIT_CACHE_DIR
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'confluence-audit');
  return path.join(base, 'code-server');
}

export function installLogPath(version: string): string {
  return path.join(codeServerCacheRoot(), `${version}.install.log`);
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

function parseMarker(value: unknown): Marker | undefined {
  const keys = ['version', 'nodeBinary', 'nodeVersion', 'nodeAbi', 'vscodeVersion', 'completedAt'] as const;
  if (keys.some((k) => stringField(value, k) === undefined)) return undefined;
  return value as Marker;
}

function nodeAbiOf(nodeBinary: string): string {
  return execFileSync(nodeBinary, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
}

function installationFrom(dir: string, marker: Marker): CodeServerInstallation {
  const packageDir = path.join(dir, 'node_modules', 'code-server');
  return {
    version: marker.version,
    dir,
    packageDir,
    entry: path.join(packageDir, 'out', 'node', 'entry.js'),
    nodeBinary: path.resolve(dir, marker.nodeBinary),
    nodeVersion: marker.nodeVersion,
    vscodeVersion: marker.vscodeVersion,
  };
}

/** The completed install of `version`, or undefined when missing, partial or built for another Node. */
export function findInstalledCodeServer(version: string): CodeServerInstallation | undefined {
  const dir = path.join(codeServerCacheRoot(), version);
  const markerFile = path.join(dir, MARKER);
  if (!existsSync(markerFile)) return undefined;
  const marker = parseMarker(readJson(markerFile));
  if (!marker || marker.version !== version) return undefined;
  const install = installationFrom(dir, marker);
  if (!existsSync(install.entry) || !existsSync(install.nodeBinary)) return undefined;
  try {
    if (nodeAbiOf(install.nodeBinary) !== marker.nodeAbi) return undefined; // system Node changed major
  } catch {
    return undefined;
  }
  return install;
}

/** The Node major a code-server version declares in engines.node ("20", "24", ">=22"...). */
function requiredNodeMajor(packageDir: string): string {
  const engines = (readJson(path.join(packageDir, 'package.json')) as { engines?: { node?: unknown } }).engines;
  const spec = typeof engines?.node === 'string' ? engines.node : '';
  const major = /(\d+)/.exec(spec)?.[1];
  if (!major) throw new Error(`code-server's package.json has no usable engines.node (${JSON.stringify(spec)})`);
  return major;
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The download target name @vscode/ripgrep's postinstall computes for this machine. */
function ripgrepTarget(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  if (process.arch === 'x64') return 'x86_64-unknown-linux-musl';
  if (process.arch === 'arm64') return 'aarch64-unknown-linux-musl';
  return undefined;
}

/** Versions of @vscode/ripgrep (the package that downloads rg on install) in VS Code's lockfile. */
function ripgrepPackageVersions(packageDir: string): string[] {
  const versions = new Set<string>();
  for (const lock of ['lib/vscode/npm-shrinkwrap.json', 'lib/vscode/package-lock.json']) {
    const file = path.join(packageDir, lock);
    if (!existsSync(file)) continue;
    const packages = (readJson(file) as { packages?: Record<string, { version?: unknown; hasInstallScript?: unknown }> }).packages ?? {};
    for (const [key, info] of Object.entries(packages)) {
      if (key.endsWith('node_modules/@vscode/ripgrep') && info.hasInstallScript === true && typeof info.version === 'string') {
        versions.add(info.version);
      }
    }
  }
  return [...versions];
}

interface Step {
  title: string;
  run: () => Promise<void>;
}

/** Installs into a private folder and renames it into place, so a partial install is never found. */
async function installFresh(version: string, log: (line: string) => void): Promise<CodeServerInstallation> {
  const root = codeServerCacheRoot();
  mkdirSync(root, { recursive: true });
  removeAbandonedAttempts(root, version);
  const dir = path.join(root, `${version}.partial-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const logFile = installLogPath(version);
  writeFileSync(logFile, `code-server ${version} install, ${new Date().toISOString()}\n`);
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, description: `code-server ${version} for tests` }, null, 2));
  const packageDir = path.join(dir, 'node_modules', 'code-server');

  const npm = findOnPath('npm');
  if (!npm) throw new Error('npm is not on PATH');
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // Reuse tarballs already in npm's cache without asking the registry again.
    npm_config_prefer_offline: 'true',
  };
  const npmIn = (cwd: string, args: string[], env: NodeJS.ProcessEnv = baseEnv) =>
    runLogged({ command: npm, args, cwd, env, logFile, timeoutMs: STEP_TIMEOUT_MS });

  let nodeBinary = process.execPath;
  const started = Date.now();
  const steps: Step[] = [
    {
      title: `npm install code-server@${version} (scripts deferred)`,
      run: () => npmIn(dir, ['install', `code-server@${version}`, '--ignore-scripts', '--no-save']),
    },
    {
      title: 'Node.js runtime',
      run: async () => {
        const major = requiredNodeMajor(packageDir);
        if (process.versions.node.split('.')[0] === major) {
          log(`  system Node ${process.version} matches engines.node ${major}`);
          return;
        }
        const runtimeDir = path.join(dir, 'node-runtime');
        mkdirSync(runtimeDir);
        writeFileSync(path.join(runtimeDir, 'package.json'), '{"private":true}\n');
        const pkg = `node-${process.platform}-${process.arch}`;
        const spec = `${pkg}@${NODE_RUNTIME_PINS[major] ?? major}`;
        log(`  needs Node ${major}; installing ${spec} from npm`);
        await npmIn(runtimeDir, ['install', spec, '--no-save']);
        nodeBinary = path.join(runtimeDir, 'node_modules', pkg, 'bin', 'node');
        log(`  using ${nodeBinary} (${execFileSync(nodeBinary, ['-v'], { encoding: 'utf8' }).trim()})`);
      },
    },
    {
      title: 'build argon2',
      run: () => npmIn(dir, ['rebuild', 'argon2'], buildEnv(baseEnv, nodeBinary)),
    },
    {
      title: 'pre-fill the ripgrep download cache with the system rg',
      run: () => prefillRipgrepCache(packageDir, tmp, logFile, log),
    },
    {
      title: "run code-server's postinstall (VS Code's dependencies and native modules)",
      run: () => npmIn(packageDir, ['run', 'postinstall'], {
        ...buildEnv(baseEnv, nodeBinary),
        // postinstall.sh refuses to run as root without it; node-pty's build calls npx, which must not prompt.
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
      }),
    },
    {
      title: 'check that it starts',
      run: async () => {
        const out = execFileSync(nodeBinary, [path.join(packageDir, 'out', 'node', 'entry.js'), '--version'], {
          encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp },
        });
        if (!out.includes(version)) throw new Error(`code-server --version printed ${JSON.stringify(out.trim())}`);
        log(`  ${out.trim().split('\n').pop() ?? ''}`);
      },
    },
  ];

  for (const [index, step] of steps.entries()) {
    const stepStart = Date.now();
    log(`[code-server ${version}] ${index + 1}/${steps.length} ${step.title}…`);
    try {
      await step.run();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log(`[code-server ${version}] FAILED at "${step.title}": ${message}`);
      log(`---- last lines of ${logFile} ----\n${tailOf(logFile, 80)}\n----`);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`installing code-server ${version} failed at "${step.title}": ${message} (log: ${logFile})`, { cause: err });
    }
    log(`[code-server ${version}]   done in ${((Date.now() - stepStart) / 1000).toFixed(1)} s`);
  }

  rmSync(tmp, { recursive: true, force: true });
  const installSeconds = Math.round((Date.now() - started) / 100) / 10;
  const vscodeVersion = stringField(readJson(path.join(packageDir, 'lib', 'vscode', 'package.json')), 'version') ?? 'unknown';
  const marker: Marker = {
    version,
    nodeBinary: nodeBinary.startsWith(dir + path.sep) ? path.relative(dir, nodeBinary) : nodeBinary,
    nodeVersion: execFileSync(nodeBinary, ['-v'], { encoding: 'utf8' }).trim(),
    nodeAbi: nodeAbiOf(nodeBinary),
    vscodeVersion,
    installSeconds,
    completedAt: new Date().toISOString(),
  };
  writeFileSync(path.join(dir, MARKER), JSON.stringify(marker, null, 2) + '\n');

  const finalDir = path.join(root, version);
  rmSync(finalDir, { recursive: true, force: true }); // an incomplete or outdated install
  try {
    renameSync(dir, finalDir);
  } catch (err) {
    // Another process finished the same install first: use theirs.
    const theirs = findInstalledCodeServer(version);
    rmSync(dir, { recursive: true, force: true });
    if (theirs) return theirs;
    throw err;
  }
  log(`[code-server ${version}] installed in ${installSeconds} s (VS Code ${vscodeVersion}, Node ${marker.nodeVersion}) at ${finalDir}`);
  return installationFrom(finalDir, marker);
}

/** Env for steps that run install scripts: `node` on PATH is the target runtime, node-gyp uses its headers. */
function buildEnv(base: NodeJS.ProcessEnv, nodeBinary: string): NodeJS.ProcessEnv {
  const nodeBin = path.dirname(nodeBinary);
  const env: NodeJS.ProcessEnv = { ...base, PATH: `${nodeBin}${path.delimiter}${base.PATH ?? ''}` };
  // node-gyp would download headers from nodejs.org otherwise. The npm runtime package ships them
  // beside bin/; a system Node keeps them under <prefix>/include/node.
  const nodedir = path.dirname(nodeBin);
  if (existsSync(path.join(nodedir, 'include', 'node', 'common.gypi'))) env.npm_config_nodedir = nodedir;
  return env;
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub unless
 * $TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<tag>-<target>.tar.gz exists;
 * <tag> is the VERSION constant in its lib/postinstall.js, so we read it from the package tarball.
 */
async function prefillRipgrepCache(packageDir: string, tmp: string, logFile: string, log: (line: string) => void): Promise<void> {
  const versions = ripgrepPackageVersions(packageDir);
  if (versions.length === 0) {
    log('  this VS Code bundles ripgrep; nothing to pre-fill');
    return;
  }
  const target = ripgrepTarget();
  const rg = findOnPath('rg');
  if (!target) throw new Error(`no ripgrep pre-fill for ${process.platform}-${process.arch}`);
  if (!rg) throw new Error('rg is not on PATH (install the ripgrep package)');
  const npm = findOnPath('npm') ?? 'npm';
  for (const version of versions) {
    const scratch = path.join(tmp, `ripgrep-package-${version}`);
    mkdirSync(scratch, { recursive: true });
    await runLogged({
      command: npm, args: ['pack', `@vscode/ripgrep@${version}`, '--pack-destination', scratch, '--prefer-offline'],
      cwd: scratch, env: process.env, logFile, timeoutMs: 5 * 60_000,
    });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack @vscode/ripgrep@${version} produced no tarball`);
    execFileSync('tar', ['-xzf', tarball, 'package/lib/postinstall.js'], { cwd: scratch });
    const postinstall = readFileSync(path.join(scratch, 'package', 'lib', 'postinstall.js'), 'utf8');
    const tag = /const VERSION = ['"]([^'"]+)['"]/.exec(postinstall)?.[1];
    if (!tag) throw new Error(`no VERSION constant in @vscode/ripgrep@${version}/lib/postinstall.js`);
    const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${version}`);
    mkdirSync(cacheDir, { recursive: true });
    const asset = path.join(cacheDir, `ripgrep-${tag}-${target}.tar.gz`);
    // The postinstall extracts the archive and expects `rg` at its top level.
    execFileSync('tar', ['-czf', asset, '-C', path.dirname(rg), path.basename(rg)]);
    log(`  @vscode/ripgrep ${version} (rg ${tag}) will use ${rg}`);
  }
}

/** Leftovers of attempts whose process is gone (killed mid-install). */
function removeAbandonedAttempts(root: string, version: string): void {
  const prefix = `${version}.partial-`;
  for (const entry of readdirSync(root)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      alive = false;
    }
    if (!alive) rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

/** The cached install of `version`, installing it first when missing. */
export async function installCodeServer(version: string, options: InstallOptions = {}): Promise<CodeServerInstallation> {
  const log = options.log ?? ((line: string) => console.log(line));
  const existing = findInstalledCodeServer(version);
  if (existing) {
    log(`[code-server ${version}] cached at ${existing.dir} (VS Code ${existing.vscodeVersion}, Node ${existing.nodeVersion})`);
    return existing;
  }
  return installFresh(version, log);
}

async function main(): Promise<void> {
  const versions = process.argv.slice(2);
  for (const version of versions.length > 0 ? versions : DEFAULT_CODE_SERVER_VERSIONS) {
    await installCodeServer(version);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
