// Completions for the last word of a query being typed: qualifiers while it could still be one, then the
// values already seen for the qualifier. Each completion is the whole query text it would leave in the bar.
import type { FilterKind } from '../filters';
import { FIELD_HELP, QUERY_FIELDS } from './queryAst';
import { FIELD_KINDS } from './queryFields';
import { printTerm } from './printQuery';

export interface QueryCompletion {
  /** The query text with its last word completed. */
  text: string;
  /** What the completion is (shown beside it). */
  detail: string;
}

/** At most this many value completions (the most frequent values come first). */
export const MAX_VALUE_COMPLETIONS = 20;

export function completeQuery(text: string, seen: (kind: FilterKind) => readonly string[]): QueryCompletion[] {
  // Only the last word is completed; inside an open quote there is nothing to offer.
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) return [];
  const start = lastWordStart(text);
  const head = text.slice(0, start);
  const word = text.slice(start);
  const negated = word.startsWith('-');
  const bare = negated ? word.slice(1) : word;
  const colon = bare.indexOf(':');
  if (colon < 0) {
    return QUERY_FIELDS.filter((f) => f.startsWith(bare.toLowerCase()) && bare.length < f.length + 1).map((field) => ({
      text: `${head}${negated ? '-' : ''}${field}:`,
      detail: FIELD_HELP[field],
    }));
  }
  const field = QUERY_FIELDS.find((f) => f === bare.slice(0, colon).toLowerCase());
  const kind = field && FIELD_KINDS[field];
  if (!field || !kind) return [];
  const typed = bare.slice(colon + 1).toLowerCase();
  return seen(kind)
    .filter((value) => value.toLowerCase().startsWith(typed) && value.toLowerCase() !== typed)
    .slice(0, MAX_VALUE_COMPLETIONS)
    .map((value) => ({ text: `${head}${printTerm({ field, value, negated })} `, detail: `${field} seen in loaded records` }));
}

function lastWordStart(text: string): number {
  let at = text.length;
  while (at > 0 && !/\s/.test(text[at - 1])) at--;
  return at;
}
