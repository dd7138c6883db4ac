// Query to text, the form the query bar shows and history keeps: parsing it again gives the same query.
import type { Query, QueryTerm } from './queryAst';

export function printQuery(query: Query): string {
  return query.terms.map(printTerm).join(' ');
}

export function printTerm(term: QueryTerm): string {
  return `${term.negated ? '-' : ''}${term.field ? `${term.field}:` : ''}${printValue(term.value, term.field === undefined)}`;
}

/** Bare when it reads back as itself; quoted otherwise (white space, quotes, backslashes, a leading minus or
 *  quote, and free text with a colon, which would read as a qualifier). */
function printValue(value: string, freeText: boolean): string {
  const bare = value !== '' && !/[\s"\\]/.test(value) && !value.startsWith('-') && !(freeText && value.includes(':'));
  return bare ? value : `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
