// Offline open of the formats admins really have (issue 11): a 1,000,000-line Data Center audit log file
// (written here in the real shape) against readline + JSON.parse of the same file, and a 1,000,000-row Data
// Center CSV export (from the simulator's Data Center face) against bare papaparse. Each run is a fresh child.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { runChild } from './childProcess';
import { basicAuth } from './clients';
import { curlDownload } from './curl';
import type { OfflineChildResult, OfflineMode } from './offlineChild';
import { ratio, type FigureResult, type Row } from './results';
import { startSimProcess } from './simProcess';
import { median } from './stats';

const ANCHOR = Date.UTC(2025, 0, 15, 12, 0, 0);
const GOAL = 1.5;

/** A node's audit log: one event a line, newest last, as Data Center writes it. */
async function writeAuditLog(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file);
  const people = ['Dana Whitfield', 'Sam Okoye', 'Rae Kim', 'Anonymous'];
  for (let i = 0; i < lines; i++) {
    const line = JSON.stringify({
      affectedObjects: [{ id: String(65536 + (i % 500)), name: `Space ${i % 500}`, type: 'Space' }],
      auditType: { action: 'Space permission added', actionI18nKey: 'audit.logging.summary.space.permission.added', area: 'PERMISSIONS', category: 'Permissions', categoryI18nKey: 'audit.logging.category.permissions', level: 'BASE' },
      author: { id: i % 4 === 3 ? '-2' : `8a7b6c5d4e3f2011${i % 4}`, name: people[i % 4], type: 'user' },
      changedValues: [{ i18nKey: 'Type', key: 'Type', to: i % 2 ? 'VIEWSPACE' : 'EDITSPACE' }],
      extraAttributes: [],
      method: 'Browser',
      source: `192.0.2.${i % 250}`,
      system: 'http://wiki.example.test:8090',
      timestamp: { epochSecond: 1_700_000_000 + Math.floor(i / 10), nano: (i % 10) * 100_000_000 },
      version: '1.0',
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function compare(file: string, baseline: OfflineMode, records: number, repetitions: number, figure: string): Promise<Row & { details: unknown }> {
  const ours: OfflineChildResult[] = [];
  const bare: OfflineChildResult[] = [];
  for (let i = 0; i < repetitions; i++) {
    const pair = [
      async () => ours.push(await runChild<OfflineChildResult>('offlineChild', ['ours', file])),
      async () => bare.push(await runChild<OfflineChildResult>('offlineChild', [baseline, file])),
    ];
    if (i % 2 === 1) pair.reverse();
    for (const run of pair) await run();
  }
  if (ours.some((r) => r.rows !== records)) throw new Error(`the offline core loaded ${ours.map((r) => r.rows).join(', ')} records of ${records}`);
  const o = median(ours.map((r) => r.ms));
  const b = median(bare.map((r) => r.ms));
  const r = ratio(o, b);
  return {
    figure,
    unit: 'ms',
    ours: o,
    baseline: b,
    ratio: r,
    goal: `ratio ≤ ${GOAL}`,
    met: r <= GOAL,
    samples: { ours: ours.map((x) => x.ms), baseline: bare.map((x) => x.ms) },
    notes: `peak RSS ${median(ours.map((x) => x.maxRssMB)).toFixed(0)} MB vs ${median(bare.map((x) => x.maxRssMB)).toFixed(0)} MB`,
    details: { ours, baseline: bare },
  };
}

export async function realFormatsFigure(repetitions: number, records = 1_000_000): Promise<FigureResult> {
  const started = Date.now();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-bench-formats-'));
  try {
    const log = path.join(folder, 'node1.audit.log');
    await writeAuditLog(log, records);
    const csv = path.join(folder, 'Auditing Export.csv');
    const sim = await startSimProcess({ records, seed: 67, anchor: ANCHOR, fixedNow: ANCHOR, periodDays: 100, requestLogLimit: 100 });
    try {
      await curlDownload(`${sim.url}/confluence/rest/api/audit/export?format=zip`, basicAuth(sim), csv);
    } finally {
      await sim.stop();
    }
    const logRow = await compare(log, 'jsonParse', records, repetitions, `Offline open, ${records.toLocaleString('en')}-line Data Center audit log vs readline + JSON.parse`);
    const csvRow = await compare(csv, 'papaparse', records, repetitions, `Offline open, ${records.toLocaleString('en')}-row Data Center CSV export vs bare papaparse`);
    const { details: logDetails, ...logFigure } = logRow;
    const { details: csvDetails, ...csvFigure } = csvRow;
    return { id: 'formats', seconds: (Date.now() - started) / 1000, rows: [logFigure, csvFigure], details: { records, auditLog: logDetails, dataCenterCsv: csvDetails } };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
