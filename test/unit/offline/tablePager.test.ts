// The offline pager keeps the live pager's contract (inclusive pinned window, newest first, each record
// exactly once, `done` once nothing is left, aborted calls change nothing) and gives, page for page, what
// the live client gets from the simulator over HTTP for the same window and search.
import * as assert from 'node:assert/strict';
import { AuditClient, createDispatcher, recordKey, type RecordPager } from '../../../src/api';
import type { AuditRecord } from '../../../src/api/types';
import { parseCsv } from '../../../src/offline/core/loadExport';
import type { RecordTable } from '../../../src/offline/core/recordTable';
import { TablePager } from '../../../src/offline/core/tablePager';
import { startSimulator, type Simulator } from '../../../simulator';
import { asOurCsvKeepsIt, bytesOf, chunksOf, exportCsv, record } from './records';

async function tableOf(records: AuditRecord[]): Promise<RecordTable> {
  return parseCsv(chunksOf(bytesOf(exportCsv(records))));
}

async function drain(pager: RecordPager): Promise<{ records: AuditRecord[]; pages: number[] }> {
  const records: AuditRecord[] = [];
  const pages: number[] = [];
  for (let guard = 0; guard < 10_000 && !pager.done; guard++) {
    const page = await pager.next();
    pages.push(page.length);
    records.push(...page);
  }
  assert.deepEqual(await pager.next(), [], 'a pager that is done returns []');
  return { records, pages };
}

describe('offline: TablePager', () => {
  // Ten records at 10, 20, … 100 ms plus two more at 50 ms (identical content kept as two records).
  const times = [100, 90, 80, 70, 60, 50, 50, 50, 40, 30, 20, 10];
  let table: RecordTable;
  before(async () => {
    table = await tableOf(times.map((t, i) => record({ creationDate: t, summary: i === 6 ? 'twin' : i === 7 ? 'twin' : `event ${i}`, description: i === 3 ? 'Mentions GROUP Admins' : '' })));
  });

  it('pages the inclusive window newest first, each record once, done with the last page', async () => {
    const pager = new TablePager(table, { kind: 'range', startDate: 20, endDate: 90 }, 4);
    assert.equal(pager.done, false);
    assert.deepEqual(pager.window, { startDate: 20, endDate: 90 });
    const { records, pages } = await drain(pager);
    assert.deepEqual(records.map((r) => r.creationDate), [90, 80, 70, 60, 50, 50, 50, 40, 30, 20]);
    assert.deepEqual(pages, [4, 4, 2]);
  });

  it('is done at once for a window without records, and after an exact last page', async () => {
    assert.equal(new TablePager(table, { kind: 'range', startDate: 101, endDate: 500 }, 10).done, true);
    assert.equal(new TablePager(table, { kind: 'range', startDate: 0, endDate: 9 }, 10).done, true);
    const exact = new TablePager(table, { kind: 'range', startDate: 60, endDate: 90 }, 2);
    assert.deepEqual((await exact.next()).length, 2);
    assert.equal(exact.done, false);
    assert.deepEqual((await exact.next()).length, 2);
    assert.equal(exact.done, true);
  });

  it('applies the search string case-insensitively over the record text, JSON columns included', async () => {
    const searched = await drain(new TablePager(table, { kind: 'range', startDate: 0, endDate: 1000, searchString: 'group admins' }, 5));
    assert.deepEqual(searched.records.map((r) => r.creationDate), [70]);
    const twins = await drain(new TablePager(table, { kind: 'range', startDate: 0, endDate: 1000, searchString: 'TWIN' }, 1));
    assert.deepEqual(twins.pages, [1, 1]);
    // "View" only occurs inside the Changed values JSON; "confluence-users" inside Associated objects.
    assert.equal((await drain(new TablePager(table, { kind: 'range', startDate: 0, endDate: 1000, searchString: 'view' }, 50))).records.length, times.length);
    assert.equal((await drain(new TablePager(table, { kind: 'range', startDate: 0, endDate: 1000, searchString: 'CONFLUENCE-users' }, 50))).records.length, times.length);
    // Field names and non-text columns are not searched.
    assert.equal((await drain(new TablePager(table, { kind: 'range', startDate: 0, endDate: 1000, searchString: 'newValue' }, 50))).records.length, 0);
  });

  it('refuses what the live pager refuses', () => {
    assert.throws(() => new TablePager(table, { kind: 'range', startDate: 50, endDate: 10 }, 10), /ends before it starts/);
    assert.throws(() => new TablePager(table, { kind: 'range', startDate: 0, endDate: 10 }, 0), /page size/);
  });

  it('an aborted call changes nothing; calls are serialised', async () => {
    const pager = new TablePager(table, { kind: 'range', startDate: 0, endDate: 1000 }, 5);
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(pager.next(abort.signal), (e: unknown) => e instanceof Error && (e as { kind?: string }).kind === 'cancelled');
    const [a, b] = await Promise.all([pager.next(), pager.next()]);
    assert.deepEqual([...a, ...b].map((r) => r.creationDate), [100, 90, 80, 70, 60, 50, 50, 50, 40, 30]);
  });

  it('supports "since" queries, pinned at creation', async () => {
    const pager = new TablePager(table, { kind: 'since', number: 1, units: 'SECONDS' }, 100, 1060);
    assert.deepEqual(pager.window, { startDate: 60, endDate: 1060 });
    assert.deepEqual((await drain(pager)).records.map((r) => r.creationDate), [100, 90, 80, 70, 60]);
  });

  describe('against the live client and the simulator over HTTP', function () {
    this.timeout(60_000);
    const NOW = Date.UTC(2025, 2, 1, 12);
    const DAY = 86_400_000;
    let sim: Simulator;
    let client: AuditClient;
    let offline: RecordTable;

    before(async () => {
      sim = await startSimulator({ records: 6000, seed: 11, periodDays: 30, anchor: NOW, now: () => NOW, maxPageSize: 250 });
      client = new AuditClient({
        siteUrl: sim.url,
        deployment: 'cloud',
        credentials: { kind: 'basic', email: sim.admin.email, token: sim.admin.apiToken },
        dispatcher: createDispatcher({ env: {} }),
        clock: { now: () => NOW, sleep: () => Promise.resolve() },
      });
      offline = await tableOf(sim.recordsInRange(0, NOW));
    });
    after(async () => {
      await client.close();
      await sim.stop();
    });

    for (const [label, start, end, search] of [
      ['a day', NOW - 3 * DAY, NOW - 2 * DAY, undefined],
      ['a week with a search', NOW - 10 * DAY, NOW - 3 * DAY, 'space'],
      ['a search with hostile text', NOW - 30 * DAY, NOW, '=hyperlink'],
    ] as const) {
      it(`gives the same records, in the same order, as the live pager: ${label}`, async () => {
        const query = { kind: 'range' as const, startDate: start, endDate: end, searchString: search };
        const live = await drain(client.pager(query, { pageSize: 200 }));
        const local = await drain(new TablePager(offline, query, 200));
        assert.ok(live.records.length > 0);
        const expected = live.records.map(asOurCsvKeepsIt);
        assert.deepEqual(local.records.map(recordKey), expected.map(recordKey));
        assert.deepEqual(local.records, expected);
      });
    }
  });
});
