// What each timeline message does, without VS Code: ready starts the count and answers with the view, cancel
// stops it, reveal and select name bars by index and the host maps them to its own buckets and range. The
// panel host (timelinePanel.ts) supplies the tree, the reveal and the window creation.
import { rangeWindowSpec } from '../model/timeline';
import type { AbsoluteSpec } from '../model/windowSpec';
import type { ZoneSetting } from '../model/timeZone';
import type { TimelineView } from '../shared/protocol';
import type { BucketNode } from '../tree/nodes';
import type { TimelineCount } from '../tree/timelineCount';
import { RequestError, type Handlers } from './messageRouter';

export interface TimelineActionDeps {
  count: Pick<TimelineCount, 'chart' | 'progress' | 'start' | 'cancel' | 'recount' | 'bucketAt'>;
  labels: { window: string; source: string; zone: string };
  zone: () => ZoneSetting;
  reveal(bucket: BucketNode): Promise<void>;
  /** Adds the window to the tree under the timeline's source; returns its label. */
  createWindow(spec: AbsoluteSpec): Promise<string>;
}

export function timelineView(deps: Pick<TimelineActionDeps, 'count' | 'labels'>): TimelineView {
  return { windowLabel: deps.labels.window, sourceLabel: deps.labels.source, zoneLabel: deps.labels.zone, chart: deps.count.chart(), progress: deps.count.progress };
}

export function timelineHandlers(deps: TimelineActionDeps): Handlers<'timeline'> {
  return {
    'timeline.ready': async () => {
      // Counting runs on after the answer; the panel posts the view again as buckets are counted.
      void deps.count.start();
      return timelineView(deps);
    },
    'timeline.cancel': async () => {
      deps.count.cancel();
      return null;
    },
    // Count Again: after a stop, a failed bucket or a refresh of the tree; the view follows as it counts.
    'timeline.recount': async () => {
      void deps.count.recount();
      return null;
    },
    'timeline.reveal': async ({ index }) => {
      const bucket = deps.count.bucketAt(index);
      if (!bucket) throw new RequestError('invalid', 'That bar is not in this timeline any more. Reopen the timeline.');
      await deps.reveal(bucket);
      return null;
    },
    'timeline.select': async ({ from, to }) => {
      const spec = rangeWindowSpec(deps.count.chart().bars, from, to, deps.zone());
      if (!spec) throw new RequestError('invalid', 'That range is not in this timeline any more. Reopen the timeline.');
      return { window: await deps.createWindow(spec) };
    },
  };
}
