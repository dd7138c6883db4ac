// Installs code-server (a real VS Code server) from the npm registry into a cache outside the clone,
// with nothing downloaded from anywhere else: native modules are built locally, the Node.js runtime a
// version needs comes from the npm package node-<platform>-<arch>, and @vscode/ripgrep's GitHub
// download is answered from a pre-filled cache holding the system's `rg`.
// Usage: node out/scripts/vscode/installCodeServer.js [version ...]
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  codeServerCacheRoot, findInstalledCodeServer, installationFrom, installLogPath, nodeAbiOf, readJson,
  removeAbandonedAttempts, stringField, writeMarker, type CodeServerInstallation, type Marker,
} from './install/cache';
import { buildEnv, installNodeRuntime, nodeVersionOf, quietNpmEnv, requiredNodeMajor } from './install/nodeRuntime';
import { runNpmStep } from './install/npmStep';
import { prefillRipgrepCache } from './install/ripgrepWorkaround';
import { tailOf } from './processes';

export { codeServerCacheRoot, findInstalledCodeServer, installLogPath, type CodeServerInstallation };

/** The versions the integration suite runs against: the oldest VS Code we support and a recent one. */
export const DEFAULT_CODE_SERVER_VERSIONS = ['4.100.3', '4.139.1'] as const;

export interface InstallOptions {
  /** Progress lines; default: console.log. */
  log?: (line: string) => void;
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
  const baseEnv: NodeJS.ProcessEnv = { ...quietNpmEnv(), TMPDIR: tmp };

  let nodeBinary = process.execPath;
  const started = Date.now();
  const steps: Step[] = [
    {
      title: `npm install code-server@${version} (scripts deferred)`,
      run: () => runNpmStep({ cwd: dir, args: ['install', `code-server@${version}`, '--ignore-scripts', '--no-save'], env: baseEnv, logFile }),
    },
    {
      title: 'Node.js runtime',
      run: async () => {
        const major = requiredNodeMajor(packageDir);
        if (process.versions.node.split('.')[0] === major) {
          log(`  system Node ${process.version} matches engines.node ${major}`);
          return;
        }
        log(`  needs Node ${major}; installing node-${process.platform}-${process.arch}@${major} from npm`);
        nodeBinary = await installNodeRuntime(major, path.join(dir, 'node-runtime'), logFile);
        log(`  using ${nodeBinary} (${nodeVersionOf(nodeBinary)})`);
      },
    },
    {
      title: 'build argon2',
      run: () => runNpmStep({ cwd: dir, args: ['rebuild', 'argon2'], env: buildEnv(nodeBinary, baseEnv), logFile }),
    },
    {
      title: 'pre-fill the ripgrep download cache with the system rg',
      run: () => prefillRipgrepCache(packageDir, tmp, logFile, log),
    },
    {
      title: "run code-server's postinstall (VS Code's dependencies and native modules)",
      run: () => runNpmStep({
        cwd: packageDir,
        args: ['run', 'postinstall'],
        env: {
          ...buildEnv(nodeBinary, baseEnv),
          // postinstall.sh refuses to run as root without it; node-pty's build calls npx, which must not prompt.
          npm_config_unsafe_perm: 'true',
          npm_config_yes: 'true',
        },
        logFile,
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
    nodeVersion: nodeVersionOf(nodeBinary),
    nodeAbi: nodeAbiOf(nodeBinary),
    vscodeVersion,
    installSeconds,
    completedAt: new Date().toISOString(),
  };
  writeMarker(dir, marker);

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
