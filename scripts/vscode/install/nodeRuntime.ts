// The Node.js runtime a code-server version is built and run with: the system's when its major matches
// engines.node, else the npm package node-<platform>-<arch> (binary and headers, no other download).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readJson } from './cache';
import { runNpmStep } from './npmStep';

/** Exact runtime per Node major, so every machine builds and runs against the same headers. */
const NODE_RUNTIME_PINS: Readonly<Record<string, string>> = { '24': '24.21.0' };

/** The Node major a code-server version declares in engines.node ("20", "24", ">=22"...). */
export function requiredNodeMajor(packageDir: string): string {
  const engines = (readJson(path.join(packageDir, 'package.json')) as { engines?: { node?: unknown } }).engines;
  const spec = typeof engines?.node === 'string' ? engines.node : '';
  const major = /(\d+)/.exec(spec)?.[1];
  if (!major) throw new Error(`code-server's package.json has no usable engines.node (${JSON.stringify(spec)})`);
  return major;
}

/** Installs Node `major` from the npm registry into `runtimeDir`; returns its `node` binary. */
export async function installNodeRuntime(major: string, runtimeDir: string, logFile: string): Promise<string> {
  mkdirSync(runtimeDir, { recursive: true });
  writeFileSync(path.join(runtimeDir, 'package.json'), '{"private":true}\n');
  const pkg = `node-${process.platform}-${process.arch}`;
  await runNpmStep({
    cwd: runtimeDir, args: ['install', `${pkg}@${NODE_RUNTIME_PINS[major] ?? major}`, '--no-save'], env: quietNpmEnv(), logFile,
  });
  return path.join(runtimeDir, 'node_modules', pkg, 'bin', 'node');
}

export function nodeVersionOf(nodeBinary: string): string {
  return execFileSync(nodeBinary, ['-v'], { encoding: 'utf8' }).trim();
}

/** npm settings every install step gets: no audit, fund or update prompts; cached tarballs reused. */
export function quietNpmEnv(): NodeJS.ProcessEnv {
  return {
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_prefer_offline: 'true',
  };
}

/** Env for steps that run install scripts: `node` on PATH is the target runtime, node-gyp uses its headers. */
export function buildEnv(nodeBinary: string, base: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const nodeBin = path.dirname(nodeBinary);
  const env: NodeJS.ProcessEnv = { ...base, PATH: `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}` };
  // node-gyp would download headers from nodejs.org otherwise. The npm runtime package ships them
  // beside bin/; a system Node keeps them under <prefix>/include/node.
  const nodedir = path.dirname(nodeBin);
  if (existsSync(path.join(nodedir, 'include', 'node', 'common.gypi'))) env.npm_config_nodedir = nodedir;
  return env;
}
