// `npm run test:integration`: runs the integration suite (out/test/integration) inside the extension
// host of real VS Code builds, one code-server version after another. Exits non-zero when any test
// fails, the extension host crashes, or a run times out.
//
// Environment:
//   CONFLUENCE_AUDIT_VSCODE_VERSIONS    comma list of code-server versions (default: 4.100.3,4.139.1)
//   CONFLUENCE_AUDIT_SUITE_TIMEOUT_MS   limit per version (default 15 min)
//   CONFLUENCE_AUDIT_TEST_GREP          only tests whose full title matches (mocha --grep)
// Arguments (for other suites, such as the launcher's own fixtures):
//   --extension <folder>   extension to load (default: this repository)
//   --tests <index.js>     compiled suite index (default: out/test/integration/index.js)
import path from 'node:path';
import { DEFAULT_CODE_SERVER_VERSIONS, installCodeServer } from './installCodeServer';
import { DEFAULT_SUITE_TIMEOUT_MS, runSuite, type SuiteOutcome } from './runSuite';
import { GREP_ENV } from './suiteResults';

/** out/scripts/vscode/ -> the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function versionsFromEnv(value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  return list.length > 0 ? list : [...DEFAULT_CODE_SERVER_VERSIONS];
}

export function timeoutFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_SUITE_TIMEOUT_MS;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms <= 0) throw new Error(`CONFLUENCE_AUDIT_SUITE_TIMEOUT_MS must be a positive number of milliseconds, got ${value}`);
  return ms;
}

function argValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return path.resolve(value);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const extensionDevelopmentPath = argValue(args, '--extension') ?? REPO_ROOT;
  const extensionTestsPath = argValue(args, '--tests') ?? path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  const versions = versionsFromEnv(process.env.CONFLUENCE_AUDIT_VSCODE_VERSIONS);
  const timeoutMs = timeoutFromEnv(process.env.CONFLUENCE_AUDIT_SUITE_TIMEOUT_MS);
  const grep = process.env[GREP_ENV] || undefined;

  // Install everything first, so a broken install shows before any suite spends time.
  for (const version of versions) {
    const t0 = Date.now();
    await installCodeServer(version);
    console.log(`[code-server ${version}] ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  const outcomes: SuiteOutcome[] = [];
  for (const version of versions) {
    console.log(`\n=== integration suite in code-server ${version} (${extensionTestsPath}) ===`);
    const outcome = await runSuite({ version, extensionDevelopmentPath, extensionTestsPath, timeoutMs, grep });
    outcomes.push(outcome);
    const label = `code-server ${version}${outcome.vscodeVersion ? ` / VS Code ${outcome.vscodeVersion}` : ''}`;
    console.log(`=== ${label}: ${outcome.ok ? 'PASSED' : 'FAILED'}: ${outcome.reason} (${(outcome.durationMs / 1000).toFixed(1)} s) ===`);
  }

  const passed = outcomes.reduce((sum, o) => sum + (o.results?.passed ?? 0), 0);
  const failed = outcomes.reduce((sum, o) => sum + (o.results?.failed ?? 0), 0);
  const pending = outcomes.reduce((sum, o) => sum + (o.results?.pending ?? 0), 0);
  // A run that crashed or timed out has no counts of its own; count it as one failure.
  const brokenRuns = outcomes.filter((o) => !o.ok && (o.results?.failed ?? 0) === 0).length;
  console.log('');
  for (const o of outcomes) console.log(`${o.ok ? 'ok  ' : 'FAIL'} code-server ${o.version}: ${o.reason}`);
  console.log(`integration: ${passed} passed, ${failed + brokenRuns} failed, ${pending} skipped`);
  return outcomes.every((o) => o.ok) ? 0 : 1;
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
