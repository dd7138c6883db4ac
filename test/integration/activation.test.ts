// Activation stays light: the network layer (dist/undici.js, about 300 KB with two WASM builds) is
// loaded by the first request, not by activation. Runs first (files run in name order), before any
// other suite has made a request in this extension host.
import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { startSimulator, type Simulator } from '../../simulator';
import { addSimulatorSite, EXTENSION_ID, getApi, removeAllSites } from './helpers';

function loaded(file: string): boolean {
  return Object.keys(require.cache).includes(file);
}

describe('activation: the network layer loads with the first request', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ records: 50, seed: 3 });
  });
  after(async () => {
    await removeAllSites(await getApi());
    await sim.stop();
  });

  it('activates without dist/undici.js and loads it when a site is added (its connection is tested)', async () => {
    const api = await getApi();
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
    assert.ok(root !== undefined);
    const bundle = path.join(root, 'dist', 'extension.js');
    const network = path.join(root, 'dist', 'undici.js');
    assert.ok(loaded(bundle), `the extension runs from ${bundle} in this process (so the check below means something)`);
    assert.equal(loaded(network), false, 'activation loaded the network layer');
    await addSimulatorSite(api, sim);
    assert.equal(loaded(network), true, 'the first request did not go through dist/undici.js');
  });
});
