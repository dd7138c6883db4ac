// The simulator plus a real VS Code (code-server) with the extension in development mode and a site
// already pointing at the simulator. Shared by `npm run demo`, the UI tests and the README screenshots.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '../simulator';
import { startCodeServer, workbenchUrl, type RunningCodeServer } from './vscode/codeServer';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface DemoOptions {
  codeServerVersion?: string;
  records?: number;
  seed?: number;
  periodDays?: number;
  /** Fixed port for code-server (the demo prints its URL); default a free one. */
  port?: number;
  userSettings?: Record<string, unknown>;
  /** Also seed the simulator's organization (and its API key): `npm run demo` does; UI tests add it themselves. */
  organization?: boolean;
  log?: (line: string) => void;
  /** Also seed the simulator's Data Center face (advanced auditing, a personal access token); default false. */
  dataCenter?: boolean;
}

export interface DemoEnvironment {
  simulator: Simulator;
  codeServer: RunningCodeServer;
  /** Open this in a browser: the workbench with the extension loaded in development mode. */
  workbench: string;
  workspace: string;
  stop(): Promise<void>;
}

/** Writes the development-mode seed file that src/devSeed.ts reads (the token stays in a 0600 temp file). */
export function writeSeedFile(dir: string, simulator: Simulator, options: { dataCenter?: boolean; organization?: boolean } = {}): string {
  const file = path.join(dir, 'demo-site.json');
  const org = options.organization && simulator.org ? { apiUrl: simulator.org.url, orgId: simulator.org.orgId, key: simulator.org.key, label: simulator.org.orgName } : undefined;
  const cloud = { url: simulator.url, authKind: 'basic', email: simulator.admin.email, token: simulator.admin.apiToken, label: 'Demo Confluence (simulator)', org };
  const dataCenter = { url: simulator.dataCenterUrl, authKind: 'bearer', token: simulator.admin.pat, label: 'Demo Data Center (simulator)' };
  writeFileSync(file, JSON.stringify(options.dataCenter ? [cloud, dataCenter] : cloud), { mode: 0o600 });
  return file;
}

export async function startDemoEnvironment(options: DemoOptions = {}): Promise<DemoEnvironment> {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-demo-'));
  const workspace = path.join(dir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(path.join(workspace, 'README.md'), '# Demo workspace\n\nExports land in `audit-exports/`.\n');
  log(`Starting the Confluence audit simulator (${options.records ?? 100_000} records)…`);
  // With the organization whose events mirror the site's actors and addresses (simulator/org), its query
  // API limited to 10 requests a minute, an expired key and a key without Guard.
  const simulator = await startSimulator({ records: options.records ?? 100_000, seed: options.seed ?? 42, periodDays: options.periodDays ?? 90, org: true });
  let codeServer: RunningCodeServer;
  try {
    codeServer = await startCodeServer({
      version: options.codeServerVersion ?? '4.100.3',
      workspaceFolder: workspace,
      port: options.port,
      env: { CONFLUENCE_AUDIT_DEV_SITE: writeSeedFile(dir, simulator, { dataCenter: options.dataCenter, organization: options.organization }) },
      // Add Organization asks the simulator, never api.atlassian.com, for the keys the demo prints.
      userSettings: { 'confluenceAudit.organizationApiUrl': simulator.url, ...options.userSettings },
      log,
    });
  } catch (error) {
    await simulator.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const workbench = workbenchUrl({ url: codeServer.url, folder: workspace, extensionDevelopmentPath: REPO_ROOT });
  return {
    simulator,
    codeServer,
    workbench,
    workspace,
    stop: async () => {
      await codeServer.stop();
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
