// The CSV export of Confluence Data Center / Server (/rest/api/audit/export). Its writer (a 7.5+ build, as
// published) has 12 headings but writes the values in another order, so most sit under the wrong heading:
// the "category" column holds the username, "address" the display name, "summary" the category,
// "description" the IP, "author" the summary, "author name" the description, and "changed object type" the
// object's name again. The headings are recognised, and which order the rows follow is decided from the rows.
import { foldName, type ColumnMapping } from './csvColumns';

/** Headings in the writer's order: i18n keys `audit.logging.csv.header.*`, or plausible English labels. */
const HEADINGS: ReadonlyArray<readonly string[]> = [
  ['date'],
  ['timezone', 'zone'],
  ['category'],
  ['address', 'remoteaddress', 'ipaddress'],
  ['summary'],
  ['description'],
  ['author'],
  ['authorname'],
  ['changedobject', 'object'],
  ['changedobjecttype', 'objecttype'],
  ['details', 'changedvalues'],
  ['associateditems', 'associatedobjects'],
];

/** Whether the header is Data Center's (its English labels are not known, so 10 of 12 must match). */
export function isDataCenterHeader(header: readonly string[]): boolean {
  if (header.length !== HEADINGS.length) return false;
  let matches = 0;
  header.forEach((name, i) => {
    if (HEADINGS[i].includes(foldName(name))) matches++;
  });
  return matches >= 10;
}

/** The values where the published writer puts them. */
export const DATA_CENTER_AS_WRITTEN: ColumnMapping = {
  time: 0, zone: 1, authorUsername: 2, author: 3, category: 4, address: 5, summary: 6, description: 7, objectName: 8, changed: 10, associated: 11,
};

/** The values under their headings (a writer with the misalignment fixed). */
export const DATA_CENTER_AS_HEADED: ColumnMapping = {
  time: 0, zone: 1, category: 2, address: 3, summary: 4, description: 5, authorUsername: 6, author: 7, objectName: 8, objectType: 9, changed: 10, associated: 11,
};

const IP_LIKE = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})$/i;

function looksLikeAddress(cell: string | undefined): boolean {
  const value = (cell ?? '').trim().split(/,\s*/)[0] ?? '';
  return IP_LIKE.test(value);
}

/**
 * Which order a row follows, when it tells: the remote address sits under "description" as written and under
 * "address" as headed. Undefined when the row has no address to tell by.
 */
export function dataCenterOrderOf(cells: readonly string[]): ColumnMapping | undefined {
  const underAddress = looksLikeAddress(cells[3]);
  const underDescription = looksLikeAddress(cells[5]);
  if (underDescription && !underAddress) return DATA_CENTER_AS_WRITTEN;
  if (underAddress && !underDescription) return DATA_CENTER_AS_HEADED;
  return undefined;
}
