// A Data Center site with advanced auditing in code-server, as a user meets it (issue 13, "Done when"): Add
// Site… with the simulator's Data Center URL and a personal access token, the site detected as advanced
// auditing, a window and a bucket browsed, an author filter that runs on the server (the rows change and the
// simulator saw the author's id as userIds), an event's detail with its Data Center fields, and the window
// exported as CSV and JSON Lines with manifests, read back from disk and counted against the simulator.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import type { AuditRecordCreateAuthor } from '../../src/api/types';
import { parseManifest, type ExportManifest } from '../../src/exportFile/manifest';
import { answer, clearNotifications, contextMenu, contextMenuEntries, notification, pick, pickRows, rowShows, viewTitleShows } from './actions';
import { auditView, expandBucket, expandUntilChildren, openAuditView, runCommand, screenshot, treeItem, visibleRows } from './workbench';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Ten minutes ago, moved so that both records fall in the same hour bucket. */
const danaTime = ((t: number): number => (t % HOUR < 2 * MINUTE ? t + 2 * MINUTE : t))(Date.now() - 10 * MINUTE);
const eliTime = danaTime - 30_000;
const DANA = { name: 'Dana Whitfield (DC)', key: 'dc-key-dana', username: 'dwhitfield' };
const ELI = { name: 'Eli Marsh (DC)', key: 'dc-key-eli', username: 'emarsh' };
const DANA_ACTION = 'UI DC: space permission granted';
const ELI_ACTION = 'UI DC: page deleted';
const DANA_IP = '198.51.100.23';
const CLOUD_ROW = /^Site Demo Confluence/;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hourOf = (t: number): string => `${new Date(t).toISOString().slice(0, 13).replace('T', ' ')}:00`;

function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/** Rows seen, for failure messages. */
async function rowsSeen(page: Page): Promise<string> {
  return (await visibleRows(page)).map((r) => `${r.level}:${r.label.split('\n')[0]}`).join(' | ');
}

/**
 * The record rows (level 4: site, window, bucket, record) shown now, read in one go: the tree re-renders
 * while a window reloads, and rows read one by one can vanish in between.
 */
async function recordRows(page: Page): Promise<string[]> {
  type Row = { getAttribute(name: string): string | null };
  const rows = await auditView(page).getByRole('treeitem').evaluateAll((items: Row[]) => items.map((i) => ({ level: i.getAttribute('aria-level'), label: i.getAttribute('aria-label') ?? '' })));
  return rows.filter((r) => r.level === '4' && / by .* at \d\d:\d\d/.test(r.label)).map((r) => r.label);
}

/** Waits until the record rows satisfy `ok`; returns them. */
async function recordRowsUntil(page: Page, ok: (rows: string[]) => boolean, what: string): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await recordRows(page);
    if (ok(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`${what}: ${await rowsSeen(page)}`);
    await page.waitForTimeout(200);
  }
}

/** Collapses or expands a root row (the other site's windows carry the same names). */
async function setExpanded(page: Page, row: RegExp, expanded: boolean): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    if ((await treeItem(page, row).getAttribute('aria-expanded')) === String(expanded)) return;
    await treeItem(page, row).click();
    await page.waitForTimeout(500);
  }
  throw new Error(`could not ${expanded ? 'expand' : 'collapse'} ${String(row)}`);
}

/** The hover VS Code shows for a tree row: its tooltip, as the user reads it. */
async function hoverText(page: Page, row: RegExp, expected: RegExp): Promise<string> {
  const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: expected }).first();
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.mouse.move(0, 0);
    await treeItem(page, row).locator('.label-name').first().hover();
    if (await hover.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return (await hover.textContent()) ?? '';
  }
  const shown = await page.locator('.monaco-hover, .workbench-hover').allTextContents();
  throw new Error(`no hover with ${String(expected)} on ${String(row)}; hovers shown: ${shown.join(' | ') || '(none)'}`);
}

describe('UI: a Data Center site with advanced auditing (issue 13)', function () {
  this.timeout(300_000);
  let demo: DemoEnvironment;
  let browser: LaunchedBrowser;
  let dcRow: RegExp;

  const exportsFolder = (): string => path.join(demo.workspace, 'audit-exports');
  const exported = (): string[] => (existsSync(exportsFolder()) ? readdirSync(exportsFolder()).sort() : []);
  /** The simulator's advanced auditing requests since the log was last cleared. */
  const eventRequests = (): URLSearchParams[] =>
    demo.simulator.requests.filter((r) => r.url.includes('/confluence/rest/auditing/1.0/events')).map((r) => new URL(r.url, 'http://x').searchParams);

  before(async () => {
    demo = await startDemoEnvironment({ records: 20_000, periodDays: 30, userSettings: { 'confluenceAudit.timeZone': 'utc' } });
    dcRow = new RegExp(`^Data Center site ${escape(new URL(demo.simulator.dataCenterUrl).host)}`);
    const author = (who: typeof DANA): AuditRecordCreateAuthor => ({ type: 'user', displayName: who.name, userKey: who.key, username: who.username });
    demo.simulator.insert([
      {
        creationDate: danaTime,
        remoteAddress: DANA_IP,
        summary: DANA_ACTION,
        category: 'Permissions',
        author: author(DANA),
        affectedObject: { name: 'Engineering', objectType: 'Space' },
        associatedObjects: [{ name: 'confluence-administrators', objectType: 'Group' }],
        changedValues: [{ name: 'Permission', oldValue: 'VIEWSPACE', newValue: 'SETSPACEPERMISSIONS' }],
      },
      {
        creationDate: eliTime,
        remoteAddress: '198.51.100.24',
        summary: ELI_ACTION,
        category: 'Pages',
        author: author(ELI),
        affectedObject: { name: 'Release plan', objectType: 'Page' },
        changedValues: [],
      },
    ]);
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(browser.page, `failure-dc-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  it('adds the Data Center site with a personal access token [command:confluenceAudit.addSite]', async () => {
    const { page } = browser;
    await openAuditView(page);
    await runCommand(page, 'Confluence Audit: Add Site…');
    await answer(page, demo.simulator.dataCenterUrl, /site URL/);
    await pick(page, 'Data Center: personal access token');
    await answer(page, demo.simulator.admin.pat, /token/);
    await notification(page, /Connected to .*Its audit log is in the Confluence Audit view/);
    await rowShows(page, dcRow);
    await rowShows(page, CLOUD_ROW);
    await clearNotifications(page);
  });

  it('browses a day of the Data Center site and says it reads advanced auditing', async () => {
    const { page } = browser;
    // The Cloud site's windows have the same names: only the Data Center site's are in view.
    await setExpanded(page, CLOUD_ROW, false);
    // A day, not "Last hour": the filter below reloads the window, which moves a relative window's start,
    // and its oldest bucket (cut at that start) comes back as a new row, collapsed. The events' hour is
    // not the oldest bucket of a day.
    await expandUntilChildren(page, /^Last 24 hours/, 3).catch(async (e: unknown) => {
      throw new Error(`${String(e)}\nrows: ${await rowsSeen(page)}`);
    });
    await expandBucket(page, hourOf(danaTime), 4).catch(async (e: unknown) => {
      throw new Error(`${String(e)}\nrows: ${await rowsSeen(page)}`);
    });
    const rows = await recordRowsUntil(page, (r) => r.some((l) => l.startsWith(DANA_ACTION)) && r.some((l) => l.startsWith(ELI_ACTION)), 'both inserted events listed');
    assert.ok(rows.length > 2, `the bucket holds the seeded events too: ${rows.join(' | ')}`);
    assert.ok(eventRequests().length > 0, 'the bucket was read through /rest/auditing/1.0/events');
    const tooltip = await hoverText(page, dcRow, /advanced auditing/);
    assert.match(tooltip, /Confluence Data Center · advanced auditing \(\/rest\/auditing\/1\.0\)/);
  });

  it('filters by author on the server: only that author\'s events are shown and the server was asked for their id [command:confluenceAudit.addFilter]', async () => {
    const { page } = browser;
    demo.simulator.requests.length = 0;
    await runCommand(page, 'Confluence Audit: Filter Records…');
    await pick(page, 'Author');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /Filter by Author/ }).first().waitFor({ timeout: 30_000 });
    await pick(page, DANA.name);
    await viewTitleShows(page, `author: ${DANA.name}`);
    const rows = await recordRowsUntil(page, (r) => r.length > 0 && r.every((l) => l.includes(` by ${DANA.name} at `)), `only ${DANA.name}'s events shown`);
    assert.ok(rows.some((l) => l.startsWith(DANA_ACTION)), rows.join(' | '));
    assert.ok(!rows.some((l) => l.startsWith(ELI_ACTION)), 'the other author\'s event is gone');
    // The server did the filtering: every events request since the filter named the author's id.
    const asked = eventRequests();
    assert.ok(asked.length > 0, 'the window was read again from the server');
    assert.deepEqual([...new Set(asked.map((q) => q.get('userIds')))], [DANA.key], asked.map((q) => q.toString()).join('\n'));
    // The window says where its filter ran.
    const window = treeItem(page, /^Last 24 hours/);
    assert.match((await window.locator('.label-description').textContent()) ?? '', /server-filtered/);
    const note = await hoverText(page, /^Last 24 hours/, /Filtered on the server/);
    assert.match(note, /Filtered on the server by author/);
  });

  it('filters by action too, offered because the site filters by it on its server: the rows and the server\'s parameters say so', async () => {
    const { page } = browser;
    demo.simulator.requests.length = 0;
    await runCommand(page, 'Confluence Audit: Filter Records…');
    const kinds = await pickRows(page);
    assert.ok(kinds.some((k) => k.startsWith('Action (what happened)')), kinds.join(' | '));
    await pick(page, 'Action (what happened)');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: /Filter by Action/ }).first().waitFor({ timeout: 30_000 });
    await pick(page, DANA_ACTION);
    await viewTitleShows(page, `action: ${DANA_ACTION}`);
    const rows = await recordRowsUntil(page, (r) => r.length > 0 && r.every((l) => l.startsWith(DANA_ACTION)), `only "${DANA_ACTION}" shown`);
    assert.ok(rows.every((l) => l.includes(` by ${DANA.name} at `)), 'the author filter still holds');
    const asked = await (async () => {
      // The bucket's reload may still be on its way when its rows show what the view already had.
      for (let waited = 0; waited < 30_000; waited += 200) {
        const got = eventRequests();
        if (got.length > 0) return got;
        await page.waitForTimeout(200);
      }
      return [];
    })();
    assert.ok(asked.length > 0, 'the window was read again from the server');
    for (const q of asked) assert.deepEqual([q.get('actions'), q.get('userIds')], [DANA_ACTION, DANA.key], q.toString());
    const note = await hoverText(page, /^Last 24 hours/, /Filtered on the server/);
    assert.match(note, /Filtered on the server by author, action/);
  });

  it('opens an event: author with id, category and action, objects, changed values from → to and source IP in the detail [command:confluenceAudit.openRecord]', async () => {
    const { page } = browser;
    await page.mouse.move(0, 0);
    await treeItem(page, new RegExp(`^${escape(DANA_ACTION)}`)).click();
    const frame = webview(page);
    await frame.locator('h1', { hasText: DANA_ACTION }).waitFor({ timeout: 60_000 });
    const fields = async (list: string): Promise<Map<string, string>> => {
      const dl = frame.locator(`dl[aria-label="${list}"]`).first();
      const terms = await dl.locator('dt').allTextContents();
      const values = await dl.locator('dd').allTextContents();
      return new Map(terms.map((t, i) => [t.trim(), values[i].trim()]));
    };
    const authorFields = await fields('Author fields');
    assert.equal(authorFields.get('Display name'), DANA.name);
    assert.equal(authorFields.get('Account ID'), DANA.key);
    assert.equal(authorFields.get('Username'), DANA.username);
    const event = await fields('Event fields');
    assert.equal(event.get('Event type'), 'Permissions');
    assert.match(event.get('Change') ?? '', new RegExp(escape(DANA_ACTION)));
    assert.match(event.get('Remote address') ?? '', new RegExp(`^${escape(DANA_IP)}`));
    const affected = (await frame.locator('section[aria-labelledby="affected-heading"]').textContent()) ?? '';
    assert.match(affected, /Engineering\s*\(Space\)/);
    const associated = (await frame.locator('section[aria-labelledby="associated-heading"]').textContent()) ?? '';
    assert.match(associated, /confluence-administrators\s*\(Group\)/);
    const change = frame.locator('table.changes tbody tr').filter({ hasText: 'Permission' });
    assert.deepEqual((await change.locator('td').allTextContents()).slice(0, 2), ['VIEWSPACE', 'SETSPACEPERMISSIONS']);
    // What only Data Center says, every field of the event, under Data Center's name (not "From the file").
    assert.equal(await frame.locator('#source-heading').textContent(), 'From Data Center');
    const source = await fields('Fields from Data Center');
    assert.equal(source.get('Author id'), DANA.key);
    assert.equal(source.get('Category'), 'Permissions');
    assert.equal(source.get('Action'), DANA_ACTION);
    assert.equal(source.get('Changed Permission'), 'VIEWSPACE → SETSPACEPERMISSIONS');
    assert.equal(source.get('Source IP'), DANA_IP);
    assert.equal(source.get('System'), demo.simulator.dataCenterUrl);
    assert.equal(source.get('Method'), 'Browser');
    assert.match(source.get('Object 1') ?? '', /Space: Engineering/);
    await screenshot(page, 'data-center-event');
  });

  it('exports the window as CSV and JSON Lines with manifests, holding every event of the window [command:confluenceAudit.exportCsv]', async () => {
    const { page } = browser;
    const before = exported();
    await contextMenu(page, /^Last 24 hours/, 'Export Audit Log as CSV');
    await notification(page, /Exported \d+ records? as CSV/);
    const added = exported().filter((f) => !before.includes(f));
    const csv = added.find((f) => f.endsWith('.csv'));
    const jsonl = added.find((f) => f.endsWith('.jsonl'));
    assert.ok(csv && jsonl, `a CSV and a JSON Lines file: ${added.join(', ')}`);
    assert.deepEqual(added.sort(), [csv, `${csv}.manifest.json`, jsonl, `${jsonl}.manifest.json`].sort(), 'both files and their manifests, nothing else');
    const read = (name: string): Buffer => readFileSync(path.join(exportsFolder(), name));
    const manifests: ExportManifest[] = [csv, jsonl].map((f) => parseManifest(read(`${f}.manifest.json`).toString('utf8')));
    for (const [i, name] of [csv, jsonl].entries()) {
      const m = manifests[i];
      assert.equal(m.file, name);
      assert.equal(m.query.source, 'events');
      assert.equal(m.site.url, demo.simulator.dataCenterUrl);
      assert.equal(m.sha256, createHash('sha256').update(read(name)).digest('hex'), `${name}: the manifest's SHA-256 is the file's`);
      assert.equal(m.bytes, read(name).length);
    }
    // The whole window, whatever the view's filter: the simulator's events of the manifest's range.
    const { start, end } = manifests[0].query;
    const want = demo.simulator.recordsInRange(start.epochMs, end.epochMs);
    assert.ok(want.length > 2, `the window holds events: ${want.length}`);
    assert.deepEqual(manifests.map((m) => m.recordCount), [want.length, want.length]);
    const rows = Papa.parse<string[]>(read(csv).toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n$/, ''), { newline: '\r\n' }).data;
    assert.equal(rows.length - 1, want.length, 'CSV rows');
    const lines = read(jsonl).toString('utf8').split('\n').filter((l) => l !== '');
    assert.equal(lines.length, want.length, 'JSON Lines');
    const events = lines.map((l) => JSON.parse(l) as { creationDate: number; summary: string });
    assert.deepEqual(events.map((e) => e.creationDate), want.map((r) => r.creationDate));
    assert.ok(events.some((e) => e.summary === ELI_ACTION) && events.some((e) => e.summary === DANA_ACTION), 'both authors\' events: the view\'s filter does not narrow the export');
  });

  it('offers no ZIP on the site\'s windows and buckets; asked for ZIP from the palette, says why and exports CSV instead [command:confluenceAudit.exportZip]', async () => {
    const { page } = browser;
    await openAuditView(page);
    for (const row of [/^Last 24 hours/, hourOf(danaTime)]) {
      const entries = await contextMenuEntries(page, row);
      assert.ok(entries.includes('Export Audit Log as CSV…') && entries.includes('Export Shown Records…'), `${String(row)}: ${entries.join(' | ')}`);
      assert.ok(!entries.some((e) => /as ZIP/.test(e)), `${String(row)} offers no ZIP: ${entries.join(' | ')}`);
    }
    await clearNotifications(page);
    const before = exported();
    await runCommand(page, 'Confluence Audit: Export Audit Log as ZIP');
    // Two sites: the Data Center one by its address (the Cloud site's is a prefix of it, not the reverse).
    await pick(page, demo.simulator.dataCenterUrl);
    // Said at once, before a window is asked for, with the way that works.
    const refused = await notification(page, /has no ZIP export: its windows are exported as CSV and JSON Lines written from its events/);
    await refused.getByRole('button', { name: 'Export as CSV…' }).click();
    // The CSV export of the same site: no site asked again, straight to the window.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Export Audit Log as CSV' }).first().waitFor({ timeout: 30_000 });
    await pick(page, /^Last hour/);
    await answer(page, '');
    await notification(page, /Exported \d+ records? as CSV/);
    const added = exported().filter((f) => !before.includes(f));
    assert.deepEqual(added.map((f) => f.replace(/^.*?(\.csv|\.jsonl)/, '$1')).sort(), ['.csv', '.csv.manifest.json', '.jsonl', '.jsonl.manifest.json'], added.join(', '));
    assert.ok(!added.some((f) => f.endsWith('.zip')));
    const csv = added.find((f) => f.endsWith('.csv'));
    assert.ok(csv);
    const manifest = parseManifest(readFileSync(path.join(exportsFolder(), `${csv}.manifest.json`), 'utf8'));
    assert.equal(manifest.query.source, 'events');
    assert.equal(manifest.recordCount, demo.simulator.recordsInRange(manifest.query.start.epochMs, manifest.query.end.epochMs).length);
  });
});
