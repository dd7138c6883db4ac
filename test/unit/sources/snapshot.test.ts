// Snapshots behind the source seam: their ids, the registry the tree lists after the sites, and what a
// snapshot offers as a source (its whole export as a window, its row, where its records come from).
import * as assert from 'node:assert/strict';
import { validateWindowSpec } from '../../../src/model/windowValidation';
import type { AuditSource, SourceChange } from '../../../src/sources/source';
import { isSnapshotId, snapshotId } from '../../../src/sources/snapshot/ids';
import { SnapshotRegistry } from '../../../src/sources/snapshot/registry';
import type { RecordSource, Snapshot } from '../../../src/sources/snapshot/snapshotSource';

const READER: RecordSource = {
  pager: () => ({ window: { startDate: 0, endDate: 0 }, pageSize: 100, done: true, next: async () => [] }),
};

function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    id: snapshotId('0123456789abcdef'),
    label: 'audit.csv',
    file: '/exports/audit.csv',
    range: { start: Date.UTC(2025, 0, 1), end: Date.UTC(2025, 0, 31) },
    recordCount: 42,
    source: READER,
    ...overrides,
  };
}

describe('sources: snapshot ids', () => {
  it('tells a snapshot id from a site id', () => {
    assert.equal(snapshotId('abc'), 'snapshot:abc');
    assert.equal(isSnapshotId(snapshotId('abc')), true);
    assert.equal(isSnapshotId('0b6f3c9e-5a2d-4c1e-9f7a-2d8e6b4a1c3f'), false);
  });
});

describe('sources: the snapshot registry', () => {
  it('lists, finds and removes snapshots, and says that only the list changed', () => {
    const registry = new SnapshotRegistry((file) => `file://${file}`);
    const changes: SourceChange[] = [];
    let plain = 0;
    registry.onDidChangeSources((change) => changes.push(change));
    registry.onDidChange(() => (plain += 1));
    registry.add(snapshot());
    assert.deepEqual(registry.list().map((s) => s.id), ['snapshot:0123456789abcdef']);
    assert.equal(registry.get('snapshot:0123456789abcdef')?.recordCount, 42);
    assert.equal(registry.source('snapshot:0123456789abcdef')?.kind, 'snapshot');
    registry.remove('snapshot:0123456789abcdef');
    registry.remove('snapshot:0123456789abcdef');
    assert.deepEqual(registry.sources(), []);
    assert.deepEqual(changes, [{ reload: false }, { reload: false }], 'removing an unknown id changes nothing');
    assert.equal(plain, 2);
  });

  it('refuses an id that is not a snapshot id, so it cannot shadow a site', () => {
    const registry = new SnapshotRegistry((file) => file);
    assert.throws(() => registry.add(snapshot({ id: 'site-1' })), /not a snapshot id/);
  });
});

describe('sources: a snapshot as a source', () => {
  it('is opened for the session, offers its whole export first and reads its own table', async () => {
    const registry = new SnapshotRegistry((file) => `file://${file}`);
    registry.add(snapshot());
    const source: AuditSource | undefined = registry.source('snapshot:0123456789abcdef');
    assert.ok(source);
    assert.equal(source.lifetime, 'opened');
    assert.equal(source.serverExport, undefined, 'no server to export from');
    assert.equal(source.retention, undefined);
    assert.deepEqual(source.capabilities, { search: true, serverFilters: [] });
    assert.deepEqual(source.windows, [
      { id: 'snapshot-range', label: 'Whole export', spec: { kind: 'absolute', start: Date.UTC(2025, 0, 1), end: Date.UTC(2025, 0, 31), zone: 'utc' } },
    ]);
    assert.deepEqual(await source.open(), { ok: true, reader: READER });
  });

  it('offers a valid whole-export window when every record is from the same millisecond (an export of one record)', () => {
    const registry = new SnapshotRegistry((file) => `file://${file}`);
    const moment = Date.UTC(2026, 10, 20, 10);
    registry.add(snapshot({ range: { start: moment, end: moment }, recordCount: 1 }));
    const source = registry.source('snapshot:0123456789abcdef');
    assert.ok(source);
    const spec = source.windows[0].spec;
    assert.deepEqual(validateWindowSpec(spec, moment + 60_000), { ok: true });
    assert.ok(spec.kind === 'absolute' && spec.start <= moment && moment <= spec.end, 'the window holds the record');
    assert.equal(spec.kind === 'absolute' && spec.end - spec.start, 1, 'and nothing more than that millisecond needs');
  });

  it('names its records\' origin after the file, and shows its export time on its row', () => {
    const registry = new SnapshotRegistry((file) => `file://${file}`);
    registry.add(snapshot({ exportedAt: Date.UTC(2025, 1, 2, 3, 4, 5) }));
    registry.add(snapshot({ id: snapshotId('other'), label: 'merged' }));
    const [exported, merged] = registry.sources();
    assert.deepEqual(exported.origin, { url: 'file:///exports/audit.csv', label: 'audit.csv (offline snapshot)', recordSite: 'Offline snapshot' });
    assert.deepEqual(exported.row('utc'), {
      label: 'audit.csv (snapshot)',
      icon: 'archive',
      description: 'exported 2025-02-02T03:04:05.000Z',
      tooltip: 'Offline snapshot of 42 records\n/exports/audit.csv\nExported 2025-02-02T03:04:05.000Z',
      contextValue: 'snapshot',
    });
    assert.equal(merged.row('utc').description, 'offline');
    assert.equal(merged.row('utc').tooltip, 'Offline snapshot of 42 records\n/exports/audit.csv');
  });
});
