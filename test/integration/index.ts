// Entry point the VS Code extension host loads as extensionTestsPath: runs every *.test.js below this
// folder with mocha and writes a results file, because a crashed extension host still reports exit
// code 0 to the workbench: the launcher (scripts/vscode/runSuite.ts) trusts the file, not the code.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Written to the path in CONFLUENCE_AUDIT_TEST_RESULTS; checked by scripts/vscode/suiteResults.ts. */
export interface TestResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => path.join(dir, file));
}

function writeResults(results: TestResults): void {
  const file = process.env.CONFLUENCE_AUDIT_TEST_RESULTS;
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(results, null, 2));
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return String(err);
}

/**
 * Runs the *.test.js files below `dir` (bdd: describe/it), honouring CONFLUENCE_AUDIT_TEST_GREP;
 * writes the results file and rejects when any test or hook failed.
 */
export function runTestsIn(dir: string): Promise<void> {
  // The workbench forwards the host's console arguments unformatted; format mocha's "%s" lines here.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.CONFLUENCE_AUDIT_TEST_MOCHA_TIMEOUT_MS ?? 60_000),
  });
  const grep = process.env.CONFLUENCE_AUDIT_TEST_GREP;
  if (grep) mocha.grep(grep);
  const results: TestResults = { passed: 0, failed: 0, pending: 0, failures: [] };

  return new Promise<void>((resolve, reject) => {
    try {
      for (const file of testFiles(dir)) mocha.addFile(file);
      const runner = mocha.run((failures) => {
        writeResults(results);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', () => { results.passed += 1; });
      runner.on('pending', () => { results.pending += 1; });
      // Also fires for failing hooks, which mocha counts as failures too.
      runner.on('fail', (test, err) => {
        results.failed += 1;
        results.failures.push({ title: test.fullTitle(), error: errorText(err) });
      });
    } catch (err) {
      // A test file that fails to load (syntax error, missing module) throws here, before any test ran.
      results.failed += 1;
      results.failures.push({ title: 'loading the integration test files', error: errorText(err) });
      writeResults(results);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
