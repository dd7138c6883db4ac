// Child-process helpers shared by the code-server installer and launchers: run a command into a log
// file, kill a whole process tree, read the tail of a log.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';

export interface LoggedCommand {
  command: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Appended to, so one file holds every step of an install. */
  logFile: string;
  timeoutMs: number;
}

/** Runs a command with its output appended to a log file; rejects on a non-zero exit or a timeout. */
export function runLogged(cmd: LoggedCommand): Promise<void> {
  const log = createWriteStream(cmd.logFile, { flags: 'a' });
  log.write(`\n$ (cd ${cmd.cwd} && ${cmd.command} ${cmd.args.join(' ')})\n`);
  return new Promise<void>((resolve, reject) => {
    // detached: own process group, so a timeout can end npm's grandchildren (node-gyp, make, ...).
    const child = spawn(cmd.command, cmd.args, { cwd: cmd.cwd, env: cmd.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) void killProcessTree(child.pid);
    }, cmd.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      log.end(() => reject(new Error(`${cmd.command} could not start: ${err.message}`)));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      log.end(() => {
        if (timedOut) reject(new Error(`${cmd.command} ${cmd.args.join(' ')} timed out after ${cmd.timeoutMs / 1000} s`));
        else if (code === 0) resolve();
        else reject(new Error(`${cmd.command} ${cmd.args.join(' ')} exited with ${signal ?? code}`));
      });
    });
  });
}

/** Process ids of all descendants of `pid`, read from /proc (Linux only; empty elsewhere). */
export function descendantPids(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    // Field 4 is the parent id; the command name (field 2) may hold spaces, so parse after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parent = Number(fields[1]);
    const list = children.get(parent) ?? [];
    list.push(Number(entry));
    children.set(parent, list);
  }
  const found: number[] = [];
  const queue = [pid];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const child of children.get(current) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Whether `pid` runs (a zombie does not count). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers signal 0, but has ended; in containers nobody may reap it.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust the signal
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Ends `pid`, its process group and every descendant (some re-parent or start their own group):
 * SIGTERM first, SIGKILL for whatever is still alive after `graceMs`.
 */
export async function killProcessTree(pid: number, graceMs = 3000): Promise<void> {
  const targets = [pid, ...descendantPids(pid)];
  signal(-pid, 'SIGTERM'); // the group, when the root was spawned detached
  for (const target of targets) signal(target, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && targets.some(isAlive)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signal(-pid, 'SIGKILL');
  for (const target of targets) if (isAlive(target)) signal(target, 'SIGKILL');
}

/** The last `lines` lines of a text file, or a note that it does not exist. */
export function tailOf(file: string, lines = 60): string {
  if (!existsSync(file)) return `(no ${file})`;
  const all = readFileSync(file, 'utf8').split('\n');
  return all.slice(-lines).join('\n');
}
