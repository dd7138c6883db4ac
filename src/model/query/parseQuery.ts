// Text to query. Every mistake is reported with where it is, so the query bar can say what to fix; a value
// is checked as the filter of its kind would check it (an `ip:` must be an address or a range).
import { validateFilterValue } from '../filters';
import { FIELD_KINDS } from './queryFields';
import { isQueryField, QUERY_FIELDS, type Query, type QueryTerm } from './queryAst';

export type ParsedQuery = { ok: true; query: Query } | { ok: false; error: string; at: number };

/** A query has at most this many terms (it is typed by a person; more is a paste gone wrong). */
export const MAX_TERMS = 64;

class QueryError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

export function parseQuery(text: string): ParsedQuery {
  try {
    return { ok: true, query: { terms: new Scanner(text).terms() } };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, error: error.message, at: error.at };
    throw error;
  }
}

class Scanner {
  private at = 0;

  constructor(private readonly text: string) {}

  terms(): QueryTerm[] {
    const terms: QueryTerm[] = [];
    for (this.skipSpace(); this.at < this.text.length; this.skipSpace()) {
      if (terms.length === MAX_TERMS) throw new QueryError(`Use at most ${MAX_TERMS} terms.`, this.at);
      terms.push(this.term());
    }
    return terms;
  }

  private term(): QueryTerm {
    const start = this.at;
    const negated = this.text[this.at] === '-';
    if (negated) {
      this.at++;
      if (this.at === this.text.length || isSpace(this.text[this.at])) throw new QueryError('A minus must be followed by what to leave out, e.g. -summary:viewed.', start);
    }
    if (this.text[this.at] === '"') return checked({ value: this.quoted(), negated }, start);
    const word = this.bare();
    const colon = word.indexOf(':');
    const name = colon > 0 ? word.slice(0, colon) : '';
    if (!/^[A-Za-z]+$/.test(name)) return checked({ value: word, negated }, start);
    const field = name.toLowerCase();
    if (!isQueryField(field)) {
      throw new QueryError(`"${name}:" is not a qualifier; use ${QUERY_FIELDS.map((f) => `${f}:`).join(' ')} or put the text in quotes.`, start);
    }
    let value = word.slice(colon + 1);
    if (value === '' && this.text[this.at] === '"') value = this.quoted();
    else if (value === '') throw new QueryError(`${field}: needs a value, e.g. ${field}:"two words".`, start);
    return checked({ field, value, negated }, start);
  }

  /** A run of characters up to white space (quotes inside a word are ordinary characters). */
  private bare(): string {
    const start = this.at;
    while (this.at < this.text.length && !isSpace(this.text[this.at])) {
      // `field:"quoted value"` stops at the opening quote; the caller reads the quoted part.
      if (this.text[this.at] === '"' && this.text[this.at - 1] === ':' && this.at > start) break;
      this.at++;
    }
    return this.text.slice(start, this.at);
  }

  /** "…" with \" and \\ escapes; the closing quote must end the term. */
  private quoted(): string {
    const start = this.at;
    this.at++;
    let value = '';
    while (this.at < this.text.length) {
      const c = this.text[this.at++];
      if (c === '"') {
        if (this.at < this.text.length && !isSpace(this.text[this.at])) throw new QueryError('Leave a space after a closing quote.', this.at);
        return value;
      }
      if (c === '\\' && this.at < this.text.length) value += this.text[this.at++];
      else value += c;
    }
    throw new QueryError('A quote is not closed.', start);
  }

  private skipSpace(): void {
    while (this.at < this.text.length && isSpace(this.text[this.at])) this.at++;
  }
}

function checked(term: QueryTerm, at: number): QueryTerm {
  // A qualifier with a filter kind is checked as that filter's value; others get the checks every value gets
  // (not empty, not too long, no control characters), which are those of a category.
  const kind = (term.field && FIELD_KINDS[term.field]) || 'categories';
  const problem = validateFilterValue(kind, term.value);
  if (problem) throw new QueryError(`${term.field ? `${term.field}: ` : ''}${problem}`, at);
  return term;
}

function isSpace(c: string): boolean {
  return /\s/.test(c);
}
