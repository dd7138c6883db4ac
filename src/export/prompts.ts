// Palette prompts for an export: the time window (the tree's presets or a custom range) and an optional
// server-side search string. Tree items and automation pass these as arguments and skip the prompts.
import * as vscode from 'vscode';
import { describeWindow, PRESETS, resolveWindow, type TimeRange, type TimeWindowSpec, type WindowDefinition } from '../model/timeWindow';
import { askInstant, askRelative } from '../prompts/windowInput';
import { formatIso, type ZoneSetting } from '../model/timeZone';

type WindowChoice = vscode.QuickPickItem & { spec?: TimeWindowSpec; custom?: 'relative' | 'absolute' };

/** `own` are the site's custom windows ("Last 36 hours", "±15 minutes" ones), offered after the presets. */
export async function askForRange(title: string, zone: ZoneSetting, own: readonly WindowDefinition[] = [], now = Date.now()): Promise<TimeRange | undefined> {
  const describe = (spec: TimeWindowSpec): string => {
    const range = resolveWindow(spec, now, zone);
    return `${formatIso(range.start, zone)} → ${spec.kind === 'absolute' ? formatIso(range.end, zone) : 'now'}`;
  };
  const items: WindowChoice[] = [
    ...PRESETS.map((p): WindowChoice => {
      const spec: TimeWindowSpec = { kind: 'preset', id: p.id };
      return { label: p.label, description: describe(spec), spec };
    }),
    ...(own.length > 0 ? [{ label: 'Your time windows', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...own.map((w): WindowChoice => ({ label: w.label ?? describeWindow(w.spec, zone), description: describe(w.spec), spec: w.spec })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: 'Last N minutes, hours, days…', detail: 'e.g. 90m, 36h, 10d, 2w, 3mo, 1y', custom: 'relative' },
    { label: 'Custom range…', detail: `A start and an end date-time (${zone === 'utc' ? 'UTC' : 'local time'} unless you type an offset)`, custom: 'absolute' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which time window?', ignoreFocusOut: true });
  if (!choice) return undefined;
  if (choice.spec) return resolveWindow(choice.spec, Date.now(), zone);
  if (choice.custom === 'relative') {
    const relative = await askRelative(title);
    return relative ? resolveWindow(relative, Date.now(), zone) : undefined;
  }
  const start = await askInstant(title, 'start', zone);
  if (start === undefined) return undefined;
  const end = await askInstant(title, 'end', zone, start);
  return end === undefined ? undefined : { start, end };
}

/** Undefined when cancelled; '' for no search. */
export async function askForSearch(title: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: 'Optional: only records whose text matches this (applied by Confluence). Leave empty for all records.',
    ignoreFocusOut: true,
  });
}
