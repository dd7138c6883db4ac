// The extension loads and activates in a real VS Code extension host.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

/** publisher.name from the repo's package.json (out/test/integration -> repo root). */
function extensionId(): string {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { publisher?: unknown; name?: unknown };
  assert.equal(typeof manifest.publisher, 'string');
  assert.equal(typeof manifest.name, 'string');
  return `${String(manifest.publisher)}.${String(manifest.name)}`;
}

describe('smoke: a real VS Code extension host', () => {
  it('is a VS Code with a version and reports where it runs', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.ok(Object.values(vscode.UIKind).includes(vscode.env.uiKind), `unknown uiKind ${vscode.env.uiKind}`);
    console.log(`    VS Code ${vscode.version}, uiKind ${vscode.UIKind[vscode.env.uiKind]}, remoteName ${vscode.env.remoteName ?? '(none: local window)'}, Node ${process.version}`);
  });

  it('has the extension under development and activates it', async () => {
    const id = extensionId();
    const extension = vscode.extensions.getExtension(id);
    assert.ok(extension, `${id} is not loaded; loaded: ${vscode.extensions.all.map((e) => e.id).filter((e) => !e.startsWith('vscode.')).join(', ')}`);
    assert.equal(extension.id.toLowerCase(), id.toLowerCase());
    await extension.activate();
    assert.equal(extension.isActive, true);
  });
});
