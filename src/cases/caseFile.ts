// The case file (issue 15 §3): audit-cases/<name>.case.json in the workspace, readable and diffable. It holds
// full copies of its records (so the case outlives a revoked token and the retention period), where each came
// from (the source by id and URL, never a credential), when it was fetched and added, the query and window it
// was added from, and the investigator's tags and note. Written in a fixed order, records by time, pretty
// printed, so a change to a case is a small diff. No vscode import.
import { FILTER_KINDS, type FilterKind } from '../model/filters';
import type { SourcedRecord } from '../model/sourceFields';
import { isoTime } from './shape';

export const CASE_KIND = 'confluence-audit-case';
export const CASE_FORMAT_VERSION = 1;
export const CASE_SUFFIX = '.case.json';
export const CASE_FOLDER = 'audit-cases';

/** What a source is; the same words as the audit sources (src/sources), kept here as data. */
export const CASE_SOURCE_KINDS = ['cloud', 'dc', 'org', 'snapshot'] as const;
export type CaseSourceKind = (typeof CASE_SOURCE_KINDS)[number];

/** Where records came from: a site, an organization or an opened export, by id and URL. */
export interface CaseSource {
  id: string;
  kind: CaseSourceKind;
  label: string;
  /** The site's or organization's address, or the opened file's URL; never with a user name or password. */
  url: string;
}

/** The view's filters when a record was added: every kind of the view's Filter Records…, each a list. */
export type CaseFilters = Record<FilterKind, string[]>;

/** Every kind, in the view's order: the order a case file lists them in. */
export function caseFilters(filter: Partial<Record<FilterKind, readonly string[]>>): CaseFilters {
  return Object.fromEntries(FILTER_KINDS.map((kind) => [kind, [...(filter[kind] ?? [])]])) as CaseFilters;
}

/** The window and query a record was added from. */
export interface CaseQuery {
  /** "q1", "q2" …: what records refer to. */
  id: string;
  source: string;
  window: { label: string; start: number; end: number; search: string | null };
  filters: CaseFilters;
  /** The query bar's query, printed canonically; null when none was set. */
  query: string | null;
}

export interface CaseEntry {
  /** The source's id (in `sources`). */
  source: string;
  /** recordKey(record): a SHA-256 of the record's content, its identity within its source. */
  key: string;
  record: SourcedRecord;
  fetchedAt: number;
  addedAt: number;
  /** The id of the query it was added from, or null (added from a detail panel restored after a reload). */
  query: string | null;
  tags: string[];
  note: string;
}

export interface CaseFile {
  createdAt: number;
  sources: CaseSource[];
  queries: CaseQuery[];
  /** In time order (oldest first), then by source and key. */
  records: CaseEntry[];
}

/** How a record is named inside a case: its source and content key. */
export function entryId(entry: Pick<CaseEntry, 'source' | 'key'>): string {
  return `${entry.source}\n${entry.key}`;
}

/** Oldest first; records of one millisecond by source, then key, so the order never depends on history. */
export function compareEntries(a: CaseEntry, b: CaseEntry): number {
  return a.record.creationDate - b.record.creationDate || compareText(a.source, b.source) || compareText(a.key, b.key);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys sorted at every level: a record reads the same whatever order its source built it in. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sorted(v);
  }
  return out;
}

/** The file's text: fixed field order, records by time, two-space indent, a final newline. */
export function caseText(file: CaseFile): string {
  const doc = {
    kind: CASE_KIND,
    formatVersion: CASE_FORMAT_VERSION,
    createdAt: isoTime(file.createdAt),
    sources: file.sources.map((s) => ({ id: s.id, kind: s.kind, label: s.label, url: s.url })),
    queries: file.queries.map((q) => ({
      id: q.id,
      source: q.source,
      window: { label: q.window.label, start: isoTime(q.window.start), end: isoTime(q.window.end), search: q.window.search },
      filters: caseFilters(q.filters),
      query: q.query,
    })),
    records: [...file.records].sort(compareEntries).map((e) => ({
      source: e.source,
      key: e.key,
      fetchedAt: isoTime(e.fetchedAt),
      addedAt: isoTime(e.addedAt),
      query: e.query,
      tags: e.tags,
      note: e.note,
      record: sorted(e.record),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function emptyCase(now: number): CaseFile {
  return { createdAt: now, sources: [], queries: [], records: [] };
}
