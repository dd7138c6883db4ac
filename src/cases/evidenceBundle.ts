// A case as an evidence bundle (issue 15 §4): its records as spreadsheet-safe CSV (the columns "Export Shown
// Records…" writes, so "Open Audit Export…" reads it again) and as JSON Lines, the notes and tags (CSV, also
// formula-safe), the queries and windows (JSON), the case file itself, report.md, and the manifest with the
// SHA-256 of every file (exportFile/bundle). No vscode import.
import { writeBundle, type BundleFile, type WrittenBundle } from '../exportFile/bundle/writeBundle';
import { recordToJsonLine } from '../exportFile/format/jsonLines';
import { CSV_BOM, csvHeader, csvRow, recordToCsvRow } from '../exportFile/format/safeCsv';
import { authorLabel } from '../model/recordView';
import { caseText, type CaseFile } from './caseFile';
import { caseFileName } from './caseName';
import { caseReport } from './report';

export const BUNDLE_FILES = { records: 'records.csv', jsonLines: 'records.jsonl', notes: 'notes.csv', queries: 'queries.json', report: 'report.md' } as const;

export const NOTES_COLUMNS = ['creationDate', 'source', 'sourceUrl', 'recordKey', 'summary', 'author', 'tags', 'note', 'fetchedAt', 'addedAt', 'query'] as const;

export interface BundleContext {
  name: string;
  /** Where the case lives: audit-cases/<name>.case.json. */
  caseFile: string;
  exportedAt: number;
  extension: { id: string; version: string };
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const iso = (ms: number): string => new Date(ms).toISOString();

function notesCsv(file: CaseFile): string {
  const url = (id: string): string => file.sources.find((s) => s.id === id)?.url ?? '';
  const lines = [CSV_BOM + csvRow(NOTES_COLUMNS)];
  for (const e of file.records) {
    lines.push(csvRow([iso(e.record.creationDate), e.source, url(e.source), e.key, e.record.summary, authorLabel(e.record.author), e.tags.join(', '), e.note, iso(e.fetchedAt), iso(e.addedAt), e.query ?? '']));
  }
  return lines.join('');
}

function queriesJson(file: CaseFile): string {
  const doc = {
    sources: file.sources,
    queries: file.queries.map((q) => ({ ...q, window: { ...q.window, start: iso(q.window.start), end: iso(q.window.end) } })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The bundle's files (the manifest is added by writeBundle), records in time order. */
export function caseBundleFiles(file: CaseFile, context: BundleContext): BundleFile[] {
  const caseName = caseFileName(context.name);
  const names = [BUNDLE_FILES.records, BUNDLE_FILES.jsonLines, BUNDLE_FILES.notes, BUNDLE_FILES.queries, caseName, BUNDLE_FILES.report];
  return [
    { name: BUNDLE_FILES.records, bytes: utf8(CSV_BOM + csvHeader() + file.records.map((e) => recordToCsvRow(e.record, 'utc')).join('')) },
    { name: BUNDLE_FILES.jsonLines, bytes: utf8(file.records.map((e) => recordToJsonLine(e.record)).join('')) },
    { name: BUNDLE_FILES.notes, bytes: utf8(notesCsv(file)) },
    { name: BUNDLE_FILES.queries, bytes: utf8(queriesJson(file)) },
    { name: caseName, bytes: utf8(caseText(file)) },
    { name: BUNDLE_FILES.report, bytes: utf8(caseReport(file, { ...context, files: [...names, 'manifest.json'] })) },
  ];
}

export function caseEvidenceBundle(file: CaseFile, context: BundleContext): WrittenBundle {
  return writeBundle(`Case "${context.name}"`, caseBundleFiles(file, context), context.extension, context.exportedAt);
}
