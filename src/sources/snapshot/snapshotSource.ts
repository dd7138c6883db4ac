// An export opened for review without a connection, as an audit source: its records are held in memory
// and browsed like a site (windows, buckets, detail, filters), starting with the whole export as a window.
import type { RecordPager, RecordQuery } from '../../api';
import type { WindowDefinition } from '../../model/timeWindow';
import { formatIso, type ZoneSetting } from '../../model/timeZone';
import type { AuditSource, SourceAccess, SourceCapabilities, SourceOrigin, SourceRow } from '../source';

/**
 * What pages a snapshot's records: the live pager's contract over records in memory (offline/core's
 * TablePager). Any RecordSource is a WindowReader of the seam.
 */
export interface RecordSource {
  pager(query: RecordQuery, options?: { pageSize?: number }): RecordPager;
}

export interface Snapshot {
  /** Made by snapshotId() (ids.ts), so it never collides with a site id. */
  id: string;
  label: string;
  /** The export file(s) the snapshot was read from. */
  file: string;
  /** When the export was made (from its manifest), if known. */
  exportedAt?: number;
  /** The export's query window, or the span of its records. */
  range: { start: number; end: number };
  recordCount: number;
  /** Pages over the records in memory. */
  source: RecordSource;
}

/** A table in memory searches as the server does; filters stay with the tree. */
const CAPABILITIES: SourceCapabilities = { search: true, serverFilters: [] };

export class SnapshotSource implements AuditSource {
  readonly kind = 'snapshot';
  readonly lifetime = 'opened';
  readonly capabilities = CAPABILITIES;
  readonly windows: readonly WindowDefinition[];
  readonly origin: SourceOrigin;
  private readonly access: SourceAccess;

  /** `fileUrl`: the file as a URL, which a manifest of records exported from the snapshot names as their site. */
  constructor(
    readonly snapshot: Snapshot,
    fileUrl: string,
  ) {
    // A window must end after it starts: an export whose records share one millisecond (one record) spans
    // none, so its window reaches one millisecond further, which still holds nothing but its records.
    const end = Math.max(snapshot.range.end, snapshot.range.start + 1);
    this.windows = [
      { id: 'snapshot-range', label: 'Whole export', spec: { kind: 'absolute', start: snapshot.range.start, end, zone: 'utc' } },
    ];
    this.origin = { url: fileUrl, label: `${snapshot.label} (offline snapshot)`, recordSite: 'Offline snapshot' };
    this.access = { ok: true, reader: snapshot.source };
  }

  get id(): string {
    return this.snapshot.id;
  }

  get label(): string {
    return this.snapshot.label;
  }

  async open(): Promise<SourceAccess> {
    return this.access;
  }

  row(zone: ZoneSetting): SourceRow {
    const { label, exportedAt, recordCount, file } = this.snapshot;
    const exported = exportedAt ? formatIso(exportedAt, zone) : undefined;
    return {
      label: `${label} (snapshot)`,
      icon: 'archive',
      description: exported ? `exported ${exported}` : 'offline',
      tooltip: `Offline snapshot of ${recordCount} ${recordCount === 1 ? 'record' : 'records'}\n${file}${exported ? `\nExported ${exported}` : ''}`,
      contextValue: 'snapshot',
    };
  }
}
