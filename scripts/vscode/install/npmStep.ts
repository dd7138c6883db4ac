// Runs one npm command of the install into the install log, in an environment free of any
// enclosing npm's variables (see installEnv.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runLogged } from '../processes';
import { installStepEnv } from './installEnv';

const STEP_TIMEOUT_MS = 20 * 60_000;

export function findOnPath(command: string, envPath = process.env.PATH): string | undefined {
  for (const dir of (envPath ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export interface NpmStep {
  cwd: string;
  args: readonly string[];
  /** Variables the installer sets on purpose; they win over the inherited environment. */
  env?: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs?: number;
}

/** `npm <args>` in `cwd`; rejects on failure. The npm binary is looked up on the step's own PATH. */
export function runNpmStep(step: NpmStep): Promise<void> {
  const env = installStepEnv(process.env, step.env);
  const npm = findOnPath('npm', env.PATH);
  if (!npm) return Promise.reject(new Error('npm is not on PATH'));
  return runLogged({ command: npm, args: step.args, cwd: step.cwd, env, logFile: step.logFile, timeoutMs: step.timeoutMs ?? STEP_TIMEOUT_MS });
}
