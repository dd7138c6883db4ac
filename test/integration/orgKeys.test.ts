// Organization API keys inside a real extension host, like the site tokens: refused keys (401, 403) save
// nothing; an accepted key lives in SecretStorage only, never in settings, global state or logs, even
// after its events were read; removal deletes it. Also the organization's exports: shown events, and a
// whole window written from its events.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConfluenceAuditApi } from '../../src/extension';
import type { ExportResult } from '../../src/export';
import type { AuditNode, BucketNode, SiteNode, WindowNode } from '../../src/tree/nodes';
import { startSimulator, type Simulator } from '../../simulator';
import { childrenOf, getApi, labelOf, listFiles, removeAllSites, setUserSetting, waitFor } from './helpers';

type AddResult = { ok: true; org: { id: string; label: string } } | { ok: false; kind?: string; reason: string };

describe('Organization API keys', function () {
  this.timeout(180_000);
  let sim: Simulator;
  let api: ConfluenceAuditApi;

  before(async () => {
    sim = await startSimulator({ records: 2_000, periodDays: 30, seed: 7, org: true });
    api = await getApi();
    await removeAllSites(api);
    await setUserSetting('confluenceAudit.organizationApiUrl', sim.url);
    await setUserSetting('confluenceAudit.timeZone', 'utc');
  });

  after(async () => {
    for (const org of api.orgs.orgs()) await vscode.commands.executeCommand('confluenceAudit.removeOrganization', org.id, true);
    await setUserSetting('confluenceAudit.organizationApiUrl', undefined);
    await sim.stop();
  });

  it('refuses an expired key (401) and a key without Guard (403) with their own messages, and saves nothing', async () => {
    const org = sim.org;
    assert.ok(org);
    const expired = await vscode.commands.executeCommand<AddResult>('confluenceAudit.addOrganization', { key: org.expiredKey });
    assert.ok(expired && !expired.ok);
    assert.equal(expired.kind, 'unauthorized');
    assert.match(expired.reason, /rejected the API key \(401\)/);
    const unguarded = await vscode.commands.executeCommand<AddResult>('confluenceAudit.addOrganization', { key: org.nonGuardKey });
    assert.ok(unguarded && !unguarded.ok);
    assert.equal(unguarded.kind, 'forbidden');
    assert.match(unguarded.reason, /Atlassian Guard/);
    assert.equal(api.orgs.orgs().length, 0);
  });

  it('adds the organization, reads its events, and keeps the key out of settings, global state and logs', async () => {
    const org = sim.org;
    assert.ok(org);
    const added = await vscode.commands.executeCommand<AddResult>('confluenceAudit.addOrganization', { key: org.key, orgId: org.orgId, keyId: org.keyId });
    assert.ok(added?.ok, added && !added.ok ? added.reason : 'no result');
    assert.equal(await api.orgs.keys.get(added.org.id), org.key, 'the key is in Secret Storage');
    // The simulator lists this key as expiring in 25 days: the organization's row warns, by the date the API gave.
    const stored = api.orgs.orgs().find((o) => o.id === added.org.id);
    assert.equal(stored?.keyExpiresAt, org.apiKeys[0].expiresAt, 'the expiry the organization API lists for the key');
    assert.equal(stored?.keyLabel, org.apiKeys[0].label);
    const row = api.state.rows.sourceRow({ kind: 'site', id: `site:${added.org.id}`, siteId: added.org.id });
    assert.equal(row.description, `API key expires ${new Date(org.apiKeys[0].expiresAt).toISOString().slice(0, 10)}`);
    // Read a window, so the client, its limiter and the log have all seen the key.
    // A lone configured source lists its windows at the root; beside others it has a row of its own.
    const roots = await waitFor(() => childrenOf(api), (c) => c.some((n) => 'siteId' in n && n.siteId === added.org.id), 'the organization in the tree');
    const orgRoot = roots.find((n): n is SiteNode => n.kind === 'site' && n.siteId === added.org.id);
    if (orgRoot) assert.equal(await labelOf(api, orgRoot as AuditNode), org.orgName);
    const windows = orgRoot ? await childrenOf(api, orgRoot) : roots;
    const month = windows.find((w) => w.kind === 'window' && w.windowId === 'last-30-days');
    assert.ok(month, 'the organization offers the preset windows');
    const buckets = await childrenOf(api, month);
    const records = (await Promise.all(buckets.filter((b) => b.kind === 'bucket').slice(0, 3).map((b) => childrenOf(api, b)))).flat().filter((n) => n.kind === 'record');
    assert.ok(records.length > 0, 'events were read');

    const secrets = [org.key, org.expiredKey, org.nonGuardKey];
    const settings = JSON.stringify(vscode.workspace.getConfiguration('confluenceAudit').inspect('organizations'));
    assert.ok(settings.includes(org.orgId), 'the organization is in settings');
    for (const secret of secrets) assert.ok(!settings.includes(secret), 'settings hold no key');
    const userDir = path.resolve(api.storage.globalStorage, '..', '..');
    const logsDir = path.resolve(api.storage.logs, '..', '..');
    const files = [...listFiles(userDir), ...listFiles(logsDir)];
    assert.ok(files.some((f) => f.includes('Confluence Audit')), 'the output channel log file was searched');
    for (const file of files) {
      const content = readFileSync(file).toString('latin1');
      for (const secret of secrets) assert.ok(!content.includes(secret), `${file} holds no organization key`);
    }
  });

  it('exports an organization window\'s shown events as CSV and JSON Lines with the manifest, every field kept', async () => {
    const org = api.orgs.orgs()[0];
    assert.ok(org);
    const roots = await childrenOf(api);
    const orgRoot = roots.find((n): n is SiteNode => n.kind === 'site' && n.siteId === org.id);
    const windows = orgRoot ? await childrenOf(api, orgRoot) : roots;
    const month = windows.find((w): w is WindowNode => w.kind === 'window' && w.windowId === 'last-30-days');
    assert.ok(month);
    const bucket = (await childrenOf(api, month)).find((b): b is BucketNode => b.kind === 'bucket' && api.state.records.shownRecords(b).length > 0);
    assert.ok(bucket, 'a bucket with events');
    const shown = api.state.records.shownRecords(bucket);
    const result = await vscode.commands.executeCommand<ExportResult>('confluenceAudit.exportShownRecords', { node: bucket, reveal: false });
    assert.ok(result?.ok, result && !result.ok ? result.message : 'no result');
    const files = result.files ?? [];
    assert.deepEqual(files.map((f) => path.extname(vscode.Uri.parse(f.uri).fsPath)), ['.csv', '.jsonl']);
    const jsonl = readFileSync(vscode.Uri.parse(files[1].uri).fsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { sourceFields?: { name: string }[] });
    assert.deepEqual(jsonl, JSON.parse(JSON.stringify(shown)));
    assert.ok(jsonl.every((r) => r.sourceFields?.some((f) => f.name === 'Actor e-mail')), 'the organization\'s own fields are kept');
    // The files are this test's own: later suites count what is in the export folder.
    for (const f of files) for (const uri of [f.uri, f.manifestUri]) rmSync(vscode.Uri.parse(uri).fsPath, { force: true });
    for (const f of files) {
      assert.equal(f.manifest.recordCount, shown.length);
      assert.equal(f.manifest.site.label, org.label);
      assert.match(f.manifest.site.url, new RegExp(`/admin/v1/orgs/${org.orgId}$`));
    }
  });

  it('exports a whole organization window from its events: CSV with every field and JSON Lines, each with a manifest of its digest; no ZIP', async () => {
    const org = api.orgs.orgs()[0];
    assert.ok(org && sim.org);
    const end = Date.now();
    const start = end - 20 * 86_400_000;
    const result = await vscode.commands.executeCommand<ExportResult>('confluenceAudit.exportCsv', { siteId: org.id, start, end, reveal: false });
    assert.ok(result?.ok, result && !result.ok ? result.message : 'no result');
    const files = result.files ?? [];
    assert.deepEqual(files.map((f) => path.extname(vscode.Uri.parse(f.uri).fsPath)), ['.csv', '.jsonl']);
    const expected = sim.org.eventsInRange(start, end).length;
    assert.ok(expected > 0);
    try {
      for (const f of files) {
        const bytes = readFileSync(vscode.Uri.parse(f.uri).fsPath);
        assert.equal(f.manifest.sha256, createHash('sha256').update(bytes).digest('hex'));
        assert.equal(f.manifest.recordCount, expected, 'every event of the window, not only those shown');
        assert.equal(f.manifest.query.source, 'events');
        assert.equal(f.manifest.site.label, org.label);
        assert.match(f.manifest.site.url, new RegExp(`/admin/v1/orgs/${org.orgId}$`));
        assert.deepEqual(JSON.parse(readFileSync(vscode.Uri.parse(f.manifestUri).fsPath, 'utf8')), JSON.parse(JSON.stringify(f.manifest)));
      }
      const header = readFileSync(vscode.Uri.parse(files[0].uri).fsPath, 'utf8').split('\r\n')[0];
      for (const column of ['Actor e-mail', 'Auth type', 'Token label', 'Context', 'Container', 'Geo', 'Message']) assert.ok(header.includes(`"${column}"`), `a column ${column}`);
    } finally {
      for (const f of files) for (const uri of [f.uri, f.manifestUri]) rmSync(vscode.Uri.parse(uri).fsPath, { force: true });
    }
    const zip = await vscode.commands.executeCommand<ExportResult>('confluenceAudit.exportZip', { siteId: org.id, start, end, reveal: false });
    assert.ok(zip && !zip.ok);
    assert.equal(zip.kind, 'refused');
    assert.match(zip.message, /no ZIP export/);
  });

  it('Remove Organization deletes the key from Secret Storage', async () => {
    const [org] = api.orgs.orgs();
    assert.ok(org);
    await vscode.commands.executeCommand('confluenceAudit.removeOrganization', org.id, true);
    assert.equal(await api.orgs.keys.get(org.id), undefined);
    assert.equal(api.orgs.orgs().length, 0);
  });
});
