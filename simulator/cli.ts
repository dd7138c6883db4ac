// Command line: start the simulator, print one JSON line with its URLs and credentials on stdout,
// log requests to stderr (never their credentials), stop on SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { FaultConfig } from './faults';
import { startSimulator, type SimulatorOptions } from './index';

const USAGE = `Usage: node out/simulator/cli.js [options]
  --host <h>               listen address (default 127.0.0.1)
  --port <n>               port (default 0: a free one)
  --records <n>            seeded records (default 5000)
  --seed <n>               data seed (default 1)
  --period-days <n>        records spread over this many days back from the anchor (default 90)
  --anchor <ms>            epoch ms of the newest possible record (default now)
  --max-page-size <n>      largest limit honoured (default 1000)
  --lenient-shapes         also send operations {} and string creationDates, like some real servers
  --rate-429 <p> --retry-after <v> --rate-503 <p> --rate-500 <p> --rate-reset <p>
  --rate-stall <p> (before headers) --rate-stall-mid-body <p> --stall-ms <ms> --rate-truncate <p>
  --insert-every <n> --insert-count <k> --page-cap <n> --fault-seed <n> --fault-paths <a,b>
  --rate-limit-rps <n> --rate-limit-burst <n>
  --tls-key <file> --tls-cert <file>
  --org                    also serve an Atlassian organization (admin API under /admin/v1)
  --org-events <n>         its seeded events (default: a fifth of --records, 200 to 5000)
  --quiet                  do not log requests`;

const NUMBER_FLAGS = [
  'port', 'records', 'seed', 'period-days', 'anchor', 'max-page-size', 'rate-429', 'rate-503', 'rate-500',
  'rate-reset', 'rate-stall', 'rate-stall-mid-body', 'stall-ms', 'rate-truncate', 'insert-every',
  'insert-count', 'page-cap', 'fault-seed', 'rate-limit-rps', 'rate-limit-burst', 'org-events',
] as const;
type NumberFlag = (typeof NUMBER_FLAGS)[number];

function parse(argv: string[]): SimulatorOptions & { quiet: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(NUMBER_FLAGS.map((f) => [f, { type: 'string' as const }])),
      'host': { type: 'string' },
      'retry-after': { type: 'string' },
      'fault-paths': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      'lenient-shapes': { type: 'boolean' },
      'org': { type: 'boolean' },
      'quiet': { type: 'boolean' },
      'help': { type: 'boolean' },
    },
  });
  if (values['help']) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const flags: Record<string, string | boolean | undefined> = values;
  const num = (flag: NumberFlag): number | undefined => {
    const raw = flags[flag];
    if (typeof raw !== 'string') {
      return undefined;
    }
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      throw new Error(`--${flag} needs a number, got '${raw}'`);
    }
    return n;
  };
  const faults: FaultConfig = {
    seed: num('fault-seed'), rate429: num('rate-429'), retryAfter: values['retry-after'],
    rate503: num('rate-503'), rate500: num('rate-500'), rateReset: num('rate-reset'),
    rateStallBeforeHeaders: num('rate-stall'), rateStallMidBody: num('rate-stall-mid-body'), stallMs: num('stall-ms'),
    rateTruncate: num('rate-truncate'), insertEvery: num('insert-every'), insertCount: num('insert-count'),
    pageCap: num('page-cap'),
    paths: typeof values['fault-paths'] === 'string' ? values['fault-paths'].split(',').filter(Boolean) : undefined,
  };
  const rps = num('rate-limit-rps');
  const key = values['tls-key'];
  const cert = values['tls-cert'];
  if ((typeof key === 'string') !== (typeof cert === 'string')) {
    throw new Error('--tls-key and --tls-cert go together');
  }
  return {
    host: values['host'],
    port: num('port'),
    records: num('records'),
    seed: num('seed'),
    periodDays: num('period-days'),
    anchor: num('anchor'),
    maxPageSize: num('max-page-size'),
    lenientShapes: values['lenient-shapes'] === true,
    faults: Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)),
    rateLimit: rps === undefined ? undefined : { requestsPerSecond: rps, burst: num('rate-limit-burst') ?? rps },
    tls: typeof key === 'string' && typeof cert === 'string' ? { key: readFileSync(key), cert: readFileSync(cert) } : undefined,
    quiet: values['quiet'] === true,
    org: values['org'] === true ? { events: num('org-events') } : undefined,
  };
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const sim = await startSimulator(options);
  const line = {
    url: sim.url,
    dataCenterUrl: sim.dataCenterUrl,
    gatewayUrl: sim.gatewayUrl,
    cloudId: sim.cloudId,
    email: sim.admin.email,
    token: sim.admin.apiToken,
    pat: sim.admin.pat,
    username: sim.admin.username,
    nonAdmin: { email: sim.nonAdmin.email, token: sim.nonAdmin.apiToken, pat: sim.nonAdmin.pat, username: sim.nonAdmin.username },
    ...(sim.org === undefined ? {} : {
      orgUrl: sim.org.url, orgId: sim.org.orgId, orgKey: sim.org.key, orgExpiredKey: sim.org.expiredKey, orgNonGuardKey: sim.org.nonGuardKey,
    }),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  if (!options.quiet) {
    sim.onRequest = (entry) => {
      // Method, path, status and user only: the Authorization header is never printed.
      process.stderr.write(`${new Date(entry.time).toISOString()} ${entry.method} ${entry.url} -> ${entry.status ?? 'dropped'}${entry.user ? ` (${entry.user})` : ''}\n`);
    };
  }
  const stop = (): void => {
    sim.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(2);
});
