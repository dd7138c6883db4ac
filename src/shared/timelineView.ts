// What the timeline webview shows: a window's bars and how far the count has come. Part of the message
// protocol (protocol.ts); no 'vscode' import (the front end imports it too).
import type { TimelineChart } from '../model/timelineChart';

export interface TimelineView {
  /** The window's label and its source's (plain text). */
  windowLabel: string;
  sourceLabel: string;
  zoneLabel: string;
  chart: TimelineChart;
  progress: {
    state: 'idle' | 'counting' | 'complete' | 'cancelled';
    counted: number;
    failed: number;
    buckets: number;
    /** The tree was refreshed after the count: its counts are of the window as it was then. */
    stale: boolean;
    /** Why a bucket failed (the first that did). */
    failure?: string;
  };
}
