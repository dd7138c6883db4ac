// The source seam. An audit source is what the tree browses: a site of the Confluence audit API today
// (sources/cloud), an export file opened as a snapshot (sources/snapshot), and next Data Center advanced
// auditing and an Atlassian organization log. The tree state, the commands and the exports know a source
// only through this file, so a new kind of source is a new folder beside cloud/ and snapshot/.
// No vscode import.
import type { ExportFormat } from '../api/types';
import type { ExportFileFormat } from '../exportFile/fileFormat';
import type { Event } from '../model/emitter';
import type { FilterKind, RecordFilter } from '../model/filters';
import type { SourcedRecord } from '../model/sourceFields';
import type { WindowDefinition } from '../model/timeWindow';
import type { ZoneSetting } from '../model/timeZone';

export type SourceKind = 'cloud' | 'dc' | 'org' | 'snapshot';

/**
 * One absolute window (inclusive epoch ms) as a source is asked for it. Shaped as the API's range query,
 * so the Cloud client and a snapshot's table pager read it as it is.
 */
export interface SourceWindow {
  kind: 'range';
  startDate: number;
  endDate: number;
  /** Set only for a source that can search (capabilities.search). */
  searchString?: string;
  /** Only the kinds in capabilities.serverFilters; the tree applies the whole filter to what arrives anyway. */
  filter?: RecordFilter;
}

/**
 * The cursor through one window: each next() gives the following page, newest first, every record once,
 * [] once done. It remembers where the last page ended (a keyset cursor, a server's cursor, a row index).
 * Records come in the normalised shape: the Cloud record, plus the fields only this source has.
 */
export interface WindowPager {
  readonly done: boolean;
  next(signal?: AbortSignal): Promise<SourcedRecord[]>;
}

/** Opens cursors on windows of a source that can be read now. */
export interface WindowReader {
  pager(window: SourceWindow, options: { pageSize: number }): WindowPager;
}

/** Why a source cannot be read now, with the next action; the tree shows it instead of the windows. */
export interface SourceNotice {
  text: string;
  severity: 'warning' | 'error';
  detail?: string;
  action?: { command: string; title: string; args: unknown[] };
}

export type SourceAccess = { ok: true; reader: WindowReader } | { ok: false; notices: SourceNotice[] };

/** What a source does itself (on its server, or over its own table) rather than the tree on loaded records. */
export interface SourceCapabilities {
  /** Matches a window's search string. */
  readonly search: boolean;
  /** Filter kinds it applies while paging; a change of the filter then reloads its windows. */
  readonly serverFilters: readonly FilterKind[];
}

/** How a source's row looks in the tree; items are built from it in views/treeItems.ts. */
export interface SourceRow {
  label: string;
  /** A codicon id. */
  icon: string;
  description?: string;
  tooltip?: string;
  /** The menus' `viewItem`. */
  contextValue: string;
  /** For screen readers, when label and description alone say too little. */
  accessibilityLabel?: string;
}

/** What a source adds to a window's row: where its filters ran, what its server does not log. */
export interface WindowNote {
  tooltip: string;
  description?: string;
}

/** How records of a source name where they came from. */
export interface SourceOrigin {
  /** A manifest's `site.url` for records exported from it. */
  url: string;
  /** A manifest's `site.label`, and its name in the export picker. */
  label: string;
  /** The detail view's "site" of one of its records. */
  recordSite: string;
}

export interface AuditSource {
  /** Unique across kinds; keys node ids, windows and stored searches. */
  readonly id: string;
  readonly kind: SourceKind;
  /** Configured in settings (a site), or opened for this session (an export file) and closed again. */
  readonly lifetime: 'configured' | 'opened';
  /** Its own name: the site's label, the export file's name. */
  readonly label: string;
  readonly origin: SourceOrigin;
  /** The windows listed before the user's own: the presets for a live site, the whole file for a snapshot. */
  readonly windows: readonly WindowDefinition[];
  readonly capabilities: SourceCapabilities;
  row(zone: ZoneSetting): SourceRow;
  /** Whether it can be read now (credentials, connection), and how. */
  open(): Promise<SourceAccess>;
  /** Values of a filter kind it can list without loading records (Data Center categories, org actions). */
  facets?(kind: FilterKind, signal?: AbortSignal): Promise<string[]>;
  /** Its server exports a window as a file in these formats. */
  readonly serverExport?: { readonly formats: readonly ExportFormat[] };
  /** It deletes records after a period the retention panel can change. */
  readonly retention?: { readonly editable: boolean };
  /** Why it has no retention to show (said by the retention command instead of nothing). */
  readonly retentionNote?: string;
  /** Its windows are exported by writing the records read through its pager (no server export). */
  readonly eventExport?: { readonly formats: readonly ExportFileFormat[] };
  /** A remark on each of its windows under the view's current filter. */
  windowNote?(filter: RecordFilter): WindowNote | undefined;
}

/**
 * What changed in a list of sources: `reload` says the data of `sourceId` (every source when undefined)
 * may differ now and must be read again; otherwise only the list (a source added or removed) changed.
 */
export interface SourceChange {
  sourceId?: string;
  reload: boolean;
}

/** The sources of one kind, in the order the tree lists them. */
export interface SourceList {
  sources(): AuditSource[];
  source(id: string): AuditSource | undefined;
  readonly onDidChangeSources: Event<SourceChange>;
}
