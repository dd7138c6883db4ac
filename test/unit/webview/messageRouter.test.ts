// The host's router: each valid message reaches its one fixed action, with values from the record the host
// holds; forged messages reach nothing and get no response; failures come back as data.
import * as assert from 'node:assert/strict';
import { AuditError } from '../../../src/api/errors';
import type { AuditRecord } from '../../../src/api/types';
import type { HostMessage, ResponseMessage } from '../../../src/shared/protocol';
import { AROUND_MS, detailHandlers, type DetailEffects, type DetailSubject } from '../../../src/webview/detailActions';
import { MessageRouter, RequestError, type Handlers } from '../../../src/webview/messageRouter';
import { buildRecordView } from '../../../src/webview/recordViewModel';
import { RetentionActions, type RetentionBackend } from '../../../src/webview/retentionActions';

const T = Date.UTC(2026, 10, 20, 10, 30, 0, 123);

function record(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    author: { type: 'user', displayName: 'Mallory <img src=x onerror=alert(1)>', accountId: 'acc-42', publicName: 'mallory' },
    remoteAddress: '203.0.113.7',
    creationDate: T,
    summary: 'Space permission added',
    description: 'desc',
    category: 'Permissions',
    sysAdmin: false,
    affectedObject: { name: 'Engineering', objectType: 'Space' },
    changedValues: [
      { name: 'Permission', oldValue: '', newValue: 'Admin' },
      { name: 'Body', oldValue: 'a\nb', newValue: 'x'.repeat(300) },
      { name: 'Token', oldValue: '', newValue: '', hiddenOldValue: '********', hiddenNewValue: '********' },
    ],
    associatedObjects: [{ name: 'confluence-users', objectType: 'Group' }],
    ...overrides,
  };
}

type Call = [name: string, ...args: unknown[]];

function spyEffects(calls: Call[], windowId: string | null): DetailEffects {
  return {
    copyText: async (text) => void calls.push(['copyText', text]),
    openJson: async (r, label) => void calls.push(['openJson', r, label]),
    compare: async (a, b, title) => void calls.push(['compare', a, b, title]),
    addFilter: async (kind, value, label) => void calls.push(['addFilter', kind, value, label]),
    addTimeWindow: async (siteId, spec) => {
      calls.push(['addTimeWindow', siteId, spec]);
      return windowId ?? undefined;
    },
    revealWindow: async (siteId, id) => void calls.push(['revealWindow', siteId, id]),
    setPinned: (pinned) => void calls.push(['setPinned', pinned]),
  };
}

function detailSetup(r: AuditRecord = record(), windowId: string | null = 'win-1') {
  const calls: Call[] = [];
  const posted: HostMessage[] = [];
  const warnings: string[] = [];
  let pinned = false;
  const subject: DetailSubject = {
    record: r,
    siteId: 'site-1234abcd',
    siteLabel: 'Acme',
    fieldsFrom: 'site',
    view: buildRecordView(r, 'Acme', 'utc', 'site'),
    identity: { siteId: 'site-1234abcd', creationDate: r.creationDate, key: 'f'.repeat(64) },
  };
  const effects = spyEffects(calls, windowId);
  const handlers = detailHandlers({
    subject: async () => subject,
    pinned: () => pinned,
    effects: { ...effects, setPinned: (p) => { pinned = p; effects.setPinned(p); } },
  });
  const router = new MessageRouter({ panel: 'detail', handlers, post: (m) => void posted.push(m), log: { warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) } });
  const send = async (raw: unknown): Promise<ResponseMessage | undefined> => {
    const before = posted.length;
    await router.handle(raw);
    return posted.slice(before).find((m): m is ResponseMessage => m.type === 'response');
  };
  return { calls, posted, warnings, router, send };
}

describe('MessageRouter with the detail actions', () => {
  it('maps each detail message to its one action, with values taken from the record', async () => {
    const { calls, send } = detailSetup();
    const r = record();

    let response = await send({ type: 'detail.ready', requestId: 1 });
    assert.equal(response?.result.ok, true);
    assert.deepEqual(calls, []);

    response = await send({ type: 'detail.copyJson', requestId: 2 });
    assert.deepEqual(response?.result, { ok: true, value: null });
    assert.deepEqual(calls.pop(), ['copyText', JSON.stringify(r, null, 2)]);

    await send({ type: 'detail.openJson', requestId: 3 });
    assert.deepEqual(calls.pop(), ['openJson', r, 'Acme']);

    await send({ type: 'detail.compare', requestId: 4, index: 1 });
    assert.deepEqual(calls.pop(), ['compare', 'a\nb', 'x'.repeat(300), 'Body: old ↔ new']);

    // Filtered by the account id (anyone can pick a display name), labelled with the name (issue 17, item 9).
    response = await send({ type: 'detail.pivot', requestId: 5, pivot: 'author' });
    assert.deepEqual(calls.pop(), ['addFilter', 'authors', 'acc-42', 'Mallory <img src=x onerror=alert(1)>']);
    assert.deepEqual(response?.result, { ok: true, value: { done: 'Filtering the Audit Log view by the author Mallory <img src=x onerror=alert(1)>.' } });

    await send({ type: 'detail.pivot', requestId: 6, pivot: 'remoteAddress' });
    assert.deepEqual(calls.pop(), ['addFilter', 'remoteAddresses', '203.0.113.7', undefined]);

    await send({ type: 'detail.pivot', requestId: 7, pivot: 'affectedObject' });
    assert.deepEqual(calls.pop(), ['addFilter', 'affectedObjects', 'Engineering', undefined]);

    response = await send({ type: 'detail.pivot', requestId: 8, pivot: 'around' });
    assert.equal(response?.result.ok, true);
    assert.deepEqual(calls.splice(0), [
      ['addTimeWindow', 'site-1234abcd', { kind: 'absolute', start: T - AROUND_MS, end: T + AROUND_MS, zone: 'utc' }],
      ['revealWindow', 'site-1234abcd', 'win-1'],
    ]);

    response = await send({ type: 'detail.setPinned', requestId: 9, pinned: true });
    assert.deepEqual(response?.result, { ok: true, value: { pinned: true } });
    assert.deepEqual(calls.pop(), ['setPinned', true]);
    assert.deepEqual(calls, []);
  });

  it('answers every valid request exactly once, echoing its id and type', async () => {
    const { posted, router } = detailSetup();
    await router.handle({ type: 'detail.ready', requestId: 77 });
    const responses = posted.filter((m) => m.type === 'response');
    assert.equal(responses.length, 1);
    assert.equal(responses[0].type === 'response' && responses[0].requestId, 77);
    assert.equal(responses[0].type === 'response' && responses[0].request, 'detail.ready');
  });

  it('executes nothing and answers nothing for forged messages, and logs each', async () => {
    const { calls, posted, warnings, router } = detailSetup();
    const forged: unknown[] = [
      { type: 'executeCommand', requestId: 1, command: 'workbench.action.terminal.new' },
      { type: 'confluenceAudit.addFilter', requestId: 1 },
      { type: 'detail.pivot', requestId: 1, pivot: 'author', value: 'attacker-chosen' },
      { type: 'detail.pivot', requestId: 1, pivot: 'command:workbench.action.terminal.new' },
      { type: 'detail.compare', requestId: 1, index: -1 },
      { type: 'detail.compare', requestId: 1, index: '1' },
      { type: 'detail.copyJson', requestId: -3 },
      { type: 'retention.save', requestId: 1, period: { number: 1, units: 'DAYS' }, loaded: { number: 1, units: 'DAYS' } },
      JSON.parse('{"type":"detail.copyJson","requestId":1,"__proto__":{"x":1}}'),
      null,
      'detail.copyJson',
    ];
    for (const raw of forged) await router.handle(raw);
    assert.deepEqual(calls, []);
    assert.deepEqual(posted, []);
    assert.equal(router.rejected, forged.length);
    assert.equal(warnings.length, forged.length);
    for (const w of warnings) assert.match(w, /^Rejected a message from the detail webview: /);
  });

  it('turns a refused action into an error as data', async () => {
    const { calls, send } = detailSetup(record({ remoteAddress: '' }), null);
    let response = await send({ type: 'detail.pivot', requestId: 1, pivot: 'remoteAddress' });
    assert.deepEqual(response?.result, { ok: false, error: { kind: 'invalid', message: 'This record has no remote address to filter by.' } });
    response = await send({ type: 'detail.compare', requestId: 2, index: 0 });
    assert.equal(response?.result.ok, false, 'a short value has no Compare');
    response = await send({ type: 'detail.compare', requestId: 3, index: 50 });
    assert.equal(response?.result.ok, false, 'an index past the end');
    response = await send({ type: 'detail.pivot', requestId: 4, pivot: 'around' });
    assert.deepEqual(response?.result, { ok: false, error: { kind: 'refused', message: 'The time window was not added.' } });
    assert.deepEqual(calls.map((c) => c[0]), ['addTimeWindow'], 'no reveal after a refused window');
  });

  it('compares a hidden value as a marker, not as an empty text', async () => {
    const r = record({ changedValues: [{ name: 'Secret', oldValue: '', newValue: 'y\nz', hiddenOldValue: '********', hiddenNewValue: '' }] });
    const { calls, send } = detailSetup(r);
    await send({ type: 'detail.compare', requestId: 1, index: 0 });
    assert.deepEqual(calls.pop(), ['compare', '(hidden by Confluence)\n', 'y\nz', 'Secret: old ↔ new']);
  });
});

describe('MessageRouter mechanics', () => {
  function router(handlers: Partial<Handlers<'retention'>>, posted: HostMessage[], errors: string[] = [], heartbeatMs?: number) {
    const all = {
      'retention.ready': async () => {
        throw new Error('not under test');
      },
      'retention.refresh': async () => {
        throw new Error('not under test');
      },
      'retention.preview': async () => {
        throw new Error('not under test');
      },
      'retention.cancelPreview': async () => null,
      'retention.save': async () => {
        throw new Error('not under test');
      },
      ...handlers,
    } as Handlers<'retention'>;
    return new MessageRouter({ panel: 'retention', handlers: all, post: (m) => void posted.push(m), log: { warn: () => undefined, error: (m) => void errors.push(m) }, heartbeatMs });
  }

  it('reports an AuditError with its kind, message and the server’s own words', async () => {
    const posted: HostMessage[] = [];
    const r = router(
      {
        'retention.refresh': async () => {
          throw new AuditError('badRequest', 'Confluence refused the request as invalid (400).', { status: 400, serverMessage: 'Period too long' });
        },
      },
      posted,
    );
    await r.handle({ type: 'retention.refresh', requestId: 5 });
    assert.deepEqual(posted, [
      { type: 'response', requestId: 5, request: 'retention.refresh', result: { ok: false, error: { kind: 'badRequest', message: 'Confluence refused the request as invalid (400).', serverMessage: 'Period too long' } } },
    ]);
  });

  it('reports an unexpected exception as an internal error and logs it', async () => {
    const posted: HostMessage[] = [];
    const errors: string[] = [];
    const r = router({ 'retention.refresh': async () => { throw new TypeError('boom'); } }, posted, errors);
    await r.handle({ type: 'retention.refresh', requestId: 1 });
    const response = posted[0];
    assert.ok(response.type === 'response' && !response.result.ok && response.result.error.kind === 'internal');
    assert.equal(errors.length, 1);
  });

  it('sends progress while a request runs, so a slow server is not mistaken for a hang', async () => {
    const posted: HostMessage[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const r = router(
      {
        'retention.refresh': async (_request, progress) => {
          progress('working', 'Reading…');
          await gate;
          throw new RequestError('timeout', 'slow');
        },
      },
      posted,
      [],
      5,
    );
    const done = r.handle({ type: 'retention.refresh', requestId: 3 });
    // Wait for at least one heartbeat beyond the explicit progress message.
    while (posted.filter((m) => m.type === 'progress').length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await done;
    const count = posted.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(posted.length, count, 'no heartbeat after the response');
    assert.deepEqual(posted[0], { type: 'progress', requestId: 3, stage: 'working', message: 'Reading…' });
    assert.equal(posted[posted.length - 1].type, 'response');
  });

  it('survives a post that throws (the panel closed meanwhile)', async () => {
    const r = new MessageRouter({
      panel: 'retention',
      handlers: { 'retention.cancelPreview': async () => null } as unknown as Handlers<'retention'>,
      post: () => {
        throw new Error('Webview is disposed');
      },
      log: { warn: () => undefined, error: () => undefined },
    });
    await r.handle({ type: 'retention.cancelPreview', requestId: 1 });
  });

  it('routes retention messages to their actions and refuses an invalid period in the host too', async () => {
    const calls: string[] = [];
    const backend: RetentionBackend = {
      getRetention: async () => {
        calls.push('get');
        return { number: 1, units: 'YEARS' };
      },
      setRetention: async (p) => {
        calls.push('set');
        return { stored: p, confirmedByRead: false };
      },
      countRecords: async () => {
        calls.push('count');
        return 3;
      },
    };
    const actions = new RetentionActions({
      siteId: 'site-1234abcd',
      siteLabel: 'Acme',
      backend: async () => backend,
      confirm: async () => {
        calls.push('confirm');
        return 'cancel';
      },
      exportFirst: async () => void calls.push('export'),
      now: () => T,
      formatTime: (ms) => new Date(ms).toISOString(),
    });
    const posted: HostMessage[] = [];
    const r = new MessageRouter({ panel: 'retention', handlers: actions.handlers(), post: (m) => void posted.push(m), log: { warn: () => undefined, error: () => undefined } });
    // Well-formed, but longer than the documented maximum: the host refuses without any request.
    await r.handle({ type: 'retention.save', requestId: 1, period: { number: 400, units: 'DAYS' }, loaded: { number: 1, units: 'YEARS' } });
    await r.handle({ type: 'retention.save', requestId: 2, period: { number: 1, units: 'FOREVER' }, loaded: { number: 1, units: 'YEARS' } });
    await r.handle({ type: 'retention.preview', requestId: 3, period: { number: 2, units: 'YEARS' } });
    assert.deepEqual(calls, []);
    const errors = posted.filter((m) => m.type === 'response').map((m) => (m.type === 'response' && !m.result.ok ? m.result.error.kind : 'ok'));
    assert.deepEqual(errors, ['invalid', 'invalid', 'invalid']);
    await r.handle({ type: 'retention.ready', requestId: 4 });
    assert.deepEqual(calls, ['get']);
  });
});
