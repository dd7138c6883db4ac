// Input boxes for time windows, shared by "Add Time Window…" and the export prompts: a relative span
// ("90m", "10d") or an instant, validated as the user types.
import * as vscode from 'vscode';
import { parseDateTimeInput, parseRelativeInput, validateWindowSpec, type TimeWindowSpec } from '../model/timeWindow';
import type { ZoneSetting } from '../model/timeZone';

export async function askRelative(title: string): Promise<Extract<TimeWindowSpec, { kind: 'relative' }> | undefined> {
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
  return parsed && !('error' in parsed) ? parsed : undefined;
}

/** An instant typed in `zone`; for the end, `start` lets the box refuse an inverted range at once. */
export async function askInstant(title: string, which: 'start' | 'end', zone: ZoneSetting, start?: number): Promise<number | undefined> {
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
