// The query language of the query bar: terms AND-ed together, each a qualifier (`author:alice`) or free
// text, either of them negated with a leading minus (`-summary:viewed`). Values of the same qualifier are
// OR-ed, as the filters' lists are: `author:alice author:bob` finds either.

export const QUERY_FIELDS = ['author', 'category', 'ip', 'object', 'summary'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export interface QueryTerm {
  /** Absent for free text, which matches anywhere a record shows text. */
  field?: QueryField;
  value: string;
  negated: boolean;
}

export interface Query {
  terms: QueryTerm[];
}

/** What each qualifier looks at, for completions and the help line. */
export const FIELD_HELP: Record<QueryField, string> = {
  author: 'display name, public name, account id or username (exact)',
  category: 'category (exact)',
  ip: 'source address or range, e.g. 10.0.0.0/8',
  object: 'affected or associated object name (exact)',
  summary: 'words in the summary',
};

export function isQueryField(name: string): name is QueryField {
  return (QUERY_FIELDS as readonly string[]).includes(name);
}
