// Child process: one export through the extension's own code path (src/export/core: downloadExport streams
// to a temporary file and digests it for the manifest, placeFiles links it to its final name), exactly as
// the "Export Audit Log as CSV" command does minus the VS Code progress UI. Reports the time and this
// process's peak RSS.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AuditClient, createDispatcher } from '../../src/api';
import { downloadExport } from '../../src/export/core/download';
import { buildManifest, manifestText } from '../../src/exportFile/manifest';
import { exportStem, temporaryName } from '../../src/exportFile/naming';
import { placeFiles } from '../../src/export/core/placeFiles';
import { reply } from './childProcess';

export interface ExportChildArgs {
  url: string;
  email: string;
  token: string;
  startDate: number;
  endDate: number;
  folder: string;
}

export interface ExportChildResult {
  ms: number;
  /** Until the last byte arrived (the rest is the digest for the manifest and placing the file). */
  transferMs: number;
  bytes: number;
  records: number;
  file: string;
  maxRssMB: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '') as ExportChildArgs;
  const client = new AuditClient({
    siteUrl: args.url,
    deployment: 'cloud',
    credentials: { kind: 'basic', email: args.email, token: args.token },
    dispatcher: createDispatcher({ env: {} }),
  });
  const started = performance.now();
  let lastByte = started;
  const stem = exportStem({ site: args.url, start: args.startDate, end: args.endDate });
  const tempPath = `${args.folder}/${temporaryName(`${stem}.csv`, randomBytes(6).toString('hex'))}`;
  const query = { startDate: args.startDate, endDate: args.endDate, format: 'csv' as const };
  const digest = await downloadExport(client, query, tempPath, {
    onProgress: () => {
      lastByte = performance.now();
    },
  });
  const exportedAt = Date.now();
  const [placed] = await placeFiles(args.folder, stem, [{
    tempPath,
    kind: 'csv',
    manifest: (file) => manifestText(buildManifest({
      file, site: { url: args.url, label: 'bench' }, start: args.startDate, end: args.endDate, format: 'csv', source: 'server', digest,
      extension: { id: 'confluence-audit.confluence-audit', version: 'bench' }, exportedAt,
    })),
  }]);
  const ms = performance.now() - started;
  await client.close();
  const result: ExportChildResult = {
    ms,
    transferMs: lastByte - started,
    bytes: digest.bytes,
    records: digest.records,
    file: placed.path,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
  reply(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
