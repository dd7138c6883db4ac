// "Save Query…", "Edit Saved Query…" and "Remove Saved Query": a saved query is a name, a query and a window
// that ends now ("last 7 days", "since 2026-11-01T09:00Z"), listed as a window under every source
// (tree/savedQueries.ts). What is typed is checked as it is typed (model/savedQuery.ts), so Enter only takes
// what can be saved.
import * as vscode from 'vscode';
import { makeSavedQuery, savedQueryText, validateSavedQueryName, type SavedQuery } from '../model/savedQuery';
import { isInputError, parseWindowInput, windowInputText } from '../model/timeWindow';
import { printQuery, type Query } from '../model/query';
import type { ZoneSetting } from '../model/timeZone';
import type { WindowNode } from '../tree/nodes';
import type { SavedQueryStore } from '../tree/savedQueries';

export interface SavedQueryDeps {
  saved: SavedQueryStore;
  /** The query bar's query: what Save Query saves when it is given none. */
  filters: { readonly query: Query };
  zone: () => ZoneSetting;
}

interface Fields {
  name: string;
  query: string;
  window: string;
}

/**
 * Saves a query: `arg` is its text (the query bar's), or every field (automation, tests: nothing is asked);
 * without one, the query bar's query, or a query typed. Returns the saved query's id, or undefined when
 * cancelled or refused (the reason is shown).
 */
export async function saveQuery(deps: SavedQueryDeps, arg?: unknown): Promise<string | undefined> {
  const given = fieldsOf(arg);
  if (given) return store(deps, deps.saved.newId(), given, []);
  const current = deps.filters.query.terms.length > 0 ? printQuery(deps.filters.query) : undefined;
  const query = typeof arg === 'string' ? arg : (current ?? (await askQuery('Save Query', '')));
  if (query === undefined) return undefined;
  const taken = deps.saved.list().map((s) => s.name);
  const name = await askName(`Save Query: ${query}`, '', taken);
  if (name === undefined) return undefined;
  const window = await askWindow(`Save Query "${name.trim()}"`, 'last 7 days', deps.zone());
  if (window === undefined) return undefined;
  return store(deps, deps.saved.newId(), { name, query, window }, taken);
}

/** Changes a saved query's name, query and window, each offered as it is. */
export async function editSavedQuery(deps: SavedQueryDeps, node?: unknown, fieldsArg?: unknown): Promise<string | undefined> {
  const current = savedOf(deps, node);
  if (!current) return undefined;
  const taken = deps.saved
    .list()
    .filter((s) => s.id !== current.id)
    .map((s) => s.name);
  const given = fieldsOf(fieldsArg);
  if (given) return store(deps, current.id, given, taken);
  const name = await askName(`Edit Saved Query "${current.name}": name`, current.name, taken);
  if (name === undefined) return undefined;
  const query = await askQuery(`Edit Saved Query "${name.trim()}": query`, current.query);
  if (query === undefined) return undefined;
  const window = await askWindow(`Edit Saved Query "${name.trim()}": window`, windowInputText(current.window), deps.zone());
  if (window === undefined) return undefined;
  return store(deps, current.id, { name, query, window }, taken);
}

export async function removeSavedQuery(deps: SavedQueryDeps, node?: unknown): Promise<boolean> {
  const current = savedOf(deps, node);
  return current ? deps.saved.remove(current.id) : false;
}

async function store(deps: SavedQueryDeps, id: string, fields: Fields, taken: readonly string[]): Promise<string | undefined> {
  const made = makeSavedQuery(id, fields, { zone: deps.zone(), now: Date.now(), taken });
  if ('error' in made) {
    void vscode.window.showErrorMessage(`Query not saved: ${made.error}`);
    return undefined;
  }
  try {
    await deps.saved.put(made);
  } catch (error) {
    void vscode.window.showErrorMessage(`Query not saved: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  vscode.window.setStatusBarMessage(`Saved query "${made.name}" is listed under every source`, 5000);
  return made.id;
}

/** The saved query behind a tree node (its window) or named by id. */
function savedOf(deps: SavedQueryDeps, node: unknown): SavedQuery | undefined {
  const id = typeof node === 'string' ? node : isWindowNode(node) ? node.windowId : undefined;
  return id === undefined ? undefined : deps.saved.get(id);
}

function isWindowNode(value: unknown): value is WindowNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'window' && typeof (value as { windowId?: unknown }).windowId === 'string';
}

function fieldsOf(value: unknown): Fields | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, query, window } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof query === 'string' && typeof window === 'string' ? { name, query, window } : undefined;
}

function askQuery(title: string, value: string): Thenable<string | undefined> {
  return ask(title, 'The query, as in Query Records: author:alice category:Permissions -summary:viewed "free text"', value, (text) => {
    const checked = savedQueryText(text);
    return 'error' in checked ? checked.error : undefined;
  });
}

function askName(title: string, value: string, taken: readonly string[]): Thenable<string | undefined> {
  return ask(title, 'A name for the saved query: it is listed under every source with this name', value, (text) => validateSavedQueryName(text, taken));
}

function askWindow(title: string, value: string, zone: ZoneSetting): Thenable<string | undefined> {
  return ask(title, 'Which records, up to now: last 24h, last 7 days, last 3 months, or since 2026-11-01T09:00Z', value, (text) => {
    const parsed = parseWindowInput(text, zone, Date.now());
    return isInputError(parsed) ? parsed.error : undefined;
  });
}

/** An input box that says what is wrong as the user types, so that Enter takes only what can be saved. */
function ask(title: string, prompt: string, value: string, problem: (text: string) => string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput: problem });
}
