// Reading a case file. A case file from someone else is data, never configuration: every field is checked
// (closed sets of fields, types, lengths, counts, ISO times, references between its parts, each record's
// content against its key) and the first problem refuses the whole file with a message that names where it
// is. Nothing in a case file chooses where a request goes or what runs. No vscode import.
import { recordKey } from '../api/recordKey';
import { caseRecordAt } from './caseRecord';
import { FILTER_KINDS } from '../model/filters';
import { caseFilters, CASE_FORMAT_VERSION, CASE_KIND, CASE_SOURCE_KINDS, type CaseEntry, type CaseFile, type CaseFilters, type CaseQuery, type CaseSource, type CaseSourceKind } from './caseFile';
import { CaseProblem, isoTimeAt, listAt, nullableStringAt, objectAt, stringAt } from './shape';

export const CASE_LIMITS = {
  /** The file's size; a case of the largest allowed size is far smaller. */
  fileBytes: 64 * 1024 * 1024,
  records: 10_000,
  sources: 100,
  queries: 1_000,
  tags: 20,
  tagChars: 64,
  noteChars: 10_000,
  labelChars: 500,
  urlChars: 2_000,
  idChars: 200,
  filterValues: 100,
  filterChars: 1_000,
  queryChars: 2_000,
} as const;

const KEY = /^[0-9a-f]{64}$/;
const QUERY_ID = /^q[1-9][0-9]{0,5}$/;
const TAG = /^[^,]*[^,\s][^,]*$/;

/** Parses and checks a case file's text; throws a CaseProblem naming the first thing wrong. */
export function parseCase(text: string): CaseFile {
  if (text.length > CASE_LIMITS.fileBytes) throw new CaseProblem(`the file is larger than ${CASE_LIMITS.fileBytes} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CaseProblem(`the file is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const top = objectAt(raw, 'the case', ['kind', 'formatVersion', 'createdAt', 'sources', 'queries', 'records']);
  if (top.kind !== CASE_KIND) throw new CaseProblem(`this is not a Confluence Audit case file (its "kind" is not "${CASE_KIND}")`);
  if (top.formatVersion !== CASE_FORMAT_VERSION) throw new CaseProblem(`case format version ${JSON.stringify(top.formatVersion)} is not supported (this version reads ${CASE_FORMAT_VERSION})`);
  const sources = listAt(top.sources, 'sources', CASE_LIMITS.sources).map((v, i) => sourceAt(v, `sources[${i}]`));
  unique(sources.map((s) => s.id), 'sources', 'id');
  const sourceIds = new Set(sources.map((s) => s.id));
  const queries = listAt(top.queries, 'queries', CASE_LIMITS.queries).map((v, i) => queryAt(v, `queries[${i}]`, sourceIds));
  unique(queries.map((q) => q.id), 'queries', 'id');
  const queryIds = new Set(queries.map((q) => q.id));
  const records = listAt(top.records, 'records', CASE_LIMITS.records).map((v, i) => entryAt(v, `records[${i}]`, sourceIds, queryIds));
  unique(records.map((r) => `${r.source} ${r.key}`), 'records', 'source and key');
  return { createdAt: isoTimeAt(top.createdAt, 'createdAt'), sources, queries, records };
}

function unique(values: string[], path: string, what: string): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) throw new CaseProblem(`${path}[${i}] has the same ${what} as an earlier item`);
    seen.add(v);
  });
}

function sourceAt(value: unknown, path: string): CaseSource {
  const raw = objectAt(value, path, ['id', 'kind', 'label', 'url']);
  if (!(CASE_SOURCE_KINDS as readonly unknown[]).includes(raw.kind)) throw new CaseProblem(`${path}.kind must be one of ${CASE_SOURCE_KINDS.join(', ')}`);
  return {
    id: stringAt(raw.id, `${path}.id`, { max: CASE_LIMITS.idChars, min: 1, oneLine: true }),
    kind: raw.kind as CaseSourceKind,
    label: stringAt(raw.label, `${path}.label`, { max: CASE_LIMITS.labelChars, oneLine: true }),
    url: urlAt(raw.url, `${path}.url`),
  };
}

/** An http(s) or file URL without a user name or password: a case never carries a credential. */
export function urlAt(value: unknown, path: string): string {
  const text = stringAt(value, path, { max: CASE_LIMITS.urlChars, min: 1, oneLine: true });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CaseProblem(`${path} is not a URL`);
  }
  if (!['https:', 'http:', 'file:'].includes(url.protocol)) throw new CaseProblem(`${path} must be an https, http or file URL`);
  if (url.username !== '' || url.password !== '') throw new CaseProblem(`${path} carries a user name or password; a case file never holds credentials`);
  return text;
}

function stringsAt(value: unknown, path: string): string[] {
  return listAt(value, path, CASE_LIMITS.filterValues).map((v, i) => stringAt(v, `${path}[${i}]`, { max: CASE_LIMITS.filterChars }));
}

function filtersAt(value: unknown, path: string): CaseFilters {
  const raw = objectAt(value, path, FILTER_KINDS);
  return caseFilters(Object.fromEntries(FILTER_KINDS.map((kind) => [kind, stringsAt(raw[kind], `${path}.${kind}`)])));
}

function queryAt(value: unknown, path: string, sources: ReadonlySet<string>): CaseQuery {
  const raw = objectAt(value, path, ['id', 'source', 'window', 'filters', 'query']);
  const w = objectAt(raw.window, `${path}.window`, ['label', 'start', 'end', 'search']);
  const window = {
    label: stringAt(w.label, `${path}.window.label`, { max: CASE_LIMITS.labelChars, oneLine: true }),
    start: isoTimeAt(w.start, `${path}.window.start`),
    end: isoTimeAt(w.end, `${path}.window.end`),
    search: nullableStringAt(w.search, `${path}.window.search`, { max: CASE_LIMITS.queryChars }),
  };
  if (window.end < window.start) throw new CaseProblem(`${path}.window ends before it starts`);
  return {
    id: stringAt(raw.id, `${path}.id`, { max: 8, pattern: QUERY_ID, patternText: 'an id such as "q1"' }),
    source: reference(raw.source, `${path}.source`, sources, 'sources'),
    window,
    filters: filtersAt(raw.filters, `${path}.filters`),
    query: nullableStringAt(raw.query, `${path}.query`, { max: CASE_LIMITS.queryChars }),
  };
}

function reference(value: unknown, path: string, ids: ReadonlySet<string>, list: string): string {
  const id = stringAt(value, path, { max: CASE_LIMITS.idChars, min: 1 });
  if (!ids.has(id)) throw new CaseProblem(`${path} names ${JSON.stringify(id.slice(0, 80))}, which is not in ${list}`);
  return id;
}

/** Tags: at most 20, each 1 to 64 characters on one line, no comma, no two alike. */
export function tagsAt(value: unknown, path: string): string[] {
  const tags = listAt(value, path, CASE_LIMITS.tags).map((v, i) =>
    stringAt(v, `${path}[${i}]`, { max: CASE_LIMITS.tagChars, min: 1, oneLine: true, pattern: TAG, patternText: 'a tag (not blank, no comma)' }),
  );
  unique(tags, path, 'text');
  return tags;
}

function entryAt(value: unknown, path: string, sources: ReadonlySet<string>, queries: ReadonlySet<string>): CaseEntry {
  const raw = objectAt(value, path, ['source', 'key', 'fetchedAt', 'addedAt', 'query', 'tags', 'note', 'record']);
  const record = caseRecordAt(raw.record, `${path}.record`);
  const key = stringAt(raw.key, `${path}.key`, { max: 64, pattern: KEY, patternText: 'a SHA-256 in hex' });
  if (recordKey(record) !== key) throw new CaseProblem(`${path}.record does not match its key: the copy of the record was changed after it was added`);
  return {
    source: reference(raw.source, `${path}.source`, sources, 'sources'),
    key,
    record,
    fetchedAt: isoTimeAt(raw.fetchedAt, `${path}.fetchedAt`),
    addedAt: isoTimeAt(raw.addedAt, `${path}.addedAt`),
    query: raw.query === null ? null : reference(raw.query, `${path}.query`, queries, 'queries'),
    tags: tagsAt(raw.tags, `${path}.tags`),
    note: stringAt(raw.note, `${path}.note`, { max: CASE_LIMITS.noteChars }),
  };
}
