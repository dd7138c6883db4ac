// Palette prompts for an export: the time window (the tree's presets or a custom range) and an optional
// server-side search string. Tree items and automation pass these as arguments and skip the prompts.
import * as vscode from 'vscode';
import { PRESETS, resolveWindow, type TimeRange, type TimeWindowSpec } from '../model/timeWindow';
import { parseDateTimeInput, parseRelativeInput } from '../model/timeInput';
import { validateWindowSpec } from '../model/windowValidation';
import { formatIso, type ZoneSetting } from '../model/timeZone';

type WindowChoice = vscode.QuickPickItem & { spec?: TimeWindowSpec; custom?: 'relative' | 'absolute' };

export async function askForRange(title: string, zone: ZoneSetting, now = Date.now()): Promise<TimeRange | undefined> {
  const items: WindowChoice[] = [
    ...PRESETS.map((p): WindowChoice => {
      const spec: TimeWindowSpec = { kind: 'preset', id: p.id };
      const range = resolveWindow(spec, now, zone);
      return { label: p.label, description: `${formatIso(range.start, zone)} → now`, spec };
    }),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: 'Last N minutes, hours, days…', detail: 'e.g. 90m, 36h, 10d, 2w, 3mo, 1y', custom: 'relative' },
    { label: 'Custom range…', detail: `A start and an end date-time (${zone === 'utc' ? 'UTC' : 'local time'} unless you type an offset)`, custom: 'absolute' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: 'Which time window?', ignoreFocusOut: true });
  if (!choice) return undefined;
  if (choice.spec) return resolveWindow(choice.spec, Date.now(), zone);
  if (choice.custom === 'relative') {
    const text = await vscode.window.showInputBox({
      title,
      prompt: 'How far back from now: for example 90m, 36h, 10d, 2w, 3mo or 1y',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const parsed = parseRelativeInput(value);
        if ('error' in parsed) return parsed.error;
        const verdict = validateWindowSpec(parsed, Date.now());
        return verdict.ok ? undefined : verdict.reason;
      },
    });
    const parsed = text === undefined ? undefined : parseRelativeInput(text);
    return parsed && !('error' in parsed) ? resolveWindow(parsed, Date.now(), zone) : undefined;
  }
  const start = await askInstant(title, 'start', zone);
  if (start === undefined) return undefined;
  const end = await askInstant(title, 'end', zone, start);
  return end === undefined ? undefined : { start, end };
}

async function askInstant(title: string, which: 'start' | 'end', zone: ZoneSetting, start?: number): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: `${title}: ${which}`,
    prompt: 'YYYY-MM-DD, YYYY-MM-DD HH:mm or ISO 8601 with an offset',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseDateTimeInput(value, zone);
      if (typeof parsed !== 'number') return parsed.error;
      if (start !== undefined) {
        const verdict = validateWindowSpec({ kind: 'absolute', start, end: parsed, zone }, Date.now());
        if (!verdict.ok) return verdict.reason;
      }
      return undefined;
    },
  });
  if (text === undefined) return undefined;
  const parsed = parseDateTimeInput(text, zone);
  return typeof parsed === 'number' ? parsed : undefined;
}

/** Undefined when cancelled; '' for no search. */
export async function askForSearch(title: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: 'Optional: only records whose text matches this (applied by Confluence). Leave empty for all records.',
    ignoreFocusOut: true,
  });
}
