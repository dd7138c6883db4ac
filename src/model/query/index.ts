export { compileQuery } from './compileQuery';
export { MAX_TERMS, parseQuery, type ParsedQuery } from './parseQuery';
export { printQuery, printTerm } from './printQuery';
export { FIELD_HELP, QUERY_FIELDS, isQueryField, type Query, type QueryField, type QueryTerm } from './queryAst';
export { FIELD_KINDS } from './queryFields';
export { describeSplit, splitQuery, type QuerySplit } from './splitQuery';
export { completeQuery, MAX_VALUE_COMPLETIONS, type QueryCompletion } from './completeQuery';
export { FILTER_KINDS_OF_QUERY } from './queryFields';
