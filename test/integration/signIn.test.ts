// Sign In… with a wrong token replacing a working one (issue 17, item 4): the attempt says it failed and leaves the site as
// it was; the old token keeps working and the tree keeps its windows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConfluenceAuditApi } from '../../src/extension';
import { startSimulator, type Simulator } from '../../simulator';
import { addSimulatorSite, childrenOf, getApi, removeAllSites } from './helpers';

describe('Sign In with a wrong token', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: ConfluenceAuditApi;

  before(async () => {
    sim = await startSimulator({ records: 200, periodDays: 2, seed: 5 });
    api = await getApi();
  });

  after(async () => {
    await removeAllSites(api);
    await sim?.stop();
  });

  it('leaves a working site working and says the token was not changed', async () => {
    const site = await addSimulatorSite(api, sim);
    assert.equal(await vscode.commands.executeCommand('confluenceAudit.testConnection', site.id), true);
    assert.equal(api.sessions.state(site.id).kind, 'ok');

    const signedIn = await vscode.commands.executeCommand<boolean>('confluenceAudit.signIn', site.id, { token: 'wrong-token' });
    assert.equal(signedIn, false);
    assert.equal(api.sessions.state(site.id).kind, 'ok', 'the site is not marked "token rejected"');
    assert.equal(await api.sessions.tokens.get(site.id), sim.admin.apiToken, 'the working token is kept');
    const roots = await childrenOf(api);
    assert.ok(roots.length > 0 && roots.every((n) => n.kind === 'window'), `the tree shows windows, not an error: ${roots.map((n) => n.kind).join(', ')}`);
  });
});
