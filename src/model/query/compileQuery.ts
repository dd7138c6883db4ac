// A query as a predicate over records. Qualifiers match as the filters of their kind do (exact names,
// address ranges); `summary:` and free text match case-insensitive parts of the text a record shows.
import type { AuditRecord } from '../../api/types';
import { fieldPredicate } from '../filters';
import { FIELD_KINDS } from './queryFields';
import type { Query, QueryField, QueryTerm } from './queryAst';

type Predicate = (record: AuditRecord) => boolean;

export function compileQuery(query: Query): Predicate {
  const predicates: Predicate[] = [];
  // Positive values of one qualifier are alternatives (OR); everything else must hold (AND).
  const alternatives = new Map<QueryField, string[]>();
  for (const term of query.terms) {
    if (term.field && !term.negated) alternatives.set(term.field, [...(alternatives.get(term.field) ?? []), term.value]);
  }
  for (const [field, values] of alternatives) predicates.push(termPredicate(field, values));
  for (const term of query.terms) {
    if (term.field === undefined && !term.negated) predicates.push(termPredicate(undefined, [term.value]));
    if (term.negated) predicates.push(negate(term));
  }
  if (predicates.length === 0) return () => true;
  return (record) => predicates.every((p) => p(record));
}

function negate(term: QueryTerm): Predicate {
  const p = termPredicate(term.field, [term.value]);
  return (record) => !p(record);
}

function termPredicate(field: QueryField | undefined, values: string[]): Predicate {
  const kind = field && FIELD_KINDS[field];
  if (kind) return fieldPredicate(kind, values);
  const wanted = values.map(fold);
  const text = field === 'summary' ? (r: AuditRecord) => fold(r.summary ?? '') : shownText;
  return (record) => {
    const haystack = text(record);
    return wanted.some((w) => haystack.includes(w));
  };
}

/** Every text a record shows in the tree and the detail's header, joined (folded once per record). */
function shownText(record: AuditRecord): string {
  const author = record.author;
  const objects = [record.affectedObject, ...(record.associatedObjects ?? [])].map((o) => o?.name ?? '');
  return fold(
    [record.summary, record.description, record.category, author?.displayName, author?.publicName, author?.username, record.remoteAddress, ...objects]
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .join('\n'),
  );
}

function fold(text: string): string {
  return text.normalize('NFC').toLowerCase();
}
