// What the export commands need from the rest of the extension (wired in extension.ts).
import type { Logger } from '../log';
import type { ZoneSetting } from '../model/timeZone';
import type { SiteSessions } from '../sites/siteSessions';
import type { AuditTreeProvider } from '../views/auditTreeProvider';
import type { FilterState } from '../views/filterState';
import type { SnapshotRegistry } from '../views/snapshots';

export interface ExportDeps {
  sessions: SiteSessions;
  tree: AuditTreeProvider;
  filters: FilterState;
  snapshots: SnapshotRegistry;
  zone: () => ZoneSetting;
  log: Logger;
}

/** Recorded in every manifest. */
export interface ExtensionIdentity {
  id: string;
  version: string;
}
