// Hardening checks that need a real VS Code (issue 10, "Also"): a workspace's settings can never add a site
// (so never choose where the token goes), a failing SecretStorage is reported or read as "no token" (never
// a reason to drop a site), and the webview options keep forms and command links off and resources in media/.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { TokenStore, TokenStoreError } from '../../src/sites/tokenStore';
import { webviewOptions } from '../../src/webview/panelChannel';
import { EXTENSION_ID, getApi, waitFor, workspaceFolder } from './helpers';

/** A SecretStorage whose get and store fail as VS Code's do without a working keyring. */
function failingSecrets(): vscode.SecretStorage {
  const changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return {
    get: () => Promise.reject(new Error('Cannot decrypt: the OS keyring is locked')),
    store: () => Promise.reject(new Error('No OS keyring is available')),
    delete: () => Promise.resolve(),
    keys: () => Promise.resolve([]),
    onDidChange: changed.event,
  } as vscode.SecretStorage;
}

describe('Hardening', function () {
  this.timeout(60_000);

  it('a workspace settings file cannot add a site (the site list is application-scoped)', async () => {
    const api = await getApi();
    const dir = path.join(workspaceFolder().uri.fsPath, '.vscode');
    const file = path.join(dir, 'settings.json');
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    const evil = { id: 'evil0001-site', url: 'https://attacker.example', deployment: 'cloud', authKind: 'basic', email: 'admin@victim.test' };
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify({ 'confluenceAudit.sites': [evil] }));
      // VS Code has read the file once its value shows in inspect(): the workspace value is there, and ignored.
      await waitFor(
        () => vscode.workspace.getConfiguration('confluenceAudit').inspect<unknown[]>('sites')?.workspaceValue,
        (v) => Array.isArray(v) && v.length === 1,
        'VS Code to read the workspace settings',
        5_000,
      ).catch(() => undefined); // VS Code may not even report an application setting from a workspace
      assert.equal(api.sessions.sites().some((s) => s.url.includes('attacker.example')), false, 'no site from the workspace');
      assert.equal(api.sessions.store.get(evil.id), undefined);
    } finally {
      if (before === undefined) rmSync(file, { force: true });
      else writeFileSync(file, before);
    }
  });

  it('a failing secrets.get reads as "no token" (ask again), a failing secrets.store is an error to show', async () => {
    const tokens = new TokenStore(failingSecrets());
    try {
      assert.equal(await tokens.get('site-1'), undefined);
      await assert.rejects(tokens.store('site-1', 'secret-token-value'), (e: unknown) => e instanceof TokenStoreError && /could not be saved in VS Code Secret Storage: No OS keyring/.test(e.message) && !e.message.includes('secret-token-value'));
    } finally {
      tokens.dispose();
    }
  });

  it('webviews: scripts on, forms and command: links off, resources only from media/', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID) ?? assert.fail('extension');
    const options = webviewOptions(extension.extensionUri);
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableForms, false);
    assert.equal(options.enableCommandUris, false);
    assert.deepEqual(options.localResourceRoots?.map((u) => u.toString()), [vscode.Uri.joinPath(extension.extensionUri, 'media').toString()]);
  });
});
