// Case files for the tests: a few records (one hostile), their sources and the window they were added from.
import type { CaseEntryDraft } from '../../../src/cases/caseEdits';
import type { CaseSource } from '../../../src/cases/caseFile';
import type { SourcedRecord } from '../../../src/model/sourceFields';
import { sampleRecord } from '../model/sampleRecord';

export const T0 = Date.UTC(2026, 10, 25, 14, 0, 0, 0);
export const NOW = Date.UTC(2026, 10, 26, 9, 30, 0, 0);

export const CLOUD: CaseSource = { id: '2f1c0c7e-5f7a-4d0e-9d55-0d7a7f6b1a01', kind: 'cloud', label: 'Acme Cloud', url: 'https://acme.atlassian.net/' };
export const SNAPSHOT: CaseSource = { id: `snapshot:${'ab'.repeat(32)}`, kind: 'snapshot', label: 'export.csv (offline snapshot)', url: 'file:///home/u/audit-exports/export.csv' };

/** A record a Confluence page title can make: markup, a formula, a right-to-left override, a line break. */
export function hostileRecord(): SourcedRecord {
  const record: SourcedRecord = sampleRecord({
    creationDate: T0 + 60_000,
    summary: '=HYPERLINK("http://evil.example","click") <script>alert(1)</script>',
    description: 'line one\nline two | with a pipe and a `backtick` and [a link](command:workbench.action.terminal.new)',
    affectedObject: { name: 'Finance \u202Egnp.exe', objectType: 'Page' },
    changedValues: [{ name: 'Token', oldValue: '', newValue: '', hiddenOldValue: '', hiddenNewValue: '' }],
  });
  record.sourceFields = [{ name: 'Method', value: '@SUM(1+1)' }];
  return record;
}

export function plainRecord(offsetMs: number, summary = 'Space permission added'): SourcedRecord {
  return sampleRecord({ creationDate: T0 + offsetMs, summary });
}

export function draft(record: SourcedRecord, source: CaseSource = CLOUD, fetchedAt = NOW - 1000): CaseEntryDraft {
  return {
    record,
    source,
    fetchedAt,
    from: {
      window: { label: 'Last 7 days', start: T0 - 7 * 86_400_000, end: T0 + 86_400_000, search: null },
      filters: { categories: ['Permissions'], authors: [], remoteAddresses: [], affectedObjects: [], actions: [] },
      query: 'author:alice -summary:viewed',
    },
  };
}
