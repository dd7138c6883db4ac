// `vsce package` produces a .vsix that ships only what runs, and that .vsix works when installed into a
// real VS Code (code-server), outside development mode.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { REPO_ROOT } from '../../scripts/demoEnvironment';
import { launchBrowser, openWorkbench, startCodeServer, waitForWorkbench, type LaunchedBrowser, type RunningCodeServer } from '../../scripts/vscode/codeServer';
import { openAuditView, screenshot } from './workbench';

const SHIPPED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(extension|undici)\.js$/,
  /^extension\/media\/dist\/[a-z-]+\.js$/,
  /^extension\/media\/[a-z-]+\.css$/,
  /^extension\/media\/icons\/[a-z-]+\.svg$/,
  /^extension\/media\/icon\.png$/,
  // The walkthrough's pages and the sample audit log that "Open Sample Audit Log" opens (issue 16).
  /^extension\/media\/walkthrough\/[a-zA-Z]+\.md$/,
  /^extension\/sample\/confluence-audit-sample\.csv$/,
];

describe('Packaging: the .vsix', function () {
  this.timeout(240_000);
  let dir: string;
  let vsix: string;
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'confluence-audit-vsix-'));
    vsix = path.join(dir, 'confluence-audit.vsix');
    // vsce runs `vscode:prepublish` (the minified production build) before packing.
    execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      timeout: 180_000,
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    // Leave a development build behind, as the rest of the suite expects.
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'pipe' });
  });

  it('holds only the bundle, the webview assets and the docs: no sources, tests, maps or node_modules', () => {
    const names = Object.keys(unzipSync(readFileSync(vsix)));
    const unexpected = names.filter((name) => !SHIPPED.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
    for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/undici.js', 'extension/media/dist/detail.js', 'extension/media/icons/audit.svg', 'extension/media/icon.png', 'extension/sample/confluence-audit-sample.csv', 'extension/media/walkthrough/sample.md']) {
      assert.ok(names.includes(required), `${required} is shipped`);
    }
    const bundle = unzipSync(readFileSync(vsix), { filter: (f) => f.name === 'extension/dist/extension.js' })['extension/dist/extension.js'];
    assert.ok(!Buffer.from(bundle).toString('utf8').includes('sourceMappingURL'), 'the production bundle has no source map');
  });

  it('installs into code-server and its view opens outside development mode', async () => {
    const workspace = path.join(dir, 'workspace');
    mkdirSync(workspace);
    server = await startCodeServer({ version: '4.100.3', workspaceFolder: workspace, installExtensions: [vsix] });
    browser = await launchBrowser();
    await openWorkbench(browser.page, { url: server.url, folder: workspace });
    await waitForWorkbench(browser.page);
    await openAuditView(browser.page);
    // The welcome content appears once the installed extension has activated and set its context keys.
    await browser.page.getByText('No Confluence site is configured yet').first().waitFor({ timeout: 60_000 });
    await screenshot(browser.page, 'welcome');

    // With no site yet, the palette offers what a first run can do and hides what needs a site.
    const page = browser.page;
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Confluence Audit:');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const offered = await rows.allTextContents();
    await page.keyboard.press('Escape');
    for (const title of ['Add Site…', 'Open Audit Export…', 'Open Sample Audit Log', 'Show Log']) {
      assert.ok(offered.some((o) => o.includes(title)), `the palette offers ${title}: ${offered.join(' | ')}`);
    }
    for (const title of ['Export Audit Log as CSV…', 'Sign Out', 'Edit Audit Retention…', 'Test Connection', 'Filter Records…']) {
      assert.ok(!offered.some((o) => o.includes(title)), `the palette hides ${title} until a site exists: ${offered.join(' | ')}`);
    }
  });
});
