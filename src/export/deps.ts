// What the export commands need from the rest of the extension (wired in extension.ts).
import type { Logger } from '../log';
import type { RecordFilter } from '../model/filters';
import type { ZoneSetting } from '../model/timeZone';
import type { SiteSessions } from '../sites/siteSessions';
import type { SourceLookup } from '../sources/directory';
import type { ShownRecordsQuery } from '../tree/queries';

export interface ExportDeps {
  sessions: SiteSessions;
  /** What the tree shows: the windows' ranges and the records loaded under them. */
  tree: ShownRecordsQuery;
  filters: { readonly filter: RecordFilter };
  sources: SourceLookup;
  zone: () => ZoneSetting;
  log: Logger;
}

/** Recorded in every manifest. */
export interface ExtensionIdentity {
  id: string;
  version: string;
}
