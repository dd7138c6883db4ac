// Opening the sample moves its records forward so the newest falls in the current minute: queries move back,
// records move forward, and every window sees exactly the records whose shifted time it covers.
import * as assert from 'node:assert/strict';
import type { RecordPager } from '../../../src/api';
import type { AuditRecord } from '../../../src/api/types';
import { parseCsv } from '../../../src/offline/core/loadExport';
import type { RecordTable } from '../../../src/offline/core/recordTable';
import { TablePager } from '../../../src/offline/core/tablePager';
import { isSampleSnapshotId, SAMPLE_LABEL, sampleSnapshot } from '../../../src/sample/sampleSnapshot';
import { offsetToNow, shiftedSource } from '../../../src/sample/timeShift';
import type { RecordSource, Snapshot } from '../../../src/sources/snapshot/snapshotSource';
import { bytesOf, chunksOf, exportCsv, record } from '../offline/records';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function drain(pager: RecordPager): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (let guard = 0; guard < 1000 && !pager.done; guard++) out.push(...(await pager.next()));
  return out;
}

describe('sample: records moved forward in time', () => {
  // Records every hour from 00:00 to 10:00 on 2026-01-10 UTC, newest first.
  const base = Date.UTC(2026, 0, 10);
  const times = Array.from({ length: 11 }, (_, i) => base + (10 - i) * HOUR);
  let table: RecordTable;
  let source: RecordSource;
  before(async () => {
    table = await parseCsv(chunksOf(bytesOf(exportCsv(times.map((t, i) => record({ creationDate: t, summary: `event ${i}` }))))));
    source = { pager: (query, options) => new TablePager(table, query, options?.pageSize ?? 100) };
  });

  it('moves the newest record to the start of the minute holding now', () => {
    const newest = Date.UTC(2026, 0, 10, 10, 0, 0, 123);
    assert.equal(newest + offsetToNow(newest, Date.UTC(2026, 11, 3, 13, 17, 42, 500)), Date.UTC(2026, 11, 3, 13, 17, 0, 0));
    assert.equal(newest + offsetToNow(newest, Date.UTC(2026, 11, 3, 13, 17, 0, 0)), Date.UTC(2026, 11, 3, 13, 17, 0, 0), 'on the minute: now itself');
    for (const now of [newest - 5 * HOUR, newest + 1, newest + 59_999, newest + 1e9 + 7]) {
      const moved = newest + offsetToNow(newest, now);
      assert.ok(moved <= now && moved > now - MINUTE && moved % MINUTE === 0, `${now} → ${moved}`);
    }
  });

  it('answers a window in shifted time with the records whose shifted time it covers, shifted', async () => {
    const offset = 30 * 24 * HOUR;
    const shifted = shiftedSource(source, offset);
    // 03:00 to 06:00 in shifted time is 03:00 to 06:00 thirty days earlier in the file: four records, inclusive.
    const start = base + offset + 3 * HOUR;
    const end = base + offset + 6 * HOUR;
    const pager = shifted.pager({ kind: 'range', startDate: start, endDate: end }, { pageSize: 3 });
    assert.deepEqual(pager.window, { startDate: start, endDate: end }, 'the window is reported as asked, in shifted time');
    assert.equal(pager.pageSize, 3);
    const records = await drain(pager);
    assert.deepEqual(records.map((r) => r.creationDate), [6, 5, 4, 3].map((h) => base + offset + h * HOUR));
    assert.deepEqual(records.map((r) => r.summary), ['event 4', 'event 5', 'event 6', 'event 7'], 'the other fields are untouched');
    assert.equal(pager.done, true);
  });

  it('pins a "since" window to the real clock, then moves it back', async () => {
    const offset = 2 * 24 * HOUR;
    const now = base + offset + 10 * HOUR + 30 * MINUTE;
    const pager = shiftedSource(source, offset, () => now).pager({ kind: 'since', number: 2, units: 'HOURS' });
    assert.deepEqual(pager.window, { startDate: now - 2 * HOUR, endDate: now });
    assert.deepEqual((await drain(pager)).map((r) => r.creationDate), [10, 9].map((h) => base + offset + h * HOUR));
  });

  it('keeps a search and finds nothing before the source\'s time 0', async () => {
    const offset = 5 * HOUR;
    const searched = await drain(shiftedSource(source, offset).pager({ kind: 'range', startDate: 0, endDate: base + offset + 10 * HOUR, searchString: 'event 3' }));
    assert.deepEqual(searched.map((r) => r.summary), ['event 3']);
    const early = shiftedSource(source, offset).pager({ kind: 'range', startDate: 0, endDate: offset - 1 });
    assert.deepEqual(await drain(early), []);
  });

  it('makes the sample snapshot: range shifted, one id per opening minute, a label that says so', async () => {
    const opened: Snapshot = { id: 'snapshot:0123456789abcdef', label: 'confluence-audit-sample.csv', file: '/ext/sample/confluence-audit-sample.csv', range: { start: times[10], end: times[0] }, recordCount: 11, source };
    // The real clock: a "since" window on the snapshot is pinned to it.
    const now = Date.now();
    const { snapshot, offsetMs } = sampleSnapshot(opened, now);
    const minute = Math.floor(now / MINUTE) * MINUTE;
    assert.equal(offsetMs, minute - times[0]);
    assert.deepEqual(snapshot.range, { start: times[10] + offsetMs, end: minute });
    assert.equal(snapshot.label, SAMPLE_LABEL);
    assert.match(snapshot.label, /shifted to end now/);
    assert.ok(isSampleSnapshotId(snapshot.id) && snapshot.id.startsWith('snapshot:'), snapshot.id);
    assert.ok(!isSampleSnapshotId(opened.id));
    assert.equal(sampleSnapshot(opened, minute + 59_999).snapshot.id, snapshot.id, 'the same minute, the same id');
    assert.notEqual(sampleSnapshot(opened, now + MINUTE).snapshot.id, snapshot.id, 'a later minute, a new id');
    const all = await drain(snapshot.source.pager({ kind: 'range', startDate: snapshot.range.start, endDate: snapshot.range.end }));
    assert.equal(all.length, 11);
    assert.equal(all[0].creationDate, minute);
    const recent = await drain(snapshot.source.pager({ kind: 'since', number: 30, units: 'MINUTES' }));
    assert.deepEqual(recent.map((r) => r.summary), ['event 0'], 'a "last 30 minutes" window ending now holds the newest record');
  });
});
