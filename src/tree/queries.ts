// The narrow faces of the tree state that other folders depend on: exports read what a window shows, filter
// commands ask for suggestions. Neither walks the tree view's items.
import type { FilterKind } from '../model/filters';
import type { SourcedRecord } from '../model/sourceFields';
import type { WindowDefinition } from '../model/timeWindow';
import type { BucketNode, WindowNode } from './nodes';

/** The absolute range and search string a window or bucket stands for (what an export of it covers). */
export interface WindowQuery {
  siteId: string;
  start: number;
  end: number;
  searchString?: string;
}

/** A window that shows records now, as the "Export Shown Records" picker lists it. */
export interface WindowChoice {
  node: WindowNode;
  label: string;
  shown: number;
}

export interface ShownRecordsQuery {
  queryOf(node: WindowNode | BucketNode): WindowQuery | undefined;
  /** The records shown under a window or bucket (loaded and matching the filters), newest first. */
  shownRecords(node: WindowNode | BucketNode): SourcedRecord[];
  /** The windows that show records now, in tree order. */
  windowChoices(): WindowChoice[];
  /** The windows listed under a source, its own first (what an export prompt offers). */
  windowsOf(sourceId: string): WindowDefinition[];
}

export interface FilterSuggestions {
  /** Values to suggest for a filter of this kind, most useful first. */
  suggestions(kind: FilterKind): Promise<string[]>;
}
