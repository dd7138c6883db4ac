// report.md of an evidence bundle: a summary of the case, the queries and windows its records were added from,
// a timeline of its records and a table of them. Every value from a record or the case file is text in a code
// span (markdown.ts), so a hostile page title cannot become a link, an image or HTML. Times in UTC.
// No vscode import.
import { FILTER_KINDS, filterKindName } from '../model/filters';
import { authorLabel } from '../model/recordView';
import type { CaseFile, CaseQuery } from './caseFile';
import { code, table } from './markdown';

export interface ReportContext {
  name: string;
  /** Where the case lives in the workspace: audit-cases/<name>.case.json. */
  caseFile: string;
  exportedAt: number;
  extension: { id: string; version: string };
  /** The names of the bundle's files, listed in the report. */
  files: readonly string[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

function filtersText(q: CaseQuery): string {
  const parts = FILTER_KINDS.flatMap((kind) => q.filters[kind].map((v) => `${filterKindName(kind)}: ${v}`));
  return parts.length > 0 ? code(parts.join('; '), 300, true) : 'none';
}

function summary(file: CaseFile, context: ReportContext): string[] {
  const times = file.records.map((r) => r.record.creationDate);
  const tagCounts = new Map<string, number>();
  for (const entry of file.records) for (const tag of entry.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const tags = [...tagCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([tag, n]) => `${code(tag, 64)} (${n})`);
  return [
    '## Summary',
    '',
    `- Case: ${code(context.name, 64)}, kept in ${code(context.caseFile, 120)}, opened ${iso(file.createdAt)}`,
    `- Records: ${file.records.length}${times.length > 0 ? `, from ${iso(Math.min(...times))} to ${iso(Math.max(...times))}` : ''}`,
    `- Notes: ${file.records.filter((r) => r.note !== '').length} of the records have one`,
    `- Tags: ${tags.length > 0 ? tags.join(', ') : 'none'}`,
    `- Sources: ${file.sources.length > 0 ? file.sources.map((s) => `${code(s.label, 80)} (${s.kind}, ${code(s.url, 200)})`).join('; ') : 'none'}`,
    `- Exported: ${iso(context.exportedAt)} by ${code(context.extension.id, 80)} ${code(context.extension.version, 40)}`,
    `- Files: ${context.files.map((f) => code(f, 100)).join(', ')}; ${code('manifest.json', 20)} records the size and SHA-256 of each, and its own`,
    '',
    'All times are UTC. Every value taken from an audit record or from the case file is shown as code, exactly as it was (line breaks and invisible characters made visible).',
  ];
}

function queries(file: CaseFile): string[] {
  if (file.queries.length === 0) return ['## Queries and windows', '', 'No record was added from a window of the Audit Log view.'];
  const source = (id: string): string => code(file.sources.find((s) => s.id === id)?.label ?? id, 80, true);
  return [
    '## Queries and windows',
    '',
    ...table(
      ['Id', 'Source', 'Window', 'From', 'To', 'Search', 'Filters', 'Query'],
      file.queries.map((q) => [q.id, source(q.source), code(q.window.label, 80, true), iso(q.window.start), iso(q.window.end), q.window.search === null ? 'none' : code(q.window.search, 200, true), filtersText(q), q.query === null ? 'none' : code(q.query, 300, true)]),
    ),
  ];
}

function timeline(file: CaseFile): string[] {
  if (file.records.length === 0) return ['## Timeline', '', 'The case holds no records.'];
  return [
    '## Timeline',
    '',
    ...file.records.map((e) => {
      const tags = e.tags.length > 0 ? ` · tags ${e.tags.map((t) => code(t, 64)).join(', ')}` : '';
      const note = e.note !== '' ? ` · note ${code(e.note, 500)}` : '';
      return `- ${iso(e.record.creationDate)} ${code(e.record.summary, 120)} by ${code(authorLabel(e.record.author), 80)}${tags}${note}`;
    }),
  ];
}

function records(file: CaseFile): string[] {
  if (file.records.length === 0) return [];
  const source = (id: string): string => code(file.sources.find((s) => s.id === id)?.label ?? id, 60, true);
  return [
    '## Records',
    '',
    ...table(
      ['#', 'Time (UTC)', 'Change', 'Event type', 'Author', 'Remote address', 'Affected object', 'Source', 'Fetched', 'Query', 'Tags', 'Note'],
      file.records.map((e, i) => [
        String(i + 1),
        iso(e.record.creationDate),
        code(e.record.summary, 120, true),
        code(e.record.category, 60, true),
        code(authorLabel(e.record.author), 80, true),
        code(e.record.remoteAddress, 60, true),
        code(e.record.affectedObject.name, 80, true),
        source(e.source),
        iso(e.fetchedAt),
        e.query ?? 'none',
        e.tags.length > 0 ? e.tags.map((t) => code(t, 64, true)).join(' ') : '',
        e.note !== '' ? code(e.note, 300, true) : '',
      ]),
    ),
  ];
}

export function caseReport(file: CaseFile, context: ReportContext): string {
  const lines = [`# Evidence bundle: case ${code(context.name, 64)}`, '', ...summary(file, context), '', ...queries(file), '', ...timeline(file), '', ...records(file)];
  return `${lines.join('\n').trimEnd()}\n`;
}
