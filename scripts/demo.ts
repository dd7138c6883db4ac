// `npm run demo`: the extension in a real VS Code against the local simulator. Desktop VS Code when
// `code` is on the PATH, otherwise code-server (prints the URL to open).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '../simulator';
import { REPO_ROOT, startDemoEnvironment, writeSeedFile } from './demoEnvironment';

function hasDesktopCode(): boolean {
  if (process.env.CONFLUENCE_AUDIT_DEMO_CODE_SERVER === '1') return false;
  return spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

function portArg(): number | undefined {
  const index = process.argv.indexOf('--port');
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number(process.env.CONFLUENCE_AUDIT_DEMO_PORT ?? NaN);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

async function desktop(): Promise<void> {
  const simulator = await startSimulator({ records: 100_000, seed: 42, periodDays: 90, org: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-demo-'));
  const seed = writeSeedFile(dir, simulator, { dataCenter: true, organization: true });
  console.log(`Simulator: ${simulator.url} (admin ${simulator.admin.email})`);
  printOrganization(simulator);
  console.log('Set "confluenceAudit.organizationApiUrl" to the simulator URL in user settings to add its organizations yourself.');
  console.log('Opening desktop VS Code with the extension in development mode…');
  const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${REPO_ROOT}`, dir], {
    stdio: 'inherit',
    env: { ...process.env, CONFLUENCE_AUDIT_DEV_SITE: seed },
  });
  code.on('exit', () => console.log('VS Code started. Press Ctrl+C here to stop the simulator.'));
  await waitForSignal();
  await simulator.stop();
}

async function codeServer(): Promise<void> {
  const demo = await startDemoEnvironment({ port: portArg(), log: (line) => console.log(line), dataCenter: true, organization: true });
  console.log('');
  console.log(`Simulator:   ${demo.simulator.url} (admin ${demo.simulator.admin.email})`);
  printOrganization(demo.simulator);
  console.log('Open this URL in a browser (the Confluence Audit view is in the activity bar):');
  console.log(`  ${demo.workbench}`);
  console.log('Press Ctrl+C to stop.');
  await waitForSignal();
  await demo.stop();
}

/** The simulator's organization keys (made up per run) for trying Add Organization and its refusals. */
function printOrganization(simulator: Simulator): void {
  if (!simulator.org) return;
  console.log(`Organization: ${simulator.org.orgName} (already added). Keys for Add Organization…:`);
  console.log(`  working:        ${simulator.org.key}`);
  console.log(`  expired (401):  ${simulator.org.expiredKey}`);
  console.log(`  no Guard (403): ${simulator.org.nonGuardKey}`);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

(hasDesktopCode() ? desktop() : codeServer()).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
  },
);
