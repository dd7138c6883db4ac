// Activation: the production bundle's size, and the time from activate() to the tree's first items inside
// a real extension host (code-server 4.100.3 driven by headless Chromium), versus an empty extension loaded
// the same way. Also checks that nothing reaches the server before a bucket is expanded.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSuite } from '../vscode/runSuite';
import { ratio, type FigureResult } from './results';
import { startSimProcess, type SimProcess } from './simProcess';
import { median } from './stats';
import type { ActivationTimings } from '../../test/fixtures/bench-activation/index';

export const ACTIVATION_CODE_SERVER = '4.100.3';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const EMPTY_EXTENSION = path.join(REPO_ROOT, 'test', 'fixtures', 'bench-empty-extension');
const SUITE = path.join(REPO_ROOT, 'out', 'test', 'fixtures', 'bench-activation', 'index.js');
const OUR_ID = 'confluence-audit.confluence-audit';
const EMPTY_ID = 'confluence-audit-bench.bench-empty-extension';
const SITE_ID = 'bench-site-0001';
const BUNDLE_GOAL_BYTES = 400 * 1024;

export interface BundleInfo {
  bytes: number;
  /** dist/undici.js, loaded on the first request. */
  networkBytes: number;
  production: boolean;
}

/**
 * A copy of the extension as it is now (package.json, media/, dist/extension.js), taken when the bench
 * starts right after the production build, so a development build made meanwhile cannot change what the
 * activation runs load. Remove it with rmSync(folder, {recursive: true}).
 */
export interface ExtensionSnapshot {
  folder: string;
  bundle: BundleInfo;
}

export function snapshotExtension(): ExtensionSnapshot {
  const source = path.join(REPO_ROOT, 'dist', 'extension.js');
  const text = readFileSync(source, 'utf8');
  const folder = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-bench-extension-'));
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(folder, 'package.json'));
  cpSync(path.join(REPO_ROOT, 'media'), path.join(folder, 'media'), { recursive: true });
  mkdirSync(path.join(folder, 'dist'));
  writeFileSync(path.join(folder, 'dist', 'extension.js'), text);
  // The network layer the bundle loads on its first request (expanding a bucket makes one).
  const network = path.join(REPO_ROOT, 'dist', 'undici.js');
  cpSync(network, path.join(folder, 'dist', 'undici.js'));
  // The development build carries a source map reference; `npm run package:build` does not.
  return { folder, bundle: { bytes: statSync(source).size, networkBytes: statSync(network).size, production: !text.includes('sourceMappingURL=') } };
}

interface Run {
  timings: ActivationTimings;
  requestsBeforeExpand: number;
  requestsAfterExpand: number;
}

async function oneRun(which: 'ours' | 'empty', extension: string, sim: SimProcess, scratch: string, log: string[]): Promise<Run> {
  const timingsFile = path.join(scratch, `timings-${which}.json`);
  rmSync(timingsFile, { force: true });
  const seedFile = path.join(scratch, 'dev-site.json');
  await sim.clearRequests();
  const outcome = await runSuite({
    version: ACTIVATION_CODE_SERVER,
    extensionDevelopmentPath: which === 'ours' ? extension : EMPTY_EXTENSION,
    extensionTestsPath: SUITE,
    setupModule: null,
    timeoutMs: 4 * 60_000,
    env: {
      CONFLUENCE_AUDIT_BENCH_TIMINGS: timingsFile,
      CONFLUENCE_AUDIT_BENCH_EXTENSION: which === 'ours' ? OUR_ID : EMPTY_ID,
      CONFLUENCE_AUDIT_DEV_SITE: seedFile,
    },
    // The site is configured already (as after Add Site…); the development seed only stores its token.
    userSettings: {
      'confluenceAudit.sites': [{ id: SITE_ID, url: sim.url, label: 'Bench', deployment: 'cloud', authKind: 'basic', email: sim.email }],
      'confluenceAudit.timeZone': 'utc',
    },
    log: (line) => log.push(line),
  });
  if (!outcome.ok) throw new Error(`activation run (${which}) failed: ${outcome.reason}\n${log.slice(-40).join('\n')}`);
  const timings = JSON.parse(readFileSync(timingsFile, 'utf8')) as ActivationTimings;
  const requests = (await sim.requests()).filter((r) => r.url.includes('/rest/api/audit'));
  const expandAt = timings.expandAt ?? Infinity;
  return {
    timings,
    requestsBeforeExpand: requests.filter((r) => r.time < expandAt).length,
    requestsAfterExpand: requests.filter((r) => r.time >= expandAt).length,
  };
}

export async function activationFigure(repetitions: number, snapshot: ExtensionSnapshot): Promise<FigureResult> {
  const started = Date.now();
  const { bundle } = snapshot;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-bench-activation-'));
  const sim = await startSimProcess({ records: 2000, seed: 51, periodDays: 1, requestLogLimit: 1000 });
  const log: string[] = [];
  try {
    writeFileSync(path.join(scratch, 'dev-site.json'), JSON.stringify({ url: sim.url, authKind: 'basic', email: sim.email, token: sim.token, label: 'Bench' }), { mode: 0o600 });
    const ours: Run[] = [];
    const empty: Run[] = [];
    for (let i = 0; i < repetitions; i++) {
      // Alternate which goes first, as for the other figures.
      if (i % 2 === 0) {
        ours.push(await oneRun('ours', snapshot.folder, sim, scratch, log));
        empty.push(await oneRun('empty', snapshot.folder, sim, scratch, log));
      } else {
        empty.push(await oneRun('empty', snapshot.folder, sim, scratch, log));
        ours.push(await oneRun('ours', snapshot.folder, sim, scratch, log));
      }
    }
    const oursMs = ours.map((r) => r.timings.firstItemsMs);
    const emptyMs = empty.map((r) => r.timings.firstItemsMs);
    const o = median(oursMs);
    const e = median(emptyMs);
    const before = ours.reduce((n, r) => n + r.requestsBeforeExpand, 0);
    const after = ours.map((r) => r.requestsAfterExpand);
    const activeBefore = ours.some((r) => r.timings.activeBefore) || empty.some((r) => r.timings.activeBefore);
    return {
      id: 'activation',
      seconds: (Date.now() - started) / 1000,
      rows: [
        {
          figure: `Bundle size (dist/extension.js${bundle.production ? '' : ', NOT the production build'})`,
          unit: 'KB',
          ours: bundle.bytes / 1024,
          goal: '< 400 KB',
          met: bundle.production && bundle.bytes < BUNDLE_GOAL_BYTES,
          notes: `loaded at activation; the network layer (dist/undici.js, ${(bundle.networkBytes / 1024).toFixed(0)} KB) loads on the first request`,
        },
        {
          figure: `Activation to first tree items (code-server ${ACTIVATION_CODE_SERVER}) vs empty extension`,
          unit: 'ms',
          ours: o,
          baseline: e,
          ratio: ratio(o, e),
          goal: '≤ 50 ms above the empty one',
          met: !activeBefore && o - e <= 50,
          samples: { ours: oursMs, baseline: emptyMs },
          notes: `+${(o - e).toFixed(1)} ms; activate() alone ${median(ours.map((r) => r.timings.activateMs)).toFixed(1)} ms `
            + `(empty ${median(empty.map((r) => r.timings.activateMs)).toFixed(1)} ms); window items after ${median(ours.map((r) => r.timings.windowsMs)).toFixed(1)} ms `
            + '(includes the development seed storing the token)',
        },
        {
          figure: 'Requests to the server before a bucket is expanded',
          unit: 'requests',
          ours: before,
          goal: '0 (and > 0 after expanding)',
          met: before === 0 && after.every((n) => n > 0),
          notes: `after expanding one bucket: ${after.join(', ')} request(s)`,
        },
      ],
      details: { bundle, ours: ours.map((r) => r.timings), empty: empty.map((r) => r.timings), requestsAfterExpand: after },
    };
  } finally {
    await sim.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
