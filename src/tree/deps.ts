// What the tree state is built from: the sources, the stored windows, the filters and the display settings,
// each as the little the state needs (the extension passes SourceDirectory, WindowStore, FilterState).
import type { LogSink } from '../api/log';
import type { Granularity } from '../model/buckets';
import type { Event } from '../model/emitter';
import type { RecordFilter } from '../model/filters';
import type { WindowDefinition } from '../model/timeWindow';
import type { ZoneSetting } from '../model/timeZone';
import type { AuditSource, SourceChange } from '../sources/source';
import type { RowFilter } from './rows';

export interface TreeSettings {
  zone: ZoneSetting;
  pageSize: number;
  granularity: Granularity;
}

export interface TreeStateDeps {
  sources: { list(): AuditSource[]; get(id: string): AuditSource | undefined; readonly onDidChange: Event<SourceChange> };
  windows: { list(sourceId: string, first: readonly WindowDefinition[]): WindowDefinition[]; isCustom(windowId: string): boolean };
  filters: RowFilter & { readonly filter: RecordFilter; readonly onDidChange: Event<void> };
  settings: () => TreeSettings;
  log: LogSink;
  now?: () => number;
  /** Runs a page load under the view's progress bar; without one, just runs it. */
  progress?: (task: () => Promise<void>) => PromiseLike<void>;
}
