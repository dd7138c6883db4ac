// The record detail webview in headless Chromium, with the page and CSP the extension builds: hostile audit
// data renders literally, runs nothing, and our own assets cause no CSP violation.
import * as assert from 'node:assert/strict';
import type { AuditRecord } from '../../src/api/types';
import type { RecordView, SourceFieldsOrigin } from '../../src/shared/protocol';
import { dcEventRecord } from '../../src/sources/dc/dcRecord';
import { validateWebviewMessage } from '../../src/shared/validateMessage';
import { buildRecordView } from '../../src/webview/recordViewModel';
import { HOSTILE_STRINGS } from '../../simulator';
import type { PageWindow } from './pageGlobals';
import { launchBrowser, openWebview, startMediaServer, type BrowserHandle, type MediaServer, type WebviewPage } from './harness';

const T = Date.UTC(2026, 10, 25, 9, 15, 42, 7);
const IDENTITY = { siteId: 'site-1234abcd', creationDate: T, key: 'ab'.repeat(32) };

/** Each would set window.__pwned if it ever ran as markup or a URL. */
const FLAGGING = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '</script><script>window.__pwned=2</script>',
  js: 'javascript:window.__pwned=3',
  command: '[x](command:workbench.action.terminal.new)',
  svg: '<svg onload="window.__pwned=4"></svg>',
  rtl: 'تقرير الأمان السنوي',
  bidi: 'invoice\u202Efdp.exe',
};
const MEGABYTE = 'A'.repeat(512 * 1024) + '<img src=x onerror="window.__pwned=5">' + 'Z'.repeat(512 * 1024);

function hostileRecord(): AuditRecord {
  return {
    author: { type: 'user', displayName: FLAGGING.img, publicName: FLAGGING.rtl, accountId: FLAGGING.js, accountType: FLAGGING.script, isGuest: true, isExternalCollaborator: false },
    remoteAddress: FLAGGING.command,
    creationDate: T,
    summary: FLAGGING.script,
    description: FLAGGING.svg,
    category: FLAGGING.bidi,
    sysAdmin: false,
    superAdmin: true,
    affectedObject: { name: FLAGGING.js, objectType: FLAGGING.img },
    associatedObjects: HOSTILE_STRINGS.slice(0, 6).map((name) => ({ name, objectType: 'Page' })),
    changedValues: [
      { name: FLAGGING.img, oldValue: FLAGGING.rtl, newValue: FLAGGING.command },
      { name: 'Token', oldValue: '', newValue: '', hiddenOldValue: '********', hiddenNewValue: '********' },
      { name: 'Body', oldValue: '', newValue: MEGABYTE },
      ...HOSTILE_STRINGS.map((s, i) => ({ name: `hostile ${i}`, oldValue: s, newValue: '' })),
    ],
  };
}

async function showView(w: WebviewPage, view: RecordView): Promise<void> {
  const ready = await w.waitForPosted('detail.ready');
  await w.dispatch({ type: 'response', requestId: ready.requestId as number, request: 'detail.ready', result: { ok: true, value: { view, pinned: false, identity: IDENTITY } } });
  await w.page.waitForSelector('#app[aria-busy="false"] h1');
}

async function assertNothingRan(w: WebviewPage): Promise<void> {
  const facts = await w.page.evaluate(() => {
    const page = globalThis as unknown as PageWindow;
    const document = page.document;
    return {
      pwned: page.__pwned,
      images: document.querySelectorAll('img').length,
      svgs: document.querySelectorAll('svg').length,
      scripts: document.querySelectorAll('script').length,
      links: document.body.querySelectorAll('a, [href], [src]:not(script)').length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on') || a.name === 'style')).length,
    };
  });
  assert.deepEqual(facts, { pwned: undefined, images: 0, svgs: 0, scripts: 1, links: 0, handlers: 0 });
  assert.deepEqual(w.dialogs, []);
  assert.deepEqual(w.pageErrors, []);
  assert.deepEqual(await w.violations(), [], 'no CSP violation');
  assert.deepEqual(w.consoleMessages.filter((m) => /Content Security Policy|Refused/i.test(m)), []);
}

describe('Detail webview in Chromium', function () {
  this.timeout(60_000);
  let server: MediaServer;
  let browser: BrowserHandle;

  before(async () => {
    server = await startMediaServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders hostile record text literally and runs none of it', async () => {
    const w = await openWebview(browser.context, server, 'detail');
    const view = buildRecordView(hostileRecord(), 'Acme <b>site</b>', 'utc', 'site');
    await showView(w, view);

    const text = await w.page.evaluate(() => (globalThis as unknown as PageWindow).document.body.textContent ?? '');
    for (const value of Object.values(FLAGGING)) assert.ok(text.includes(value), `shown literally: ${value}`);
    for (const value of HOSTILE_STRINGS.filter((s) => s.length < 1000)) assert.ok(text.includes(value.replace(/\t/g, '\t')), `shown: ${JSON.stringify(value)}`);
    assert.ok(text.includes('Acme <b>site</b>'));
    assert.equal(await w.page.textContent('h1'), FLAGGING.script);

    // The hidden value says so instead of looking empty.
    assert.equal(await w.page.locator('td.hidden-value').count(), 2);
    assert.equal(await w.page.locator('td.hidden-value').first().textContent(), 'Hidden by Confluence');

    // Right-to-left and direction-override text is isolated, and the override is pointed out.
    const rtlDirs = await w.page.evaluate((rtl) => [...(globalThis as unknown as PageWindow).document.querySelectorAll('[dir]')].filter((el) => el.textContent === rtl).map((el) => el.getAttribute('dir')), FLAGGING.rtl);
    assert.ok(rtlDirs.length >= 1 && rtlDirs.every((d) => d === 'auto'));
    assert.ok(text.includes('Contains invisible direction or zero-width characters (U+202E)'));

    await assertNothingRan(w);
    await w.page.close();
  });

  it('folds a 1 MB value and shows all of it, literally, on request', async () => {
    const w = await openWebview(browser.context, server, 'detail');
    await showView(w, buildRecordView(hostileRecord(), 'Acme', 'utc', 'site'));
    const button = w.page.getByRole('button', { name: 'Show all of new Body' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const shown = await w.page.evaluate((expected) => [...(globalThis as unknown as PageWindow).document.querySelectorAll('.value')].some((el) => el.textContent === expected), MEGABYTE);
    assert.equal(shown, true);
    assert.ok((await w.page.getByRole('button', { name: 'Compare old and new Body in a diff editor' }).count()) === 1);
    await assertNothingRan(w);
    await w.page.close();
  });

  it('buttons post only fixed, valid requests that name a field, never a value', async () => {
    const w = await openWebview(browser.context, server, 'detail');
    await showView(w, buildRecordView(hostileRecord(), 'Acme', 'utc', 'site'));
    await w.page.getByRole('button', { name: 'Filter the Audit Log view by this author' }).click();
    await w.page.getByRole('button', { name: 'Filter the Audit Log view by this remote address' }).click();
    await w.page.getByRole('button', { name: 'Copy this record as JSON' }).click();
    await w.page.getByRole('button', { name: 'Compare old and new Body in a diff editor' }).click();
    await w.page.getByRole('button', { name: /Add a time window of 15 minutes/ }).click();
    await w.page.keyboard.press('Tab'); // keyboard reachable: focus moves without error
    await w.waitForPosted('detail.pivot', 2);
    const posted = await w.posted();
    assert.deepEqual(
      posted.map((m) => ({ ...m, requestId: 0 })),
      [
        { type: 'detail.ready', requestId: 0 },
        { type: 'detail.pivot', requestId: 0, pivot: 'author' },
        { type: 'detail.pivot', requestId: 0, pivot: 'remoteAddress' },
        { type: 'detail.copyJson', requestId: 0 },
        { type: 'detail.compare', requestId: 0, index: 2 },
        { type: 'detail.pivot', requestId: 0, pivot: 'around' },
      ],
    );
    for (const m of posted) assert.equal(validateWebviewMessage(m, 'detail').ok, true, JSON.stringify(m));
    assert.equal(new Set(posted.map((m) => m.requestId)).size, posted.length, 'request ids are unique');

    // A failed action shows its error as text.
    const copy = posted[3];
    await w.dispatch({ type: 'response', requestId: copy.requestId as number, request: 'detail.copyJson', result: { ok: false, error: { kind: 'internal', message: 'Clipboard <b>unavailable</b>' } } });
    await w.page.waitForSelector('#status.error');
    assert.equal(await w.page.textContent('#status'), 'Clipboard <b>unavailable</b>');
    await assertNothingRan(w);
    await w.page.close();
  });

  it('shows what a button did next to that button, on screen even in a long record (issue 17, item 10)', async () => {
    const w = await openWebview(browser.context, server, 'detail');
    await showView(w, buildRecordView(hostileRecord(), 'Acme', 'utc', 'site'));
    const onScreen = (): Promise<{ text: string; top: number; bottom: number; height: number }> =>
      w.page.evaluate(() => {
        const page = globalThis as unknown as PageWindow;
        const status = page.document.querySelector('#status');
        const box = status?.getBoundingClientRect();
        return { text: status?.textContent ?? '', top: box?.top ?? -1, bottom: box?.bottom ?? -1, height: page.innerHeight };
      });
    // The toolbar at the top: the answer must be readable without scrolling.
    await w.page.getByRole('button', { name: 'Copy this record as JSON' }).click();
    const copy = (await w.waitForPosted('detail.copyJson')) as { requestId: number };
    await w.dispatch({ type: 'response', requestId: copy.requestId, request: 'detail.copyJson', result: { ok: true, value: null } });
    await w.page.waitForFunction(() => (globalThis as unknown as PageWindow).document.querySelector('#status')?.textContent === 'Copied the record as JSON.');
    const afterCopy = await onScreen();
    assert.ok(afterCopy.top >= 0 && afterCopy.bottom <= afterCopy.height, `the copy result is on screen: ${JSON.stringify(afterCopy)}`);
    // A pivot further down: its answer shows below it, not at the top or the far end of the page.
    const author = w.page.getByRole('button', { name: 'Filter the Audit Log view by this author' });
    await author.scrollIntoViewIfNeeded();
    await author.click();
    const pivot = (await w.waitForPosted('detail.pivot')) as { requestId: number };
    await w.dispatch({ type: 'response', requestId: pivot.requestId, request: 'detail.pivot', result: { ok: true, value: { done: 'Filtering the Audit Log view by author Alice.' } } });
    await w.page.waitForFunction(() => (globalThis as unknown as PageWindow).document.querySelector('#status')?.textContent === 'Filtering the Audit Log view by author Alice.');
    const afterPivot = await onScreen();
    assert.ok(afterPivot.top >= 0 && afterPivot.bottom <= afterPivot.height, `the pivot result is on screen: ${JSON.stringify(afterPivot)}`);
    await assertNothingRan(w);
    await w.page.close();
  });

  it('keeps the record identity with setState and shows the next record in the same page', async () => {
    const w = await openWebview(browser.context, server, 'detail');
    await showView(w, buildRecordView(hostileRecord(), 'Acme', 'utc', 'site'));
    assert.deepEqual(await w.state(), { identity: IDENTITY, pinned: false });
    const next: AuditRecord = { ...hostileRecord(), summary: 'Page deleted', affectedObject: { name: '', objectType: 'Page' }, author: { type: 'user', displayName: 'System' }, creationDate: T + 1 };
    const identity = { ...IDENTITY, creationDate: T + 1 };
    await w.dispatch({ type: 'detail.show', view: buildRecordView(next, 'Acme', 'utc', 'site'), pinned: true, identity });
    await w.page.waitForFunction(() => (globalThis as unknown as PageWindow).document.querySelector('h1')?.textContent === 'Page deleted');
    assert.deepEqual(await w.state(), { identity, pinned: true });
    const text = await w.page.evaluate(() => (globalThis as unknown as PageWindow).document.body.textContent ?? '');
    assert.ok(text.includes('System (Confluence itself, no user account)'));
    assert.ok(text.includes('automatic'), 'the blank-draft note is shown');
    assert.equal(await w.page.getByRole('button', { name: /^Unpin/ }).getAttribute('aria-pressed'), 'true');
    await assertNothingRan(w);
    await w.page.close();
  });

  it('names where the fields beyond the record model come from, as the host says: Data Center, the organization log, the file', async () => {
    // A live Data Center event: its fields come from the site, not from a file (issue 13 showed "From the file").
    const event = dcEventRecord({
      time: T, timestampText: new Date(T).toISOString(), author: { name: 'Dana Whitfield', type: 'user', id: 'dc-key-dana', uri: '', avatarUri: '' },
      category: 'Permissions', action: 'Space permission added', affectedObjects: [{ name: 'Engineering', type: 'Space', id: '42' }],
      changedValues: [{ key: 'Permission', from: 'VIEWSPACE', to: 'SETSPACEPERMISSIONS' }], source: '198.51.100.23', system: 'https://wiki.example.test',
      method: 'Browser', extraAttributes: [], extra: {},
    });
    const headings: [SourceFieldsOrigin, string][] = [['dataCenter', 'From Data Center'], ['organization', 'From the organization log'], ['file', 'From the file']];
    for (const [from, heading] of headings) {
      const w = await openWebview(browser.context, server, 'detail');
      await showView(w, buildRecordView(event, 'Intranet', 'utc', from));
      const section = w.page.getByRole('region', { name: heading });
      assert.equal(await section.count(), 1, `${from}: a section "${heading}"`);
      const list = section.locator(`dl[aria-label="${heading.replace(/^From/, 'Fields from')}"]`);
      assert.match((await list.textContent()) ?? '', /Changed Permission\s*VIEWSPACE → SETSPACEPERMISSIONS/);
      const others = headings.filter(([f]) => f !== from).map(([, h]) => h);
      const text = await w.page.evaluate(() => (globalThis as unknown as PageWindow).document.body.textContent ?? '');
      for (const other of others) assert.ok(!text.includes(other), `${from}: no "${other}"`);
      await assertNothingRan(w);
      await w.page.close();
    }
  });

  it('a request the host never answers ends in a visible timeout, not a hang', async () => {
    const w = await openWebview(browser.context, server, 'detail', { fakeClock: true });
    await w.waitForPosted('detail.ready');
    await w.page.clock.fastForward(31_000);
    await w.page.waitForSelector('[role="alert"]');
    assert.match((await w.page.textContent('[role="alert"]')) ?? '', /did not answer within 30 s/);
    await w.page.getByRole('button', { name: 'Try loading the record again' }).click();
    await w.waitForPosted('detail.ready', 1);
    await assertNothingRan(w);
    await w.page.close();
  });
});
