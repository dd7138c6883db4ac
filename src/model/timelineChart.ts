// The shape of a timeline as the webview receives it; no imports, so the front end's type check (media/)
// reads this file alone. Built by model/timeline.ts.

export type BarState = 'pending' | 'counting' | 'counted' | 'failed';

export interface TimelineBar {
  label: string;
  /** Epoch ms, inclusive. */
  start: number;
  end: number;
  /** Records per category, aligned with TimelineChart.categories. */
  counts: number[];
  /** Records of categories beyond the stacked ones. */
  other: number;
  total: number;
  state: BarState;
}

export interface TimelineChart {
  /** Category names as the server wrote them (hostile text), most records first. */
  categories: string[];
  /** Oldest first. */
  bars: TimelineBar[];
}
