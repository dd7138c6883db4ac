// The export entries of the Audit Log view's context menus, judged as VS Code judges them: package.json's
// when-clauses evaluated against the context values the tree state gives window and bucket rows, for each
// way a source exports. A server's export (Cloud, a legacy Data Center site): CSV and ZIP. Events written by
// us (Data Center advanced auditing): CSV (with JSON Lines) only, never ZIP. No whole-window export (a
// snapshot, an organization): Export Shown Records only.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BucketNode, WindowNode } from '../../../src/tree/nodes';
import { FakeSource, treeOver } from '../tree/fakes';

interface MenuEntry {
  command: string;
  when?: string;
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
const VIEW = 'confluenceAudit.auditLog';

/**
 * A when-clause of the forms package.json uses on tree items: terms joined by &&, each `view == x`,
 * `viewItem == x` or `viewItem =~ /re/flags`. Anything else throws, so a clause this cannot read never
 * passes for true.
 */
function holds(when: string, context: { view: string; viewItem: string }): boolean {
  return when.split('&&').map((t) => t.trim()).every((term) => {
    const equal = /^(view|viewItem) == (\S+)$/.exec(term);
    if (equal) return context[equal[1] as 'view' | 'viewItem'] === equal[2];
    const match = /^viewItem =~ \/(.*)\/([a-z]*)$/.exec(term);
    if (match) return new RegExp(match[1], match[2]).test(context.viewItem);
    throw new Error(`a when-clause term this test cannot read: ${term}`);
  });
}

/** The titles of the export commands the row's context menu offers. */
function exportsOffered(viewItem: string): string[] {
  return manifest.contributes.menus['view/item/context']
    .filter((e) => /^confluenceAudit\.export/.test(e.command) && holds(e.when ?? 'true', { view: VIEW, viewItem }))
    .map((e) => e.command.replace('confluenceAudit.', ''))
    .sort();
}

async function rowsOf(source: FakeSource): Promise<string[]> {
  const { state, windows } = treeOver([source, new FakeSource('other')]);
  // A custom window with a search too: more words in its context value.
  const custom = await windows.addCustom(source.id, { kind: 'relative', amount: 2, unit: 'days' });
  await windows.setSearch(source.id, custom.id, 'group');
  const [row] = await state.children();
  const windowNodes = (await state.children(row)).filter((n): n is WindowNode => n.kind === 'window');
  assert.equal(windowNodes.length, 2);
  const out: string[] = [];
  for (const window of windowNodes) {
    out.push(state.rows.windowRow(window).contextValue);
    const [bucket] = (await state.children(window)).filter((n): n is BucketNode => n.kind === 'bucket');
    assert.ok(bucket, 'the window has buckets');
    out.push(state.rows.bucketRow(bucket).contextValue);
  }
  return out;
}

describe('package.json: the export entries of window and bucket menus', () => {
  it('reads every export entry\'s when-clause (none is passed over)', () => {
    const entries = manifest.contributes.menus['view/item/context'].filter((e) => /^confluenceAudit\.export/.test(e.command));
    assert.deepEqual(entries.map((e) => e.command).sort(), ['confluenceAudit.exportCsv', 'confluenceAudit.exportShownRecords', 'confluenceAudit.exportZip']);
    for (const e of entries) assert.doesNotThrow(() => holds(e.when ?? '', { view: VIEW, viewItem: 'window live' }));
  });

  it('a source with a server export: CSV, ZIP and shown records on its windows and buckets', async () => {
    const server = new FakeSource('site-1');
    for (const viewItem of await rowsOf(server)) assert.deepEqual(exportsOffered(viewItem), ['exportCsv', 'exportShownRecords', 'exportZip'], viewItem);
  });

  it('a source whose windows are written from its events (Data Center advanced auditing): CSV and shown records, never ZIP, on windows and buckets', async () => {
    const events = new FakeSource('dc-1');
    events.serverExport = undefined;
    events.eventExport = { formats: ['csv', 'jsonl'] };
    for (const viewItem of await rowsOf(events)) assert.deepEqual(exportsOffered(viewItem), ['exportCsv', 'exportShownRecords'], viewItem);
  });

  it('a source without whole-window export (a snapshot, an organization): shown records only', async () => {
    const none = new FakeSource('org-1');
    none.serverExport = undefined;
    for (const viewItem of await rowsOf(none)) assert.deepEqual(exportsOffered(viewItem), ['exportShownRecords'], viewItem);
  });
});
