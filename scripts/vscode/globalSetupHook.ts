// The optional fixture hook of an integration suite: a setup.js beside the suite's index.js exporting
// `globalSetup(): Promise<{ env, teardown }>`. It runs in the launcher process (for example to start
// the Confluence simulator) and its env reaches the extension host through code-server's environment.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface GlobalFixture {
  env: Record<string, string>;
  teardown(): Promise<void>;
}

const NO_FIXTURE: GlobalFixture = { env: {}, teardown: async () => undefined };

/** setup.js in the folder of the suite's index.js. */
export function defaultSetupModule(extensionTestsPath: string): string {
  const dir = extensionTestsPath.endsWith('.js') ? path.dirname(extensionTestsPath) : extensionTestsPath;
  return path.join(dir, 'setup.js');
}

function asFixture(value: unknown, modulePath: string): GlobalFixture {
  const bad = (what: string) => new Error(`${modulePath}: globalSetup() must resolve to { env, teardown }; ${what}`);
  if (typeof value !== 'object' || value === null) throw bad('got no object');
  const { env, teardown } = value as Record<string, unknown>;
  if (typeof teardown !== 'function') throw bad('teardown is not a function');
  if (typeof env !== 'object' || env === null) throw bad('env is not an object');
  const strings: Record<string, string> = {};
  for (const [key, val] of Object.entries(env)) {
    if (typeof val !== 'string') throw bad(`env.${key} is not a string`);
    strings[key] = val;
  }
  return { env: strings, teardown: async () => { await (teardown as () => unknown)(); } };
}

/** Runs the module's globalSetup when the module exists; a no-op fixture otherwise. */
export async function startGlobalFixture(modulePath: string | undefined): Promise<GlobalFixture> {
  if (!modulePath || !existsSync(modulePath)) return NO_FIXTURE;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by path at run time
  const loaded = require(path.resolve(modulePath)) as Record<string, unknown>;
  const setup = loaded.globalSetup;
  if (typeof setup !== 'function') throw new Error(`${modulePath} does not export a function globalSetup`);
  return asFixture(await (setup as () => Promise<unknown>)(), modulePath);
}
