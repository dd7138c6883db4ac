// The mapping step of "Open Audit Export…": when a CSV's header is not known, a quick pick per field the tree
// needs (time, event, author, address) says which column holds it. The choice is remembered per header (in
// global state, by the header's folded names), so the next file with that header opens without asking.
import * as vscode from 'vscode';
import { singleLine } from '../model/safeText';
import { headerKey, isUsableMapping, NEEDED_ROLES, ROLE_LABELS, type ColumnMapping, type NeededRole } from './core/formats/csvColumns';

const STATE_KEY = 'confluenceAudit.offline.columnChoices';
/** Remembered headers kept at most (oldest forgotten first), so global state stays small. */
const MAX_REMEMBERED = 50;

type Remembered = Record<string, ColumnMapping>;

function remembered(state: vscode.Memento): Remembered {
  const value = state.get<unknown>(STATE_KEY);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Remembered) : {};
}

function validFor(header: readonly string[], mapping: ColumnMapping): boolean {
  return Object.values(mapping).every((i) => Number.isInteger(i) && i >= 0 && i < header.length) && isUsableMapping(mapping);
}

/** A chooser for loadExport's chooseColumns: the remembered choice for this header, else the person's. */
export function columnChooser(state: vscode.Memento, fileName: string, given?: ColumnMapping): (header: readonly string[]) => Promise<ColumnMapping | undefined> {
  return async (header) => {
    if (given && validFor(header, given)) return given;
    const key = headerKey(header);
    const known = remembered(state)[key];
    if (known && validFor(header, known)) return known;
    const chosen = await askColumns(header, fileName);
    if (!chosen) return undefined;
    const all = { ...remembered(state), [key]: chosen };
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[old];
    await state.update(STATE_KEY, all);
    return chosen;
  };
}

async function askColumns(header: readonly string[], fileName: string): Promise<ColumnMapping | undefined> {
  const mapping: ColumnMapping = {};
  const required: ReadonlySet<NeededRole> = new Set(['time', 'summary']);
  for (const role of NEEDED_ROLES) {
    const items: Array<vscode.QuickPickItem & { index: number }> = header.map((name, index) => ({
      // Header cells come from the file: one safe line each.
      label: singleLine(name.trim() === '' ? `Column ${index + 1}` : name, 80),
      description: `column ${index + 1}`,
      index,
    }));
    if (!required.has(role)) items.push({ label: '(none of these)', description: 'leave it empty', index: -1 });
    const picked = await vscode.window.showQuickPick(items, {
      title: `Open ${singleLine(fileName, 60)}: which column holds the ${ROLE_LABELS[role].toLowerCase()}?`,
      placeHolder: 'The columns of this file are not known; the choice is remembered for files with the same header',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.index >= 0) mapping[role] = picked.index;
  }
  return mapping;
}
