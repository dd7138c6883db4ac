// What the extension declares about Restricted Mode and virtual workspaces, and the scopes that keep a
// workspace from choosing where the token goes (issue 10, "Also"). Read from package.json as VS Code reads it.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } | { properties: Record<string, { scope?: string }> }[] };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as Manifest;
const configurations = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
const properties = Object.assign({}, ...configurations.map((c) => c.properties)) as Record<string, { scope?: string }>;

describe('package.json: workspace trust, virtual workspaces and setting scopes', () => {
  it('declares Restricted Mode support explicitly, with a reason', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.ok(trust, 'capabilities.untrustedWorkspaces is declared');
    assert.ok((trust.description ?? '').length > 40, 'says what works and why');
    if (trust.supported === 'limited') {
      // Where a workspace value matters in Restricted Mode, it must be restricted.
      for (const key of Object.keys(properties).filter((k) => properties[k].scope === 'resource' || properties[k].scope === 'window' || properties[k].scope === undefined)) {
        assert.ok(trust.restrictedConfigurations?.includes(key), `${key} is restricted`);
      }
    } else {
      assert.equal(trust.supported, false);
    }
  });

  it('declares virtual workspace support explicitly, with a reason', () => {
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(virtual !== undefined, 'capabilities.virtualWorkspaces is declared');
    assert.ok(typeof virtual === 'object' && (virtual.description ?? '').length > 40);
  });

  it('no setting that decides where credentials go can be set by a workspace', () => {
    assert.equal(properties['confluenceAudit.sites'].scope, 'application');
    assert.equal(properties['confluenceAudit.network.caCertificates'].scope, 'machine');
    for (const [key, value] of Object.entries(properties)) {
      if (/url|site|proxy|ca|certificate|token/i.test(key.replace('confluenceAudit.', ''))) {
        assert.ok(value.scope === 'application' || value.scope === 'machine', `${key} is ${value.scope ?? 'window'} scoped`);
      }
    }
  });
});
