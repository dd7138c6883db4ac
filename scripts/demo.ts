// `npm run demo`: the extension in a real VS Code against the local simulator. Desktop VS Code when
// `code` is on the PATH, otherwise code-server (prints the URL to open).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../simulator';
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
  const simulator = await startSimulator({ records: 100_000, seed: 42, periodDays: 90 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-demo-'));
  const seed = writeSeedFile(dir, simulator, { dataCenter: true });
  console.log(`Simulator: ${simulator.url} (admin ${simulator.admin.email})`);
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
  const demo = await startDemoEnvironment({ port: portArg(), log: (line) => console.log(line), dataCenter: true });
  console.log('');
  console.log(`Simulator:   ${demo.simulator.url} (admin ${demo.simulator.admin.email})`);
  console.log('Open this URL in a browser (the Confluence Audit view is in the activity bar):');
  console.log(`  ${demo.workbench}`);
  console.log('Press Ctrl+C to stop.');
  await waitForSignal();
  await demo.stop();
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
