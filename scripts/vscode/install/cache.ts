// The code-server cache outside the clone: one folder per version, a marker written last so a partial
// install is never taken for a finished one, and leftovers of killed attempts removed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MARKER = 'install-complete.json';

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

export interface Marker {
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

/** ~/.cache/confluence-audit/code-server, or $CONFLUENCE_AUDIT_CACHE_DIR/code-server. */
export function codeServerCacheRoot(): string {
  const base = process.env.CONFLUENCE_AUDIT_CACHE_DIR
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'confluence-audit');
  return path.join(base, 'code-server');
}

export function installLogPath(version: string): string {
  return path.join(codeServerCacheRoot(), `${version}.install.log`);
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

export function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

function parseMarker(value: unknown): Marker | undefined {
  const keys = ['version', 'nodeBinary', 'nodeVersion', 'nodeAbi', 'vscodeVersion', 'completedAt'] as const;
  if (keys.some((k) => stringField(value, k) === undefined)) return undefined;
  return value as Marker;
}

export function nodeAbiOf(nodeBinary: string): string {
  return execFileSync(nodeBinary, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
}

export function installationFrom(dir: string, marker: Marker): CodeServerInstallation {
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

export function writeMarker(dir: string, marker: Marker): void {
  writeFileSync(path.join(dir, MARKER), JSON.stringify(marker, null, 2) + '\n');
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

/** Leftovers of attempts whose process is gone (killed mid-install). */
export function removeAbandonedAttempts(root: string, version: string): void {
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
