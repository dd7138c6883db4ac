// Custom time windows and per-window server-side search.
import * as vscode from 'vscode';
import { describeWindow, validateWindowSpec, type TimeWindowSpec } from '../model/timeWindow';
import { isValidTimeZone, type ZoneSetting } from '../model/timeZone';
import type { SiteSessions } from '../sites/siteSessions';
import type { SourceLookup } from '../sources/directory';
import type { WindowNode } from '../tree/nodes';
import type { TreeState } from '../tree/treeState';
import type { WindowStore } from '../tree/windowStore';
import { pickSite, siteIdFromArg } from '../prompts/pickSite';
import { askInstant, askRelative } from '../prompts/windowInput';

export interface WindowCommandDeps {
  sessions: SiteSessions;
  sources: SourceLookup;
  windows: WindowStore;
  tree: Pick<TreeState, 'refreshSource' | 'refreshNode' | 'windowDefinition'>;
  zone: () => ZoneSetting;
}

function isWindowSpec(value: unknown): value is TimeWindowSpec {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'relative' || kind === 'absolute';
}

/** Returns the new window's id, or undefined when cancelled or refused (the reason is shown). */
export async function addTimeWindow(deps: WindowCommandDeps, arg?: unknown, specArg?: unknown): Promise<string | undefined> {
  const explicit = siteIdFromArg(arg);
  // Any source named takes custom windows, a snapshot too (the detail view's "15 minutes around"); without
  // one named, the user picks a site.
  const siteId = explicit ? deps.sources.get(explicit)?.id : (await pickSite(deps.sessions, arg, 'Add a time window to which site?'))?.id;
  if (!siteId) return undefined;
  const spec = isWindowSpec(specArg) ? specArg : await askForWindow(deps.zone());
  if (!spec) return undefined;
  const verdict = validateWindowSpec(spec, Date.now());
  if (!verdict.ok) {
    void vscode.window.showErrorMessage(`That time window was refused: ${verdict.reason}`);
    return undefined;
  }
  const definition = await deps.windows.addCustom(siteId, spec);
  deps.tree.refreshSource(siteId);
  return definition.id;
}

async function askForWindow(zone: ZoneSetting): Promise<TimeWindowSpec | undefined> {
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Last N minutes, hours, days, weeks, months or years', detail: 'A rolling window ending now, e.g. 90m, 36h, 10d, 2w, 3mo, 1y', value: 'relative' as const },
      { label: 'Absolute range', detail: 'A start and an end date-time in a time zone', value: 'absolute' as const },
    ],
    { title: 'Add Time Window', ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  if (kind.value === 'relative') return askRelative('Add Time Window: how far back');
  const zoneText = await vscode.window.showInputBox({
    title: 'Add Time Window: time zone',
    prompt: 'UTC, local, or an IANA zone such as Europe/Berlin. An explicit offset typed in a date wins.',
    value: zone === 'utc' ? 'UTC' : 'local',
    ignoreFocusOut: true,
    validateInput: (value) => (toZone(value) ? undefined : 'Unknown time zone'),
  });
  const chosenZone = zoneText === undefined ? undefined : toZone(zoneText);
  if (!chosenZone) return undefined;
  const start = await askInstant('Add Time Window', 'start', chosenZone);
  if (start === undefined) return undefined;
  const end = await askInstant('Add Time Window', 'end', chosenZone, start);
  if (end === undefined) return undefined;
  return { kind: 'absolute', start, end, zone: chosenZone };
}

function toZone(text: string): ZoneSetting | undefined {
  const value = text.trim();
  if (/^local$/i.test(value)) return 'local';
  if (/^(utc|z|gmt)$/i.test(value)) return 'utc';
  return isValidTimeZone(value) ? value : undefined;
}

export async function removeTimeWindow(deps: WindowCommandDeps, node?: WindowNode): Promise<void> {
  if (!node || node.kind !== 'window' || !deps.windows.isCustom(node.windowId)) return;
  await deps.windows.removeCustom(node.siteId, node.windowId);
  deps.tree.refreshSource(node.siteId);
}

export async function setSearch(deps: WindowCommandDeps, node?: WindowNode, searchArg?: unknown): Promise<void> {
  if (!node || node.kind !== 'window') return;
  const definition = deps.tree.windowDefinition(node.siteId, node.windowId);
  if (!definition) return;
  const source = deps.sources.get(node.siteId);
  if (source && !source.capabilities.search) {
    void vscode.window.showInformationMessage(`${source.label} cannot be searched: filter the loaded records instead.`);
    return;
  }
  const search =
    typeof searchArg === 'string'
      ? searchArg
      : await vscode.window.showInputBox({
          title: `Search in ${definition.label ?? describeWindow(definition.spec, deps.zone())}`,
          prompt: 'Confluence filters records whose text fields match. Leave empty to clear.',
          value: definition.searchString,
          ignoreFocusOut: true,
        });
  if (search === undefined) return;
  await deps.windows.setSearch(node.siteId, node.windowId, search);
  deps.tree.refreshNode(node);
}

export async function clearSearch(deps: WindowCommandDeps, node?: WindowNode): Promise<void> {
  if (!node || node.kind !== 'window') return;
  await deps.windows.setSearch(node.siteId, node.windowId, undefined);
  deps.tree.refreshNode(node);
}
