// The case file and the evidence bundle (issue 15 §3, §4) as a user works with them in code-server: two
// records selected with Ctrl-click go into a new case with tags and a note, a third from the detail panel;
// the Case view lists them in time order with their notes, edits in place, opens a stored copy with the site
// signed out, and removes one; the case file in the workspace parses; Export Case as Evidence Bundle… writes a
// ZIP that Verify Export… finds intact, and names the file after one byte of it changed. Also takes the
// README's picture of the Case view.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { parseCase } from '../../src/cases/parseCase';
import { answer, answerFileDialog, clearNotifications, contextMenu, dialog, notification, pick } from './actions';
import { auditView, caseView, expandBucket, expandUntilChildren, openAuditView, runCommand, screenshot, treeItem, widenSidebar } from './workbench';

const HOUR = 3_600_000;

function caseHeader(page: Page): Locator {
  return page.locator('.pane-header').filter({ has: page.locator('.title', { hasText: /^Case$/ }) }).first();
}

function auditHeader(page: Page): Locator {
  return page.locator('.pane-header', { hasText: /Audit Log/i }).first();
}

/** Opens or closes a pane of the side bar by its header. */
async function setPane(header: Locator, expanded: boolean): Promise<void> {
  for (let attempt = 0; attempt < 5 && (await header.getAttribute('aria-expanded')) !== String(expanded); attempt++) {
    // On the twisty: in a narrow side bar the view's actions sit in the middle of its header.
    await header.click({ position: { x: 10, y: 10 } });
    await header.page().waitForTimeout(300);
  }
  assert.equal(await header.getAttribute('aria-expanded'), String(expanded), 'the pane opened or closed');
}

/** The Case view with the side bar's whole height (its list shows only the rows that fit). */
async function showCasePane(page: Page): Promise<void> {
  await setPane(caseHeader(page), true);
  await setPane(auditHeader(page), false);
}

async function showAuditPane(page: Page): Promise<void> {
  await setPane(auditHeader(page), true);
}

function caseRow(page: Page, name: string | RegExp): Locator {
  return caseView(page).getByRole('treeitem', { name }).first();
}

/** The labels of the Case view's rows, top to bottom. */
async function caseRows(page: Page): Promise<string[]> {
  return caseView(page)
    .getByRole('treeitem')
    .evaluateAll((rows: { getAttribute(name: string): string | null }[]) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
}

async function caseRowShows(page: Page, name: string | RegExp): Promise<void> {
  await caseRow(page, name).waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\ncase rows: ${(await caseRows(page)).join(' | ')}`);
  });
}

/** Right-clicks a row of the Case view and runs the context-menu entry named `action`. */
async function caseContextMenu(page: Page, row: string | RegExp, action: string | RegExp): Promise<void> {
  await contextMenu(page, caseRow(page, row), action);
}

function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/** The hour bucket of "Last hour" that holds `at` (UTC, as the tree labels it). */
function hourBucket(at: number): string {
  return `${new Date(at).toISOString().slice(0, 13).replace('T', ' ')}:00`;
}

describe('UI: a case file and its evidence bundle (code-server 4.100.3)', function () {
  this.timeout(240_000);
  let demo: DemoEnvironment;
  let browser: LaunchedBrowser;
  const times: number[] = [];
  const caseFile = (): string => path.join(demo.workspace, 'audit-cases', 'incident-42.case.json');
  const exports = (): string[] => {
    const folder = path.join(demo.workspace, 'audit-exports');
    return existsSync(folder) ? readdirSync(folder).sort() : [];
  };

  before(async () => {
    demo = await startDemoEnvironment({
      records: 5_000,
      periodDays: 30,
      userSettings: { 'confluenceAudit.timeZone': 'utc', 'confluenceAudit.pageSize': 100, 'workbench.colorTheme': 'Default Dark Modern' },
    });
    const now = Date.now();
    times.push(now - 150_000, now - 100_000, now - 50_000);
    // Made to read like the start of an incident (they also make the README's picture); no simulated
    // record has these summaries.
    const mallory = { type: 'user' as const, displayName: 'Mallory Evans', username: 'mevans' };
    demo.simulator.insert([
      { summary: 'Space export started', description: 'Exported the space as XML', category: 'Spaces', author: mallory, remoteAddress: '198.51.100.7', creationDate: times[0], affectedObject: { name: 'Finance', objectType: 'Space' } },
      { summary: 'Global permission granted', category: 'Permissions', author: mallory, remoteAddress: '198.51.100.7', creationDate: times[1], affectedObject: { name: 'mevans', objectType: 'User' }, changedValues: [{ name: 'Permission', oldValue: '', newValue: 'Confluence Administrator' }] },
      { summary: 'API token created', category: 'Security', author: mallory, remoteAddress: '198.51.100.9', creationDate: times[2], affectedObject: { name: 'mevans', objectType: 'User' } },
    ]);
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
    await openAuditView(browser.page);
    await treeItem(browser.page, /^Last hour/).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  beforeEach(async () => {
    if (!(await auditView(browser.page).first().isVisible())) await openAuditView(browser.page);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshot(browser.page, `failure-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    await browser.page.keyboard.press('Escape');
    await clearNotifications(browser.page);
  });

  it('Add to Case… puts two records selected with Ctrl-click into a new case with tags and a note; the Case view lists them in time order [command:confluenceAudit.addToCase]', async () => {
    const { page } = browser;
    await expandUntilChildren(page, /^Last hour/, 2);
    for (const bucket of new Set(times.map((t) => hourBucket(Math.floor(t / HOUR) * HOUR)))) await expandBucket(page, bucket, 3);
    await treeItem(page, /^Space export started/).click();
    // The click opens the record's detail; once its page has loaded it no longer takes the focus (and with it
    // a context menu) away from the tree.
    await webviewFrame(page).locator('h1', { hasText: 'Space export started' }).waitFor({ timeout: 60_000 });
    await treeItem(page, /^Global permission granted/).click({ modifiers: ['Control'] });
    for (const name of [/^Space export started/, /^Global permission granted/]) {
      await auditView(page).locator('.monaco-list-row[aria-selected="true"]', { hasText: name }).first().waitFor({ timeout: 10_000 });
    }
    await contextMenu(page, /^Global permission granted/, 'Add to Case');
    // No case yet: the first question is the new case's name.
    await answer(page, 'incident-42', /Add 2 records to which case/);
    await answer(page, 'exfil, ui-test', /Tags for 2 records in "incident-42"/);
    await answer(page, 'UI marker note: seen by the SOC', /Note for 2 records in "incident-42"/);
    const toast = await notification(page, /Added 2 records to the case "incident-42" \(audit-cases\/incident-42\.case\.json\)/);
    await toast.getByRole('button', { name: 'Show Case' }).click();
    // Show Case opens the Case view (the focus command runs after the click, so wait for it).
    await page.locator('.pane-header[aria-expanded="true"]').filter({ has: page.locator('.title', { hasText: /^Case$/ }) }).first().waitFor({ timeout: 10_000 });

    await showCasePane(page);
    await caseRowShows(page, /^Note: UI marker note: seen by the SOC/);
    const rows = await caseRows(page);
    const first = rows.findIndex((r) => r.startsWith('Space export started'));
    const second = rows.findIndex((r) => r.startsWith('Global permission granted'));
    assert.ok(first >= 0 && second > first, `both, oldest first: ${rows.join(' | ')}`);
    assert.match(rows[first], /tags exfil, ui-test; note: UI marker note: seen by the SOC$/, 'a record row names its tags and note');
    assert.deepEqual(rows.slice(first + 1, first + 3), ['Tags: exfil, ui-test. Select to edit.', 'Note: UI marker note: seen by the SOC. Select to edit.']);

    const text = readFileSync(caseFile(), 'utf8');
    const parsed = parseCase(text);
    assert.deepEqual(parsed.records.map((r) => r.record.summary), ['Space export started', 'Global permission granted']);
    assert.deepEqual(parsed.records.map((r) => [r.tags, r.note]), [[['exfil', 'ui-test'], 'UI marker note: seen by the SOC'], [['exfil', 'ui-test'], 'UI marker note: seen by the SOC']]);
    assert.equal(parsed.sources.length, 1);
    assert.equal(new URL(parsed.sources[0].url).origin, new URL(demo.simulator.url).origin, 'the site by its URL');
    assert.doesNotMatch(text, new RegExp(`${demo.simulator.admin.apiToken}|${demo.simulator.admin.email}`), 'no credential in the case file');
    assert.deepEqual(parsed.queries.map((q) => q.window.label), ['Last hour'], 'the window the records were added from');
    assert.ok(parsed.records.every((r) => r.fetchedAt <= r.addedAt && r.query === parsed.queries[0].id));

    // The README's picture: the case, and the copy it holds of the first record opened from it.
    await widenSidebar(page, 640);
    await caseRow(page, /^Space export started/).click();
    await webviewFrame(page).locator('.subtitle', { hasText: 'from the case "incident-42"' }).waitFor({ timeout: 30_000 });
    await page.mouse.move(1200, 880);
    await screenshot(page, 'case');
  });

  it('Add to Case… in the detail panel adds the record it shows [button:detail/Add to Case…]', async () => {
    const { page } = browser;
    await showAuditPane(page);
    await treeItem(page, /^API token created/).click();
    const frame = webviewFrame(page);
    await frame.locator('h1', { hasText: 'API token created' }).waitFor({ timeout: 60_000 });
    await frame.getByRole('button', { name: /^Add this record to a case/ }).click();
    await pick(page, /^incident-42/);
    await answer(page, '', /Tags for the record in "incident-42"/);
    await answer(page, 'from the detail panel', /Note for the record in "incident-42"/);
    await frame.locator('#status', { hasText: 'Added 1 record to the case "incident-42"' }).waitFor({ timeout: 30_000 });
    await showCasePane(page);
    await caseRowShows(page, /^API token created/);
    await caseRowShows(page, /^Note: from the detail panel/);
    assert.equal(parseCase(readFileSync(caseFile(), 'utf8')).records.length, 3);
    await page.keyboard.press('Control+W');
  });

  it('Edit Note… and Edit Tags… change a record of the case in place [command:confluenceAudit.editCaseNote] [command:confluenceAudit.editCaseTags]', async () => {
    const { page } = browser;
    await showCasePane(page);
    await caseContextMenu(page, /^API token created/, 'Edit Note');
    await answer(page, 'edited in place', /Note in "incident-42"/);
    await caseRowShows(page, /^Note: edited in place/);
    await caseContextMenu(page, /^API token created/, 'Edit Tags');
    await answer(page, 'confirmed, admin', /Tags in "incident-42"/);
    await caseRowShows(page, /^Tags: confirmed, admin/);
    const third = parseCase(readFileSync(caseFile(), 'utf8')).records.find((r) => r.record.summary === 'API token created');
    assert.deepEqual([third?.note, third?.tags], ['edited in place', ['confirmed', 'admin']]);
  });

  it('Open Case Record shows the stored copy, with the site signed out [command:confluenceAudit.openCaseRecord]', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Sign Out');
    await dialog(page, /Sign out of/, 'Sign Out');
    await notification(page, /Signed out of/);
    await showCasePane(page);
    await caseRow(page, /^Space export started/).click();
    await webviewFrame(page).locator('h1', { hasText: 'Space export started' }).waitFor({ timeout: 60_000 });
    await webviewFrame(page).locator('.subtitle', { hasText: 'from the case "incident-42"' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+W');
  });

  it('Remove from Case takes a record out of the case [command:confluenceAudit.removeFromCase]', async () => {
    const { page } = browser;
    await showCasePane(page);
    await caseContextMenu(page, /^API token created/, 'Remove from Case');
    await caseRow(page, /^API token created/).waitFor({ state: 'detached', timeout: 30_000 });
    assert.deepEqual(parseCase(readFileSync(caseFile(), 'utf8')).records.map((r) => r.record.summary), ['Space export started', 'Global permission granted']);
  });

  it('Export Case as Evidence Bundle… writes a ZIP; Verify Export… finds it intact, and names the file after one byte of it changed [command:confluenceAudit.exportCaseBundle] [command:confluenceAudit.verifyExport]', async () => {
    const { page } = browser;
    await runCommand(page, 'Confluence Audit: Export Case as Evidence Bundle');
    await notification(page, /Exported the case "incident-42" as an evidence bundle: audit-exports\/confluence-audit_case_incident-42_\d{8}T\d{6}Z\.zip \(7 files/);
    const zipName = exports().find((f) => f.endsWith('.zip'));
    assert.ok(zipName, `a ZIP in audit-exports/: ${exports().join(', ')}`);
    assert.ok(!exports().some((f) => f.endsWith('.manifest.json')), 'the bundle holds its manifest; none is written beside it');
    const zipPath = path.join(demo.workspace, 'audit-exports', zipName);
    const files = unzipSync(readFileSync(zipPath));
    assert.deepEqual(Object.keys(files).sort(), ['incident-42.case.json', 'manifest.json', 'notes.csv', 'queries.json', 'records.csv', 'records.jsonl', 'report.md']);
    assert.match(Buffer.from(files['report.md']).toString('utf8'), /## Timeline\n\n- .*` Space export started `.*\n- .*` Global permission granted `/);

    await clearNotifications(page);
    await runCommand(page, 'Confluence Audit: Verify Export');
    await answerFileDialog(page, zipPath, /Verify Export/);
    await notification(page, new RegExp(`${zipName.replace(/[.]/g, '\\.')} is intact: the evidence bundle of Case "incident-42", 7 files`));

    // One byte of notes.csv changes (the ZIP is written again around it, as an editor or a script would).
    const changed: Zippable = {};
    for (const [name, bytes] of Object.entries(files)) changed[name] = name === 'notes.csv' ? Uint8Array.from(bytes, (b, i) => (i === bytes.length - 3 ? b ^ 0x01 : b)) : bytes;
    writeFileSync(zipPath, zipSync(changed));
    await clearNotifications(page);
    await runCommand(page, 'Confluence Audit: Verify Export');
    await answerFileDialog(page, zipPath, /Verify Export/);
    const verdict = await notification(page, /is NOT intact: notes\.csv changed/);
    assert.doesNotMatch((await verdict.textContent()) ?? '', /records\.csv|report\.md|manifest\.json/, 'only the changed file is named');
  });

  it('Switch Case… starts a second case and goes back; Open Case File opens the case\'s JSON [command:confluenceAudit.switchCase] [command:confluenceAudit.openCaseFile]', async () => {
    const { page } = browser;
    await showCasePane(page);
    await runCommand(page, 'Confluence Audit: Switch Case');
    await pick(page, 'New Case…');
    await answer(page, 'second-case', /Show which case/);
    await caseRowShows(page, /The case "second-case" holds no records yet/);
    assert.ok(existsSync(path.join(demo.workspace, 'audit-cases', 'second-case.case.json')));
    await runCommand(page, 'Confluence Audit: Switch Case');
    await pick(page, /^incident-42/);
    await caseRowShows(page, /^Space export started/);
    await runCommand(page, 'Confluence Audit: Open Case File');
    await page.locator('.tabs-container .tab', { hasText: 'incident-42.case.json' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-lines', { hasText: '"kind": "confluence-audit-case"' }).first().waitFor({ timeout: 30_000 });
  });
});
