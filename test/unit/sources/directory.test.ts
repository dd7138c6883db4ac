// The source directory: every list of sources in order, lookup by id across kinds, and their changes.
import * as assert from 'node:assert/strict';
import { Emitter } from '../../../src/model/emitter';
import { SourceDirectory } from '../../../src/sources/directory';
import type { AuditSource, SourceChange, SourceList } from '../../../src/sources/source';
import { FakeSource } from '../tree/fakes';

function listOf(sources: AuditSource[]): SourceList & { changes: Emitter<SourceChange> } {
  const changes = new Emitter<SourceChange>();
  return { sources: () => sources, source: (id) => sources.find((s) => s.id === id), onDidChangeSources: changes.event, changes };
}

describe('sources: the directory', () => {
  it('lists the sources of each list in the order of the lists, and finds any by id', () => {
    const sites = listOf([new FakeSource('site-1'), new FakeSource('site-2')]);
    const snapshots = listOf([new FakeSource('snapshot:a')]);
    const directory = new SourceDirectory([sites, snapshots]);
    assert.deepEqual(directory.list().map((s) => s.id), ['site-1', 'site-2', 'snapshot:a']);
    assert.equal(directory.get('snapshot:a')?.id, 'snapshot:a');
    assert.equal(directory.get('site-2')?.id, 'site-2');
    assert.equal(directory.get('nowhere'), undefined);
  });

  it('passes on each list\'s changes until disposed', () => {
    const sites = listOf([]);
    const snapshots = listOf([]);
    const directory = new SourceDirectory([sites, snapshots]);
    const seen: SourceChange[] = [];
    directory.onDidChange((change) => seen.push(change));
    sites.changes.fire({ sourceId: 'site-1', reload: true });
    snapshots.changes.fire({ reload: false });
    directory.dispose();
    sites.changes.fire({ reload: true });
    assert.deepEqual(seen, [{ sourceId: 'site-1', reload: true }, { reload: false }]);
  });
});
