// A rate-limited bucket (issue 17, item 5): a 429 with Retry-After: 20 shows at once as a row saying
// the view waits for Confluence's rate limit and until when, with Cancel; Cancel ends it with Retry.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConfluenceAuditApi } from '../../src/extension';
import type { BucketNode, MessageNode, WindowNode } from '../../src/tree/nodes';
import { startSimulator, type Simulator } from '../../simulator';
import { addSimulatorSite, childrenOf, getApi, labelOf, removeAllSites, waitFor } from './helpers';

describe('Rate limiting in the tree', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: ConfluenceAuditApi;

  before(async () => {
    sim = await startSimulator({ records: 500, periodDays: 2, seed: 9 });
    api = await getApi();
    await addSimulatorSite(api, sim);
  });

  after(async () => {
    await removeAllSites(api);
    await sim?.stop();
  });

  it('says it waits for the rate limit, until when, and Cancel ends the wait with Retry', async () => {
    const windows = (await childrenOf(api)).filter((n): n is WindowNode => n.kind === 'window');
    let window: WindowNode | undefined;
    for (const w of windows) if ((await labelOf(api, w)) === 'Last 24 hours') window = w;
    assert.ok(window, 'the Last 24 hours window');
    const [bucket] = (await childrenOf(api, window)).filter((n): n is BucketNode => n.kind === 'bucket');
    sim.faults.once({ kind: '429', retryAfter: '20' });
    const asked = Date.now();
    const children = await childrenOf(api, bucket);
    // Not a 20-second spinner: the answer comes while the client still waits.
    const waiting = children.find((n): n is MessageNode => n.kind === 'message' && n.id.endsWith('/waiting'));
    assert.ok(waiting, `a waiting row, not: ${children.map((n) => n.kind).join(', ')}`);
    assert.match(waiting.text, /^Waiting for Confluence's rate limit until \d\d:\d\d:\d\dZ/);
    const until = waiting.text.match(/(\d\d:\d\d:\d\d)Z/)?.[1] ?? '';
    const expected = new Date(asked + 20_000).toISOString().slice(11, 19);
    const later = new Date(Date.now() + 20_000).toISOString().slice(11, 19);
    assert.ok(until >= expected && until <= later, `until ${until}, between ${expected} and ${later}`);
    assert.deepEqual(waiting.action?.command, 'confluenceAudit.cancelWait');
    assert.equal(api.state.waits().length, 1, 'the status bar sees the wait');

    await vscode.commands.executeCommand('confluenceAudit.cancelWait', bucket);
    const after = await waitFor(() => childrenOf(api, bucket), (c) => c.some((n) => n.kind === 'message' && n.severity === 'error'), 'the cancelled row');
    const cancelled = after.find((n): n is MessageNode => n.kind === 'message');
    assert.equal(cancelled?.action?.command, 'confluenceAudit.retry');
    assert.equal(api.state.waits().length, 0);
    await vscode.commands.executeCommand('confluenceAudit.retry', bucket);
    const records = await waitFor(() => childrenOf(api, bucket), (c) => c.some((n) => n.kind === 'record'), 'records after Retry');
    assert.ok(records.length > 0);
  });
});
