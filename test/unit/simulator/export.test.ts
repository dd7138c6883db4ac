// GET /wiki/rest/api/audit/export: CSV (header + one row per record, RFC 4180, every field
// recoverable), ZIP holding that CSV, and streaming with backpressure.
import * as assert from 'node:assert/strict';
import { asOurCsvKeepsIt } from '../offline/records';
import * as http from 'node:http';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import type { AuditRecord } from '../../../src/api/types';
import { EXPORT_COLUMNS, startSimulator, type Simulator } from '../../../simulator';
import { basic, request, waitFor } from './http';

const NOW = Date.UTC(2025, 3, 20, 16, 0);
const DAY = 24 * 3600 * 1000;

/** Rebuilds a record from a CSV row using the rules in simulator/README.md. */
function fromRow(row: Record<string, string>): AuditRecord {
  const opt = (v: string | undefined): string | null | undefined => (v === '' || v === undefined ? undefined : v === 'null' ? null : v);
  const bool = (v: string | undefined): boolean | undefined => (v === '' || v === undefined ? undefined : v === 'true');
  const author: Record<string, unknown> = {
    type: row['Author type'],
    displayName: row['Author'],
    operations: row['Author operations'] ? JSON.parse(row['Author operations']) as unknown : undefined,
    username: opt(row['Author username']),
    userKey: opt(row['Author user key']),
    accountId: opt(row['Author account id']),
    accountType: opt(row['Author account type']),
    externalCollaborator: bool(row['Author external collaborator']),
    isExternalCollaborator: bool(row['Author is external collaborator']),
    isGuest: bool(row['Author is guest']),
    publicName: opt(row['Author public name']),
  };
  const record: Record<string, unknown> = {
    author: Object.fromEntries(Object.entries(author).filter(([, v]) => v !== undefined)),
    remoteAddress: row['Remote address'],
    creationDate: Number(row['Creation date']),
    summary: row['Change'],
    description: row['Description'],
    category: row['Event type'],
    sysAdmin: row['System admin'] === 'true',
    superAdmin: bool(row['Super admin']),
    affectedObject: { name: row['Affected object'], objectType: row['Affected object type'] },
    changedValues: JSON.parse(row['Changed values'] ?? '[]') as unknown,
    associatedObjects: JSON.parse(row['Associated objects'] ?? '[]') as unknown,
  };
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as unknown as AuditRecord;
}

/** Canonical key order, so deepEqual compares content only. */
function canonical(r: AuditRecord): unknown {
  return JSON.parse(JSON.stringify(r, Object.keys(flatKeys(r)).sort())) as unknown;
}
function flatKeys(value: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out[k] = true;
      flatKeys(v, out);
    }
  }
  return out;
}

function parseCsv(text: string): { fields: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, newline: '\r\n' });
  assert.deepEqual(parsed.errors, []);
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

describe('simulator: export', () => {
  let sim: Simulator;
  let url: string;

  before(async () => {
    sim = await startSimulator({ records: 4000, seed: 21, anchor: NOW, now: () => NOW });
    url = `${sim.url}/wiki/rest/api/audit/export`;
  });
  after(() => sim.stop());

  it('exports CSV with a header row and one row per record, every field recoverable', async () => {
    const start = NOW - 40 * DAY;
    const end = NOW - 5 * DAY;
    const res = await request(`${url}?startDate=${start}&endDate=${end}`, { headers: { authorization: basic(sim.admin) } });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename=".+\.csv"/);
    assert.ok(res.text.startsWith(`${EXPORT_COLUMNS.join(',')}\r\n`));
    const { fields, rows } = parseCsv(res.text);
    assert.deepEqual(fields, [...EXPORT_COLUMNS]);
    const expected = sim.recordsInRange(start, end);
    assert.equal(rows.length, expected.length);
    assert.deepEqual(rows.map((r) => canonical(fromRow(r))), expected.map((r) => canonical(asOurCsvKeepsIt(r))));
    assert.deepEqual(rows.map((r) => r['Date']), expected.map((r) => new Date(r.creationDate).toISOString()));
    // The quoting paths were exercised: some value held a quote, a comma or a line break.
    assert.ok(expected.some((r) => /[",\n]/.test(JSON.stringify([r.description, r.affectedObject.name, r.author.displayName]))));
  });

  it('defaults to the whole log and honours searchString', async () => {
    const all = parseCsv((await request(url, { headers: { authorization: basic(sim.admin) } })).text);
    assert.equal(all.rows.length, sim.allRecords().length);
    const searched = parseCsv((await request(`${url}?searchString=space%20EXPORTED`, { headers: { authorization: basic(sim.admin) } })).text);
    const expected = sim.recordsInRange(-Infinity, Infinity, 'space EXPORTED');
    assert.ok(expected.length > 0);
    assert.equal(searched.rows.length, expected.length);
  });

  it('exports a ZIP holding that same CSV as its one entry', async () => {
    const query = `startDate=${NOW - 20 * DAY}&endDate=${NOW}`;
    const csv = await request(`${url}?${query}`, { headers: { authorization: basic(sim.admin) } });
    const zip = await request(`${url}?${query}&format=zip`, { headers: { authorization: basic(sim.admin) } });
    assert.equal(zip.status, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const entries = unzipSync(new Uint8Array(zip.body));
    assert.deepEqual(Object.keys(entries), ['confluence-audit-log.csv']);
    const entry = entries['confluence-audit-log.csv'];
    assert.ok(entry);
    assert.equal(strFromU8(entry), csv.text);
    assert.ok(zip.body.length < csv.body.length / 3, 'the entry is compressed');
  });

  it('refuses an unknown format with 400', async () => {
    const res = await request(`${url}?format=xlsx`, { headers: { authorization: basic(sim.admin) } });
    assert.equal(res.status, 400);
  });
});

describe('simulator: export streaming', () => {
  it('streams 200,000 rows chunked and stops producing while the client does not read', async () => {
    const total = 200_000;
    const sim = await startSimulator({ records: total, seed: 2, anchor: NOW, now: () => NOW, periodDays: 365 });
    try {
      const rows = await new Promise<number>((resolve, reject) => {
        const req = http.get(`${sim.url}/wiki/rest/api/audit/export`, { headers: { authorization: basic(sim.admin) } }, (res) => {
          assert.equal(res.headers['transfer-encoding'], 'chunked');
          assert.equal(res.headers['content-length'], undefined);
          let lineEnds = 0;
          let paused = false;
          let carry = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const text = carry + chunk;
            lineEnds += text.split('\r\n').length - 1;
            carry = text.endsWith('\r') ? '\r' : '';
            if (!paused) {
              paused = true;
              res.pause();
              // With the reader paused the producer must block on backpressure well before the end.
              waitFor(() => sim.stats.exportDrainWaits > 0, 10_000, 'the export to wait for the reader')
                .then(() => {
                  assert.ok(sim.stats.exportRowsWritten < total / 2, `rows generated while paused: ${sim.stats.exportRowsWritten}`);
                  res.resume();
                })
                .catch(reject);
            }
          });
          res.on('end', () => resolve(lineEnds - 1));
          res.on('error', reject);
        });
        req.on('error', reject);
      });
      assert.equal(rows, total);
      assert.equal(sim.stats.exportRowsWritten, total);
    } finally {
      await sim.stop();
    }
  });
});
