// The timeline panel's messages through the validating router, over a real tree state: ready answers with
// the view and starts the count, reveal and select map bar indexes to the host's own buckets and range,
// out-of-range indexes are refused as data, and forged messages do nothing at all.
import * as assert from 'node:assert/strict';
import type { AbsoluteSpec } from '../../../src/model/windowSpec';
import type { HostMessage, ResponseMessage } from '../../../src/shared/protocol';
import type { BucketNode, WindowNode } from '../../../src/tree/nodes';
import { TimelineCount } from '../../../src/tree/timelineCount';
import { MessageRouter } from '../../../src/webview/messageRouter';
import { timelineHandlers } from '../../../src/webview/timelineActions';
import { FakeSource, recordAt, treeOver } from '../tree/fakes';

const RECORDS = [recordAt(Date.UTC(2025, 0, 12, 5), { category: 'Security' }), recordAt(Date.UTC(2025, 0, 14, 5), { category: '<b>Users</b>' })];

async function setup() {
  const { state } = treeOver([new FakeSource('site-1', RECORDS)]);
  const [window] = (await state.children()) as WindowNode[];
  const count = new TimelineCount(state, window);
  const revealed: BucketNode[] = [];
  const created: AbsoluteSpec[] = [];
  const warnings: string[] = [];
  const posted: HostMessage[] = [];
  const handlers = timelineHandlers({
    count,
    labels: { window: 'Three days', source: 'Acme', zone: 'UTC' },
    zone: () => 'utc',
    reveal: async (bucket) => void revealed.push(bucket),
    createWindow: async (spec) => {
      created.push(spec);
      return 'New window';
    },
  });
  const router = new MessageRouter({ panel: 'timeline', handlers, post: (m) => void posted.push(m), log: { warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) } });
  const send = async (raw: unknown): Promise<ResponseMessage | undefined> => {
    const before = posted.length;
    await router.handle(raw);
    return posted.slice(before).find((m): m is ResponseMessage => m.type === 'response');
  };
  return { count, revealed, created, warnings, send, router };
}

describe('timeline actions through the router', () => {
  it('answers ready with the view and starts counting', async () => {
    const { count, send } = await setup();
    const answer = await send({ type: 'timeline.ready', requestId: 1 });
    assert.ok(answer?.result.ok && answer.request === 'timeline.ready');
    const view = answer.result.value as { windowLabel: string; chart: { bars: unknown[] } };
    assert.equal(view.windowLabel, 'Three days');
    assert.equal(view.chart.bars.length, 3);
    await count.start();
    assert.equal(count.progress.state, 'complete');
    assert.deepEqual(count.chart().categories, ['<b>Users</b>', 'Security']);
  });

  it('reveals the bucket behind a bar and adds the window a range of bars covers', async () => {
    const { count, send, revealed, created } = await setup();
    await count.start();
    assert.equal((await send({ type: 'timeline.reveal', requestId: 2, index: 2 }))?.result.ok, true);
    assert.deepEqual(revealed.map((b) => b.bucket.start), [Date.UTC(2025, 0, 14)]);
    const answer = await send({ type: 'timeline.select', requestId: 3, from: 1, to: 0 });
    assert.deepEqual(answer?.result, { ok: true, value: { window: 'New window' } });
    assert.deepEqual(created, [{ kind: 'absolute', start: Date.UTC(2025, 0, 12), end: Date.UTC(2025, 0, 14) - 1, zone: 'utc' }]);
  });

  it('refuses a bar outside the chart as data, doing nothing', async () => {
    const { send, revealed, created } = await setup();
    const reveal = await send({ type: 'timeline.reveal', requestId: 4, index: 3 });
    assert.equal(reveal?.result.ok, false);
    const select = await send({ type: 'timeline.select', requestId: 5, from: 0, to: 7 });
    assert.ok(select && !select.result.ok && select.result.error.kind === 'invalid');
    assert.deepEqual([revealed, created], [[], []]);
  });

  it('stops the count on cancel', async () => {
    const { count, send } = await setup();
    await send({ type: 'timeline.cancel', requestId: 6 });
    await count.start();
    assert.equal(count.progress.state, 'cancelled');
  });

  it('does nothing and answers nothing for forged messages', async () => {
    const { send, revealed, created, warnings, router } = await setup();
    const forged: unknown[] = [
      { type: 'timeline.select', requestId: 1, from: 0, to: 1, zone: 'Europe/Berlin' },
      { type: 'timeline.reveal', requestId: 1, index: -1 },
      { type: 'timeline.reveal', requestId: 1, index: '0' },
      { type: 'detail.pivot', requestId: 1, pivot: 'author' },
      { type: 'retention.save', requestId: 1, period: { number: 1, units: 'DAYS' }, loaded: { number: 1, units: 'DAYS' } },
      JSON.parse('{"type":"timeline.reveal","requestId":1,"index":0,"__proto__":{"x":1}}'),
      'timeline.ready',
    ];
    for (const raw of forged) assert.equal(await send(raw), undefined);
    assert.equal(router.rejected, forged.length);
    assert.equal(warnings.length, forged.length);
    assert.deepEqual([revealed, created], [[], []]);
  });
});
