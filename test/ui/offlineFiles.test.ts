// Files admins hand to incident responders, opened from the palette in code-server: a Data Center CSV export
// and a Data Center audit log file (our own fixtures in the real shapes). The tree shows their records with
// the right count, and a real-shaped record's detail shows "Yes → No", not "hidden".
import * as assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPO_ROOT, startDemoEnvironment, type DemoEnvironment } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, waitForWorkbench, type LaunchedBrowser } from '../../scripts/vscode/codeServer';
import { auditView, expandUntilChildren, openAuditView, runCommand, screenshot, treeItem, visibleRows } from './workbench';
import { answerFileDialog, pick, pickRows } from './actions';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'real-shapes');

function auditRows(page: Page): Locator {
  return auditView(page).getByRole('treeitem');
}

function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

/** "Open Audit Export…" from the palette, answering VS Code's own file dialog with the file's path. */
async function openFromPalette(page: Page, file: string): Promise<void> {
  await runCommand(page, 'Confluence Audit: Open Audit Export');
  // VS Code's own file dialog (code-server has no native one): a quick input titled by our dialog.
  await answerFileDialog(page, file, /Open Audit Export/);
}

/** Rows under a snapshot's "Whole export" window: the bucket (level 3), then its records (level 4). */
async function recordsOf(page: Page, snapshot: RegExp): Promise<string[]> {
  await treeItem(page, snapshot).waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
    await screenshot(page, 'failure-open-export');
    throw new Error(`${String(error)}\nrows: ${(await visibleRows(page)).map((r) => `${r.level}:${r.label.split('\n')[0]}`).join(' | ')}`);
  });
  await page.locator('.part.sidebar').getByRole('button', { name: /Collapse All/ }).first().click();
  await expandUntilChildren(page, snapshot, 2);
  // The snapshot's own "Whole export": the row just below it.
  const rows = await visibleRows(page);
  const at = rows.findIndex((r) => snapshot.test(r.label));
  assert.equal(rows[at + 1]?.label.startsWith('Whole export'), true, rows.map((r) => r.label).join(' | '));
  await auditRows(page).nth(at + 1).click();
  await page.waitForFunction('document.querySelectorAll(\'.pane .monaco-list-row[aria-level="3"]\').length > 0');
  const bucket = (await visibleRows(page)).find((r) => r.level === 3);
  assert.ok(bucket, 'a bucket under the whole export');
  await expandUntilChildren(page, bucket.label.split(',')[0], 4);
  await page.waitForFunction('document.querySelectorAll(\'.pane .monaco-list-row[aria-level="4"]\').length > 0');
  return (await visibleRows(page)).filter((r) => r.level === 4).map((r) => r.label);
}

const UNKNOWN_ROWS = [
  '2026-11-20T10:00:00Z,Page deleted,Alice Example,10.0.0.1,first',
  '2026-11-20T09:30:00Z,Space permission added,Bob Example,10.0.0.2,second',
  '2026-11-20T09:00:00Z,User added to group,Carol Example,10.0.0.3,third',
];

describe('UI: opening Data Center files in code-server', function () {
  this.timeout(240_000);
  let demo: DemoEnvironment;
  let browser: LaunchedBrowser;

  before(async () => {
    demo = await startDemoEnvironment({ records: 1_000, userSettings: { 'confluenceAudit.timeZone': 'utc', 'confluenceAudit.bucketGranularity': 'hour' } });
    for (const name of ['dc-export.csv', 'dc-node1.audit.log']) copyFileSync(path.join(FIXTURES, name), path.join(demo.workspace, name));
    // A CSV whose columns no known layout names: the mapping step asks which column holds what.
    const header = 'col_when,col_what,col_who,col_from,col_extra';
    writeFileSync(path.join(demo.workspace, 'unknown-a.csv'), [header, ...UNKNOWN_ROWS].join('\r\n') + '\r\n');
    writeFileSync(path.join(demo.workspace, 'unknown-b.csv'), [header, UNKNOWN_ROWS[0]].join('\r\n') + '\r\n');
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: demo.codeServer.url, folder: demo.workspace, extensionDevelopmentPath: REPO_ROOT });
    await waitForWorkbench(browser.page);
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('opens a Data Center CSV export: 3 records, and "Active: Yes → No" shown as values, not hidden', async () => {
    const { page } = browser;
    await openAuditView(page);
    await openFromPalette(page, path.join(demo.workspace, 'dc-export.csv'));
    // The snapshot row reads out its tooltip: the record count, then the file.
    const records = await recordsOf(page, /^Offline snapshot of 3 records\s[\s\S]*dc-export\.csv/);
    assert.equal(records.length, 3, records.join(' | '));
    assert.ok(records.some((r) => r.startsWith('User details updated')), records.join(' | '));
    assert.ok((await visibleRows(page)).some((r) => r.level === 3 && /3 records/.test(r.label)), 'the bucket counts 3 records');

    await treeItem(page, /^User details updated/).click();
    const frame = webview(page);
    await frame.locator('h1').filter({ hasText: 'User details updated' }).waitFor({ timeout: 60_000 });
    const row = frame.locator('table.changes tbody tr').filter({ hasText: 'Active' });
    assert.deepEqual(await row.locator('td').allTextContents().then((cells) => cells.slice(0, 2)), ['Yes', 'No']);
    const text = (await frame.locator('#app').textContent()) ?? '';
    assert.doesNotMatch(text, /Hidden by Confluence/);
    assert.match(text, /Dana Whitfield/);
    assert.doesNotMatch(text, /Unknown user/);
  });

  it('opens a Data Center audit log file: 2 records, with the fields from the file', async () => {
    const { page } = browser;
    await openFromPalette(page, path.join(demo.workspace, 'dc-node1.audit.log'));
    const records = await recordsOf(page, /^Offline snapshot of 2 records\s[\s\S]*dc-node1\.audit\.log/);
    assert.equal(records.length, 2, records.join(' | '));
    assert.ok(records[0].startsWith('Global permission added'), records.join(' | '));
    await treeItem(page, /^Global permission added/).click();
    const frame = webview(page);
    await frame.locator('h1').filter({ hasText: 'Global permission added' }).waitFor({ timeout: 60_000 });
    const text = (await frame.locator('#app').textContent()) ?? '';
    assert.match(text, /USECONFLUENCE/);
    assert.match(text, /From the file/);
    assert.match(text, /Browser/);
    await screenshot(page, 'offline-dc-audit-log');
  });

  it('asks which column holds what for a CSV of unknown columns, shows its records, and remembers the choice for the same header', async () => {
    const { page } = browser;
    await openFromPalette(page, path.join(demo.workspace, 'unknown-a.csv'));
    const title = (role: string): RegExp => new RegExp(`unknown-a\\.csv: which column holds the ${role}`);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: title('time') }).waitFor({ timeout: 60_000 });
    assert.deepEqual((await pickRows(page)).map((r) => r.split('column')[0].trim()), ['col_when', 'col_what', 'col_who', 'col_from', 'col_extra']);
    await pick(page, 'col_when');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: title('event') }).waitFor({ timeout: 30_000 });
    await pick(page, 'col_what');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: title('author') }).waitFor({ timeout: 30_000 });
    await pick(page, 'col_who');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: title('address') }).waitFor({ timeout: 30_000 });
    await pick(page, 'col_from');
    const records = await recordsOf(page, /^Offline snapshot of 3 records\s[\s\S]*unknown-a\.csv/);
    assert.deepEqual(records.map((r) => r.split(/,| by /)[0]), ['Page deleted', 'Space permission added', 'User added to group'], records.join(' | '));
    await treeItem(page, /^Space permission added/).click();
    const frame = webview(page);
    await frame.locator('h1').filter({ hasText: 'Space permission added' }).waitFor({ timeout: 60_000 });
    const text = (await frame.locator('#app').textContent()) ?? '';
    assert.match(text, /Bob Example/);
    assert.match(text, /10\.0\.0\.2/);

    // The same header again: no question, the file opens with the remembered columns.
    await openFromPalette(page, path.join(demo.workspace, 'unknown-b.csv'));
    const again = await recordsOf(page, /^Offline snapshot of 1 record\s[\s\S]*unknown-b\.csv/);
    assert.equal(again.length, 1, again.join(' | '));
    assert.ok(again[0].startsWith('Page deleted'), again.join(' | '));
  });
});
