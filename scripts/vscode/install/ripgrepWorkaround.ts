// @vscode/ripgrep's postinstall downloads rg from GitHub, which this machine cannot reach. It skips the
// download when $TMPDIR/vscode-ripgrep-cache-<package version>/ripgrep-<tag>-<target>.tar.gz exists;
// <tag> is the VERSION constant in its lib/postinstall.js, so we read it from the package tarball and
// pre-fill that cache with the system's `rg`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readJson } from './cache';
import { findOnPath, runNpmStep } from './npmStep';

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

export async function prefillRipgrepCache(packageDir: string, tmp: string, logFile: string, log: (line: string) => void): Promise<void> {
  const versions = ripgrepPackageVersions(packageDir);
  if (versions.length === 0) {
    log('  this VS Code bundles ripgrep; nothing to pre-fill');
    return;
  }
  const target = ripgrepTarget();
  const rg = findOnPath('rg');
  if (!target) throw new Error(`no ripgrep pre-fill for ${process.platform}-${process.arch}`);
  if (!rg) throw new Error('rg is not on PATH (install the ripgrep package)');
  for (const version of versions) {
    const scratch = path.join(tmp, `ripgrep-package-${version}`);
    mkdirSync(scratch, { recursive: true });
    await runNpmStep({
      cwd: scratch, args: ['pack', `@vscode/ripgrep@${version}`, '--pack-destination', scratch, '--prefer-offline'],
      logFile, timeoutMs: 5 * 60_000,
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
