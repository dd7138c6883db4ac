// The prompts of the case commands: which case (or a new one, by name), tags and a note. Each checks what is
// typed with the same rules as a case file, so what is accepted can always be written.
import * as vscode from 'vscode';
import { checkAnnotation, parseTags } from '../cases/caseEdits';
import { caseNameProblem } from '../cases/caseName';
import type { CaseStore } from '../cases/caseStore';
import { CASE_LIMITS } from '../cases/parseCase';
import { CaseProblem } from '../cases/shape';

export interface CaseChoice {
  name: string;
  /** Not created yet: the command creates it once every prompt is answered. */
  isNew: boolean;
}

const NEW_CASE = '$(add) New Case…';

/** Picks a case (the active one first) or "New Case…"; asks for the name of a new one. */
export async function pickCase(store: CaseStore, title: string): Promise<CaseChoice | undefined> {
  const names = await store.names();
  if (names.length === 0) return askCaseName(names, title);
  const active = store.activeName;
  const ordered = active !== undefined && names.includes(active) ? [active, ...names.filter((n) => n !== active)] : names;
  const items: vscode.QuickPickItem[] = [
    ...ordered.map((name) => ({ label: name, description: name === active ? 'active' : undefined, detail: store.describe(name) })),
    { label: NEW_CASE, alwaysShow: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Choose a case, or start a new one', ignoreFocusOut: true });
  if (!picked) return undefined;
  return picked.label === NEW_CASE ? askCaseName(names, title) : { name: picked.label, isNew: false };
}

export async function askCaseName(existing: readonly string[], title = 'New Case'): Promise<CaseChoice | undefined> {
  const name = await vscode.window.showInputBox({
    title,
    prompt: 'Name of the new case (its file is audit-cases/<name>.case.json in the workspace)',
    placeHolder: 'incident-42',
    ignoreFocusOut: true,
    validateInput: (value) => caseNameProblem(value.trim()) ?? (existing.some((n) => n.toLowerCase() === value.trim().toLowerCase()) ? 'There is a case of that name already.' : undefined),
  });
  return name === undefined ? undefined : { name: name.trim(), isNew: true };
}

function annotationProblem(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (e) {
    if (e instanceof CaseProblem) return `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}.`;
    throw e;
  }
}

/** Tags as typed, comma-separated; undefined when the prompt was dismissed. */
export async function askTags(title: string, initial: readonly string[] = []): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: `Tags, separated by commas (optional; at most ${CASE_LIMITS.tags}, each up to ${CASE_LIMITS.tagChars} characters)`,
    placeHolder: 'exfiltration, admin',
    value: initial.join(', '),
    ignoreFocusOut: true,
    validateInput: (value) => annotationProblem(() => checkAnnotation({ tags: parseTags(value), note: '' })),
  });
  return text === undefined ? undefined : parseTags(text);
}

/** A note; undefined when the prompt was dismissed. */
export async function askNote(title: string, initial = ''): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: `A note (optional; up to ${CASE_LIMITS.noteChars} characters)`,
    value: initial,
    ignoreFocusOut: true,
    validateInput: (value) => annotationProblem(() => checkAnnotation({ tags: [], note: value })),
  });
}
