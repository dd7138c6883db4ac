// The org pager with a scripted server: duplicates across pages are dropped by id, events outside
// the window are dropped with a warning, a stuck cursor fails loudly, a failed page changes nothing.
import * as assert from 'node:assert/strict';
import { AuditError } from '../../../../src/api';
import { OrgEventPager, type OrgEvent, type OrgEventPage } from '../../../../src/api/org';

function ev(id: string, time: number): OrgEvent {
  return { id, time, timeText: new Date(time).toISOString(), action: 'user_logged_in', actor: { id: 'a' }, context: [], container: [], raw: {} };
}

function scripted(pages: Array<OrgEventPage | Error>): { fetch: (cursor: string | undefined) => Promise<OrgEventPage>; cursors: Array<string | undefined> } {
  const cursors: Array<string | undefined> = [];
  return {
    cursors,
    fetch: async (cursor) => {
      cursors.push(cursor);
      const next = pages.shift();
      if (next === undefined) {
        throw new Error('no more scripted pages');
      }
      if (next instanceof Error) {
        throw next;
      }
      return next;
    },
  };
}

describe('org pager (scripted server)', () => {
  it('hands out each id once, even when the server re-sends events on a later page', async () => {
    const s = scripted([
      { events: [ev('1', 10), ev('2', 11)], next: 'c1', skipped: 0 },
      { events: [ev('2', 11), ev('3', 12)], next: 'c2', skipped: 0 },
      { events: [ev('1', 10), ev('2', 11)], next: 'c3', skipped: 0 },
      { events: [ev('4', 13)], next: 'c4', skipped: 0 },
      { events: [], next: 'c4', skipped: 0 },
    ]);
    const lines: string[] = [];
    const pager = new OrgEventPager(s.fetch, { from: 0, to: 100 }, (_level, m) => lines.push(m));
    const got: string[] = [];
    for (let page = await pager.next(); page.length > 0; page = await pager.next()) {
      got.push(...page.map((e) => e.id));
    }
    assert.deepEqual(got, ['1', '2', '3', '4']);
    assert.deepEqual(s.cursors, [undefined, 'c1', 'c2', 'c3', 'c4']);
    assert.ok(pager.done);
    assert.equal(pager.resumeCursor, 'c4', 'the cursor to poll from later');
    assert.deepEqual(await pager.next(), [], 'done stays done without requests');
    assert.equal(s.cursors.length, 5);
  });

  it('drops events outside the window and says so in the log', async () => {
    const s = scripted([{ events: [ev('a', 5), ev('b', 50), ev('c', 500)], skipped: 0 }]);
    const lines: string[] = [];
    const pager = new OrgEventPager(s.fetch, { from: 10, to: 100 }, (_level, m) => lines.push(m));
    assert.deepEqual((await pager.next()).map((e) => e.id), ['b']);
    assert.ok(lines.some((l) => /Ignored 2 organization events outside the requested window/.test(l)));
  });

  it('a server that repeats the same cursor with nothing new fails as a bad response', async () => {
    const same = (): OrgEventPage => ({ events: [ev('x', 1)], next: 'stuck', skipped: 0 });
    const s = scripted([same(), same(), same(), same(), same(), same()]);
    const pager = new OrgEventPager(s.fetch, {}, () => undefined);
    assert.deepEqual((await pager.next()).map((e) => e.id), ['x']);
    await assert.rejects(pager.next(), (e: unknown) => e instanceof AuditError && e.kind === 'badResponse' && /cannot advance/.test(e.message));
  });

  it('a failed page changes nothing: the next call asks for the same cursor again', async () => {
    const s = scripted([
      { events: [ev('1', 1)], next: 'c1', skipped: 0 },
      new AuditError('timeout', 'slow'),
      { events: [ev('2', 2)], skipped: 0 },
    ]);
    const pager = new OrgEventPager(s.fetch, {}, () => undefined);
    await pager.next();
    await assert.rejects(pager.next());
    assert.deepEqual((await pager.next()).map((e) => e.id), ['2']);
    assert.deepEqual(s.cursors, [undefined, 'c1', 'c1']);
    assert.ok(pager.done, 'a page without a next cursor is the last');
  });
});
