// Changes to a case, as functions from one CaseFile to the next: add records (a record already in the case is
// kept once), remove one, edit its note or tags. Sources and queries no record refers to any more are dropped,
// so the file says only what its records need. No vscode import.
import { recordKey } from '../api/recordKey';
import type { SourcedRecord } from '../model/sourceFields';
import { caseFilters, CASE_SOURCE_KINDS, compareEntries, entryId, type CaseEntry, type CaseFile, type CaseFilters, type CaseQuery, type CaseSource } from './caseFile';
import { caseRecordAt } from './caseRecord';
import { CASE_LIMITS, tagsAt, urlAt } from './parseCase';
import { CaseProblem, stringAt } from './shape';

/** A record on its way into a case: what the tree (or the detail panel) knows about it. */
export interface CaseEntryDraft {
  record: SourcedRecord;
  source: CaseSource;
  fetchedAt: number;
  /** The window and query it was shown under; absent when that is not known. */
  from?: Omit<CaseQuery, 'id' | 'source'>;
}

/** What the view knew of a record when it showed it: when it was fetched, the window and query, or its case's source. */
export interface RecordOrigin {
  fetchedAt?: number;
  from?: CaseEntryDraft['from'];
  /** Set for a record shown from a case: its source as the case names it (the source may be gone). */
  source?: CaseSource;
}

/** What "Add to Case…" did, for the detail panel and automation. */
export type AddToCaseResult =
  | { ok: true; caseName: string; added: number; already: number; message: string }
  | { ok: false; kind: 'cancelled' | 'refused'; message: string };

export interface Annotation {
  tags: string[];
  note: string;
}

export interface AddOutcome {
  file: CaseFile;
  added: number;
  /** Records that were in the case already: kept once, the new tags added to theirs. */
  already: number;
}

/** Checks tags and a note as a case file would (the same limits and messages). */
export function checkAnnotation(annotation: Annotation): Annotation {
  return { tags: tagsAt(annotation.tags, 'the tags'), note: stringAt(annotation.note, 'the note', { max: CASE_LIMITS.noteChars }) };
}

/** Tags from what was typed: comma-separated, trimmed, blanks and repeats dropped. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter((t) => t !== ''))];
}

export function addToCase(file: CaseFile, drafts: readonly CaseEntryDraft[], annotation: Annotation, now: number): AddOutcome {
  const { tags, note } = checkAnnotation(annotation);
  const sources = [...file.sources];
  const queries = [...file.queries];
  const records = [...file.records];
  let added = 0;
  let already = 0;
  for (const [i, draft] of drafts.entries()) {
    // The copy kept is the record as the file will hold it: through JSON, then checked like a file's record.
    const record = caseRecordAt(JSON.parse(JSON.stringify(draft.record)) as unknown, drafts.length > 1 ? `record ${i + 1}` : 'the record');
    const source = checkSource(draft.source);
    const key = recordKey(record);
    const existing = records.findIndex((e) => e.source === source.id && e.key === key);
    if (existing >= 0) {
      const entry = records[existing];
      records[existing] = { ...entry, tags: mergeTags(entry.tags, tags), note: entry.note === '' ? note : entry.note };
      already++;
      continue;
    }
    const known = sources.findIndex((s) => s.id === source.id);
    if (known >= 0) sources[known] = source;
    else sources.push(source);
    const query = draft.from ? queryIdFor(queries, source.id, draft.from) : null;
    records.push({ source: source.id, key, record, fetchedAt: draft.fetchedAt, addedAt: now, query, tags, note });
    added++;
  }
  if (records.length > CASE_LIMITS.records) throw new CaseProblem(`the case would hold ${records.length} records; a case holds at most ${CASE_LIMITS.records}`);
  return { file: pruned({ ...file, sources, queries, records: records.sort(compareEntries) }), added, already };
}

function checkSource(source: CaseSource): CaseSource {
  if (!(CASE_SOURCE_KINDS as readonly string[]).includes(source.kind)) throw new CaseProblem('the record comes from a kind of source a case cannot name');
  return {
    id: stringAt(source.id, 'the source id', { max: CASE_LIMITS.idChars, min: 1, oneLine: true }),
    kind: source.kind,
    label: stringAt(source.label, 'the source label', { max: CASE_LIMITS.labelChars, oneLine: true }),
    url: urlAt(withoutCredentials(source.url), 'the source URL'),
  };
}

/** A URL as a case may keep it: without a user name, password, query or fragment. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

function mergeTags(old: readonly string[], more: readonly string[]): string[] {
  const merged = [...new Set([...old, ...more])];
  if (merged.length > CASE_LIMITS.tags) throw new CaseProblem(`a record would have ${merged.length} tags; at most ${CASE_LIMITS.tags} are allowed`);
  return merged;
}

function sameFilters(a: CaseFilters, b: CaseFilters): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The id of an equal query already in the list, or of a new one appended to it. */
function queryIdFor(queries: CaseQuery[], source: string, from: Omit<CaseQuery, 'id' | 'source'>): string {
  const w = from.window;
  const filters = normalFilters(from.filters);
  const found = queries.find(
    (q) => q.source === source && q.window.label === w.label && q.window.start === w.start && q.window.end === w.end && q.window.search === w.search && q.query === from.query && sameFilters(q.filters, filters),
  );
  if (found) return found.id;
  const next = 1 + Math.max(0, ...queries.map((q) => Number(q.id.slice(1))));
  const query: CaseQuery = { id: `q${next}`, source, window: { ...w }, filters, query: from.query };
  queries.push(query);
  return query.id;
}

function normalFilters(f: Partial<CaseFilters>): CaseFilters {
  return caseFilters(f);
}

/** Drops the sources and queries no record refers to. */
function pruned(file: CaseFile): CaseFile {
  const usedSources = new Set(file.records.map((r) => r.source));
  const usedQueries = new Set(file.records.map((r) => r.query));
  return { ...file, sources: file.sources.filter((s) => usedSources.has(s.id)), queries: file.queries.filter((q) => usedQueries.has(q.id)) };
}

function entryIndex(file: CaseFile, id: string): number {
  const index = file.records.findIndex((e) => entryId(e) === id);
  if (index < 0) throw new CaseProblem('that record is no longer in the case (the file changed since it was shown)');
  return index;
}

function withEntry(file: CaseFile, id: string, change: (entry: CaseEntry) => CaseEntry): CaseFile {
  const index = entryIndex(file, id);
  const records = [...file.records];
  records[index] = change(records[index]);
  return { ...file, records };
}

export function removeFromCase(file: CaseFile, id: string): CaseFile {
  const index = entryIndex(file, id);
  return pruned({ ...file, records: file.records.filter((_, i) => i !== index) });
}

export function setNote(file: CaseFile, id: string, note: string): CaseFile {
  const checked = stringAt(note, 'the note', { max: CASE_LIMITS.noteChars });
  return withEntry(file, id, (entry) => ({ ...entry, note: checked }));
}

export function setTags(file: CaseFile, id: string, tags: readonly string[]): CaseFile {
  const checked = tagsAt([...tags], 'the tags');
  return withEntry(file, id, (entry) => ({ ...entry, tags: checked }));
}
