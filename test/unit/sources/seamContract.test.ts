// The seam's contract, held by both sources the tree browses today: a simulator site read through the
// Cloud client, and the same site's records exported and opened as a snapshot. Through AuditSource alone,
// each opens, pages a window newest first with every record once, searches as the server does, and ends;
// and the tree state lists the same records for both.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../../simulator';
import type { SourcedRecord } from '../../../src/model/sourceFields';
import { parseCsv } from '../../../src/offline/core/loadExport';
import { TablePager } from '../../../src/offline/core/tablePager';
import type { SiteConfig } from '../../../src/sites/siteConfig';
import { CloudSources } from '../../../src/sources/cloud/cloudSources';
import { Emitter } from '../../../src/model/emitter';
import { snapshotId } from '../../../src/sources/snapshot/ids';
import { SnapshotRegistry } from '../../../src/sources/snapshot/registry';
import type { AuditSource, SourceWindow } from '../../../src/sources/source';
import { FilterState } from '../../../src/tree/filters';
import type { AuditNode, BucketNode, RecordNode } from '../../../src/tree/nodes';
import { TreeState } from '../../../src/tree/treeState';
import { WindowStore } from '../../../src/tree/windowStore';
import { clientFor, closeClients, SIM_NOW, startSim } from '../api/helpers/sim';
import { bytesOf, chunksOf, exportCsv } from '../offline/records';
import { MemoryState } from '../tree/fakes';

const DAY = 86_400_000;
const SITE: SiteConfig = { id: 'site-1', label: 'Simulator', url: 'https://sim.test', deployment: 'cloud', authKind: 'basic', email: 'admin@sim.test' };

async function drain(source: AuditSource, window: SourceWindow): Promise<SourcedRecord[]> {
  const access = await source.open();
  assert.ok(access.ok, `${source.kind} opens`);
  const pager = access.reader.pager(window, { pageSize: 40 });
  const records: SourcedRecord[] = [];
  for (let guard = 0; guard < 1000 && !pager.done; guard++) records.push(...(await pager.next()));
  assert.equal(pager.done, true);
  assert.deepEqual(await pager.next(), [], 'a finished cursor gives nothing more');
  return records;
}

const summary = (r: SourcedRecord): string => `${r.creationDate} ${r.summary}`;

describe('sources: the seam contract, for a site and for its export opened as a snapshot', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let sources: AuditSource[];

  before(async () => {
    sim = await startSim({ records: 400, periodDays: 10 });
    const { client } = clientFor(sim);
    const sites = {
      sites: () => [SITE],
      store: { get: (id: string) => (id === SITE.id ? SITE : undefined) },
      state: () => ({ kind: 'ok' as const }),
      client: async () => ({ ok: true as const, client }),
      noteError: () => undefined,
      noteSuccess: () => undefined,
      onDidChange: new Emitter<string | undefined>().event,
    };
    const table = await parseCsv(chunksOf(bytesOf(exportCsv(sim.recordsInRange(0, SIM_NOW)))));
    const snapshots = new SnapshotRegistry((file) => `file://${file}`);
    snapshots.add({
      id: snapshotId('contract'),
      label: 'export.csv',
      file: '/export.csv',
      range: table.span() ?? { start: 0, end: SIM_NOW },
      recordCount: table.size,
      source: { pager: (query, options) => new TablePager(table, query, options?.pageSize ?? 40) },
    });
    sources = [...new CloudSources(sites, () => undefined).sources(), ...snapshots.sources()];
  });
  after(async () => {
    await closeClients();
    await sim.stop();
  });

  for (const [label, window] of [
    ['three days', { kind: 'range', startDate: SIM_NOW - 5 * DAY, endDate: SIM_NOW - 2 * DAY }],
    ['a week searched', { kind: 'range', startDate: SIM_NOW - 7 * DAY, endDate: SIM_NOW, searchString: 'space' }],
  ] as const) {
    it(`pages ${label} newest first, each record once, as the server has them`, async () => {
      const expected = sim.recordsInRange(window.startDate, window.endDate, 'searchString' in window ? window.searchString : undefined);
      assert.ok(expected.length > 40, 'more than one page');
      for (const source of sources) {
        const records = await drain(source, window);
        assert.deepEqual(records.map(summary), expected.map(summary), source.kind);
      }
    });
  }

  it('shows the same records in the tree for both', async () => {
    const lists: string[][] = [];
    for (const source of sources) {
      const windows = new WindowStore(new MemoryState());
      await windows.addCustom(source.id, { kind: 'absolute', start: SIM_NOW - 2 * DAY, end: SIM_NOW - DAY, zone: 'utc' });
      const state = new TreeState({
        sources: { list: () => [source], get: (id) => (id === source.id ? source : undefined), onDidChange: new Emitter<never>().event },
        windows,
        filters: new FilterState(),
        settings: () => ({ zone: 'utc', pageSize: 40, granularity: 'day' }),
        log: () => undefined,
        now: () => SIM_NOW,
      });
      const top = await state.children();
      // A lone site lists its windows at the root; a snapshot has a row to open first.
      const windowList = top[0]?.kind === 'site' ? await state.children(top[0]) : top;
      const window = windowList.at(-1);
      const bucket = (await state.children(window)).find((n): n is BucketNode => n.kind === 'bucket');
      assert.ok(bucket);
      let children: AuditNode[] = await state.children(bucket);
      for (let more = children.find((n) => n.kind === 'loadMore'); more; more = children.find((n) => n.kind === 'loadMore')) {
        await state.loadMore(more);
        children = await state.children(bucket);
      }
      lists.push(children.filter((n): n is RecordNode => n.kind === 'record').map((r) => summary(r.record)));
      state.dispose();
    }
    assert.ok(lists[0].length > 0);
    assert.deepEqual(lists[1], lists[0]);
  });
});
