// "Query Records…": the query bar. A quick pick whose text is the query; while typing it offers qualifiers
// and the values seen in loaded records, and, while empty, the recent queries. Enter on "Run" applies the
// query to the view (with the filters); a query with a mistake says what and where instead of running.
// "Save Query…" below a query that reads saves it with a name and a window (savedQueryCommands.ts).
import * as vscode from 'vscode';
import { completeQuery, FILTER_KINDS_OF_QUERY, parseQuery, printQuery, type ParsedQuery } from '../model/query';
import type { FilterKind } from '../model/filters';
import type { FilterState } from '../tree/filters';
import type { FilterSuggestions } from '../tree/queries';
import type { QueryHistory } from '../tree/queryHistory';

export interface QueryDeps {
  filters: FilterState;
  tree: FilterSuggestions;
  history: QueryHistory;
  /** Saves the query typed (asks its name and window); without it the bar offers no saving. */
  save?: (text: string) => Promise<unknown>;
}

type QueryItem = vscode.QuickPickItem & { action: 'run' | 'complete' | 'recall' | 'clear' | 'save'; text: string };

/** With `textArg` (tests, other commands) the query runs without asking; returns whether it was applied. */
export async function queryRecords(deps: QueryDeps, textArg?: unknown): Promise<{ ok: boolean; error?: string }> {
  if (typeof textArg === 'string') return apply(deps, parseQuery(textArg));
  const seen = await seenValues(deps.tree);
  const picked = await askQuery(deps, seen);
  if (picked === undefined) return { ok: false, error: 'cancelled' };
  if (picked.save) {
    await deps.save?.(picked.text);
    return { ok: false, error: 'saved, not run' };
  }
  return apply(deps, parseQuery(picked.text));
}

async function apply(deps: QueryDeps, parsed: ParsedQuery): Promise<{ ok: boolean; error?: string }> {
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`Query not run: ${parsed.error}`);
    return { ok: false, error: parsed.error };
  }
  deps.filters.setQuery(parsed.query);
  if (parsed.query.terms.length > 0) await deps.history.add(printQuery(parsed.query));
  return { ok: true };
}

async function seenValues(tree: FilterSuggestions): Promise<Map<FilterKind, string[]>> {
  const entries = await Promise.all(FILTER_KINDS_OF_QUERY.map(async (kind) => [kind, await tree.suggestions(kind)] as const));
  return new Map(entries);
}

/** The text accepted, and whether it is to be saved rather than run. */
function askQuery(deps: QueryDeps, seen: Map<FilterKind, string[]>): Promise<{ text: string; save?: boolean } | undefined> {
  const pick = vscode.window.createQuickPick<QueryItem>();
  pick.title = 'Query Records';
  pick.placeholder = 'author:alice category:Permissions ip:10.0.0.0/8 object:"Finance" -summary:viewed "free text"';
  pick.ignoreFocusOut = true;
  // Every item is shown whatever is typed (alwaysShow): the items are the bar's own answers to the text.
  const current = deps.filters.query.terms.length > 0 ? printQuery(deps.filters.query) : '';
  pick.value = current;
  const refresh = (): void => {
    const items = itemsFor(pick.value, current, seen, deps.history.list(), deps.save !== undefined);
    pick.items = items;
    // VS Code orders the items by how their labels match the text; Enter should still run the query (or say
    // what is wrong with it): completions are taken with the arrow keys or a click.
    if (items[0]?.action === 'run') pick.activeItems = [items[0]];
  };
  refresh();
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: { text: string; save?: boolean } | undefined): void => {
      if (done) return;
      done = true;
      resolve(value);
      pick.hide();
    };
    pick.onDidChangeValue(refresh);
    pick.onDidAccept(() => {
      const item = pick.activeItems[0];
      if (!item || item.action === 'run') {
        const parsed = parseQuery(pick.value);
        if (parsed.ok) finish({ text: pick.value });
        return;
      }
      if (item.action === 'clear') return finish({ text: '' });
      if (item.action === 'recall') return finish({ text: item.text });
      if (item.action === 'save') return finish({ text: item.text, save: true });
      pick.value = item.text;
      refresh();
    });
    pick.onDidHide(() => {
      finish(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

function itemsFor(value: string, current: string, seen: Map<FilterKind, string[]>, history: string[], canSave: boolean): QueryItem[] {
  const parsed = parseQuery(value);
  const items: QueryItem[] = [];
  if (value.trim() !== '') {
    items.push(
      parsed.ok
        ? { action: 'run', text: value, label: `$(search) Run: ${value}`, alwaysShow: true }
        : { action: 'run', text: value, label: `$(error) ${parsed.error}`, description: `at character ${parsed.at + 1}`, alwaysShow: true },
    );
  } else if (current !== '') {
    items.push({ action: 'clear', text: '', label: '$(clear-all) Remove the query', description: current, alwaysShow: true });
  }
  if (canSave && parsed.ok && parsed.query.terms.length > 0) {
    items.push({ action: 'save', text: value, label: '$(save) Save Query…', description: 'with a name and a window, listed under every source', alwaysShow: true });
  }
  for (const c of completeQuery(value, (kind) => seen.get(kind) ?? [])) {
    items.push({ action: 'complete', text: c.text, label: c.text, description: c.detail, alwaysShow: true });
  }
  if (value.trim() === '' && history.length > 0) {
    items.push({ action: 'recall', text: '', label: 'Recent', kind: vscode.QuickPickItemKind.Separator, alwaysShow: true });
    for (const text of history) items.push({ action: 'recall', text, label: `$(history) ${text}`, alwaysShow: true });
  }
  return items;
}
