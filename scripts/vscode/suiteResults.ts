// Reads the results file that test/integration/index.ts writes from inside the extension host, and
// turns it into a verdict: the host's exit code alone cannot be trusted (a crash still reports 0).
import { existsSync, readFileSync } from 'node:fs';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
}

export interface Verdict {
  ok: boolean;
  /** One line saying why it failed, or a summary when it passed. */
  reason: string;
  results?: SuiteResults;
}

/** Env var naming the results file, shared with test/integration/index.ts. */
export const RESULTS_ENV = 'CONFLUENCE_AUDIT_TEST_RESULTS';
/** Env var holding a mocha --grep pattern, shared with test/integration/index.ts. */
export const GREP_ENV = 'CONFLUENCE_AUDIT_TEST_GREP';

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function parseResults(value: unknown): SuiteResults | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (!isCount(r.passed) || !isCount(r.failed) || !isCount(r.pending) || !Array.isArray(r.failures)) return undefined;
  const failures: SuiteResults['failures'] = [];
  for (const f of r.failures as unknown[]) {
    if (typeof f !== 'object' || f === null) return undefined;
    const { title, error } = f as Record<string, unknown>;
    if (typeof title !== 'string' || typeof error !== 'string') return undefined;
    failures.push({ title, error });
  }
  return { passed: r.passed, failed: r.failed, pending: r.pending, failures };
}

/** The verdict for a finished run: `exitCode` is what the extension host reported, if anything. */
export function judgeRun(resultsFile: string, exitCode: number | undefined): Verdict {
  if (!existsSync(resultsFile)) {
    return {
      ok: false,
      reason: `the extension host ended (reported exit code ${exitCode ?? 'none'}) without writing ${resultsFile}: it crashed, or the test runner never ran`,
    };
  }
  let results: SuiteResults | undefined;
  try {
    results = parseResults(JSON.parse(readFileSync(resultsFile, 'utf8')));
  } catch (err) {
    return { ok: false, reason: `unreadable results file ${resultsFile}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!results) return { ok: false, reason: `results file ${resultsFile} is not {passed, failed, pending, failures}` };
  const counts = `${results.passed} passed, ${results.failed} failed, ${results.pending} pending`;
  if (results.failed > 0) {
    return { ok: false, results, reason: `${counts}: ${results.failures.map((f) => f.title).join('; ')}` };
  }
  if (results.passed === 0) return { ok: false, results, reason: `no test passed (${counts})` };
  if (exitCode !== undefined && exitCode !== 0) {
    return { ok: false, results, reason: `${counts}, but the extension host reported exit code ${exitCode}` };
  }
  return { ok: true, results, reason: counts };
}
