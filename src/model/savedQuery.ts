// A saved query: a name, a query of the query bar (kept as its canonical text) and a window that ends now
// ("last 24h", "since 2026-11-01T09:00Z"). Checked here when made from what a user typed and when read back
// from storage, where anything may have been written (another version, a hand edit): what fails is dropped.
import { parseQuery, printQuery } from './query';
import { isInputError, parseWindowInput } from './timeInput';
import type { ZoneSetting } from './timeZone';
import { isTimeWindowSpec, validateWindowSpec } from './windowValidation';
import type { UntilNowSpec } from './windowSpec';

export interface SavedQuery {
  id: string;
  name: string;
  /** The query's canonical text (printQuery of what parseQuery read); never empty. */
  query: string;
  window: UntilNowSpec;
}

export const MAX_NAME_LENGTH = 80;
/** Every saved query is a window under every source: a list that long is already hard to read. */
export const MAX_SAVED_QUERIES = 50;
const ID = /^saved-[a-z0-9-]{1,40}$/;

/** Why a name cannot be used, or undefined; `taken` are the names of the other saved queries. */
export function validateSavedQueryName(name: string, taken: readonly string[] = []): string | undefined {
  const text = name.trim();
  if (text === '') return 'Enter a name.';
  if (text.length > MAX_NAME_LENGTH) return `Use at most ${MAX_NAME_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex -- a name is one line of plain text
  if (/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/.test(text)) return 'A name is one line without control characters.';
  if (taken.some((t) => t.toLowerCase() === text.toLowerCase())) return `There is already a saved query named "${text}".`;
  return undefined;
}

/** The query's canonical text, or why it cannot be saved (a mistake with where it is, or nothing to save). */
export function savedQueryText(text: string): { text: string } | { error: string } {
  const parsed = parseQuery(text);
  if (!parsed.ok) return { error: `${parsed.error} (at character ${parsed.at + 1})` };
  if (parsed.query.terms.length === 0) return { error: 'Enter a query to save, e.g. author:alice -summary:viewed.' };
  return { text: printQuery(parsed.query) };
}

/**
 * A saved query from what a user typed, or the first reason it cannot be made. The window is read in
 * `zone` ("since 2026-11-01 09:00" without Z or an offset) and checked against `now`.
 */
export function makeSavedQuery(
  id: string,
  typed: { name: string; query: string; window: string },
  context: { zone: ZoneSetting; now: number; taken?: readonly string[] },
): SavedQuery | { error: string } {
  const nameProblem = validateSavedQueryName(typed.name, context.taken);
  if (nameProblem) return { error: `Name: ${nameProblem}` };
  const query = savedQueryText(typed.query);
  if ('error' in query) return { error: `Query: ${query.error}` };
  const window = parseWindowInput(typed.window, context.zone, context.now);
  if (isInputError(window)) return { error: `Window: ${window.error}` };
  return { id, name: typed.name.trim(), query: query.text, window };
}

/**
 * What can be used of a stored list: each entry with an id of ours, a usable name, a query that parses and is
 * not empty (kept in its canonical form) and a valid window that ends now; entries that fail, repeat an id or
 * a name, or lie beyond the limit are dropped.
 */
export function parseStoredSavedQueries(value: unknown, now: number): SavedQuery[] {
  if (!Array.isArray(value)) return [];
  const out: SavedQuery[] = [];
  for (const entry of value as unknown[]) {
    if (out.length === MAX_SAVED_QUERIES) break;
    const saved = parseStoredSavedQuery(entry, now);
    if (!saved || out.some((s) => s.id === saved.id) || validateSavedQueryName(saved.name, out.map((s) => s.name))) continue;
    out.push(saved);
  }
  return out;
}

function parseStoredSavedQuery(value: unknown, now: number): SavedQuery | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, name, query, window } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !ID.test(id) || typeof name !== 'string' || typeof query !== 'string') return undefined;
  if (validateSavedQueryName(name) !== undefined || name !== name.trim()) return undefined;
  const text = savedQueryText(query);
  if ('error' in text) return undefined;
  if (!isTimeWindowSpec(window) || window.kind === 'absolute' || !validateWindowSpec(window, now).ok) return undefined;
  // Only the fields of the kind: nothing else stored beside them is carried along.
  const spec: UntilNowSpec =
    window.kind === 'preset' ? { kind: 'preset', id: window.id } : window.kind === 'relative' ? { kind: 'relative', amount: window.amount, unit: window.unit } : { kind: 'since', start: window.start };
  return { id, name, query: text.text, window: spec };
}
