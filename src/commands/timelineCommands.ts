// Show Timeline: on a window node (context menu), or from the palette with a picker of every window of
// every source. The panel itself lives in webview/timelinePanel.ts.
import * as vscode from 'vscode';
import { zoneLabel, type ZoneSetting } from '../model/timeZone';
import type { AbsoluteSpec } from '../model/windowSpec';
import type { SourceLookup } from '../sources/directory';
import type { AuditSource } from '../sources/source';
import type { WindowNode } from '../tree/nodes';
import { windowLabel } from '../tree/rows';
import type { TreeState } from '../tree/treeState';
import type { WindowStore } from '../tree/windowStore';
import type { WebviewsApi } from '../webview';

export interface TimelineCommandDeps {
  sources: SourceLookup & { list(): AuditSource[] };
  tree: Pick<TreeState, 'windowsOf' | 'windowNode' | 'windowDefinition'>;
  webviews: Pick<WebviewsApi, 'showTimeline'>;
  zone: () => ZoneSetting;
}

function isWindowNode(value: unknown): value is WindowNode {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<WindowNode>;
  return v.kind === 'window' && typeof v.siteId === 'string' && typeof v.windowId === 'string';
}

async function pickWindow(deps: TimelineCommandDeps): Promise<WindowNode | undefined> {
  const zone = deps.zone();
  const items = deps.sources.list().flatMap((source) =>
    deps.tree.windowsOf(source.id).map((definition) => ({ label: windowLabel(definition, zone), description: source.label, siteId: source.id, windowId: definition.id })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No time window to show: add a site or open an export first.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Show Timeline', placeHolder: 'The timeline of which time window?', matchOnDescription: true });
  return picked && deps.tree.windowNode(picked.siteId, picked.windowId);
}

export async function showTimeline(deps: TimelineCommandDeps, arg?: unknown): Promise<void> {
  // A node from the menu is taken by its ids only, looked up again in the tree.
  const node = isWindowNode(arg) ? deps.tree.windowNode(arg.siteId, arg.windowId) : await pickWindow(deps);
  if (!node) return;
  const definition = deps.tree.windowDefinition(node.siteId, node.windowId);
  const source = deps.sources.get(node.siteId);
  if (!definition || !source) return;
  const zone = deps.zone();
  deps.webviews.showTimeline(node, { window: windowLabel(definition, zone), source: source.label, zone: zoneLabel(zone) });
}

/** Adds the range chosen in a timeline as a window of its source, and shows it in the tree. */
export async function addRangeWindow(
  deps: { windows: Pick<WindowStore, 'addCustom'>; tree: Pick<TreeState, 'refreshSource'>; zone: () => ZoneSetting; reveal(siteId: string, windowId: string): Promise<void> },
  sourceId: string,
  spec: AbsoluteSpec,
): Promise<string> {
  const definition = await deps.windows.addCustom(sourceId, spec);
  deps.tree.refreshSource(sourceId);
  await deps.reveal(sourceId, definition.id);
  return windowLabel(definition, deps.zone());
}
