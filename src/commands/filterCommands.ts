// "Filter Records…": client-side filters on category, author and remote address, with suggestions taken
// from the records already loaded.
import * as vscode from 'vscode';
import { validateFilterValue, type FilterKind } from '../model/filters';
import type { FilterState } from '../tree/filters';
import type { FilterSuggestions } from '../tree/queries';

const KINDS: { kind: FilterKind; label: string }[] = [
  { kind: 'categories', label: 'Event type (category)' },
  { kind: 'authors', label: 'Author' },
  { kind: 'remoteAddresses', label: 'Remote address (IP or CIDR)' },
  { kind: 'affectedObjects', label: 'Affected object (name)' },
];

function isFilterKind(value: unknown): value is FilterKind {
  return KINDS.some((k) => k.kind === value);
}

/** `labelArg` (from the detail view) names a value that is not readable itself, such as an account id. */
export async function addFilter(filters: FilterState, tree: FilterSuggestions, kindArg?: unknown, valueArg?: unknown, labelArg?: unknown): Promise<void> {
  let kind: FilterKind | undefined = isFilterKind(kindArg) ? kindArg : undefined;
  if (!kind) {
    const picked = await vscode.window.showQuickPick(KINDS.map((k) => ({ label: k.label, filterKind: k.kind })), { title: 'Filter records by', ignoreFocusOut: true });
    kind = picked?.filterKind;
  }
  if (!kind) return;
  let value = typeof valueArg === 'string' ? valueArg : undefined;
  if (value === undefined) value = await askValue(kind, await tree.suggestions(kind));
  if (value === undefined || value.trim() === '') return;
  const problem = validateFilterValue(kind, value.trim());
  if (problem) {
    void vscode.window.showErrorMessage(`Filter refused: ${problem}`);
    return;
  }
  const label = typeof labelArg === 'string' && labelArg.trim() !== '' ? labelArg.trim() : undefined;
  filters.add(kind, value.trim(), label);
}

async function askValue(kind: FilterKind, suggestions: string[]): Promise<string | undefined> {
  const label = KINDS.find((k) => k.kind === kind)?.label ?? kind;
  if (suggestions.length === 0) {
    return vscode.window.showInputBox({ title: `Filter by ${label}`, ignoreFocusOut: true, validateInput: (v) => validateFilterValue(kind, v.trim()) });
  }
  const quickPick = vscode.window.createQuickPick();
  quickPick.title = `Filter by ${label}`;
  quickPick.placeholder = 'Pick a value seen in the loaded records, or type one';
  quickPick.items = suggestions.map((s) => ({ label: s }));
  quickPick.ignoreFocusOut = true;
  return new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.label ?? quickPick.value);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
