// The timeline panel host: one panel per window, counting through the tree state while it is open and
// posting the view again as buckets are counted. Closing the panel stops the count (the pages loaded stay
// in the tree). Not restored after a reload: counting again is the user's choice.
import * as vscode from 'vscode';
import type { Logger } from '../log';
import type { AbsoluteSpec } from '../model/windowSpec';
import type { ZoneSetting } from '../model/timeZone';
import { TIMELINE_VIEW_TYPE } from '../shared/protocol';
import type { BucketNode, WindowNode } from '../tree/nodes';
import { TimelineCount, type TimelineTree } from '../tree/timelineCount';
import { PanelChannel, setPanelHtml, webviewOptions } from './panelChannel';
import { timelineHandlers, timelineView } from './timelineActions';

export interface TimelineLabels {
  window: string;
  source: string;
  zone: string;
}

export interface TimelinePanelDeps {
  extensionUri: vscode.Uri;
  log: Logger;
  tree: TimelineTree;
  zone: () => ZoneSetting;
  revealBucket(bucket: BucketNode): Promise<void>;
  /** Adds a window to a source's tree and shows it; returns its label. */
  createWindow(sourceId: string, spec: AbsoluteSpec): Promise<string>;
}

function panelTitle(labels: TimelineLabels): string {
  return `Timeline: ${labels.window}`;
}

export class TimelinePanel implements vscode.Disposable {
  readonly channel: PanelChannel<'timeline'>;
  readonly count: TimelineCount;
  private readonly disposables: vscode.Disposable[] = [];
  private postScheduled = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly window: WindowNode,
    labels: TimelineLabels,
    deps: TimelinePanelDeps,
    private readonly onClosed: (panel: TimelinePanel) => void,
  ) {
    this.count = new TimelineCount(deps.tree, window, { changed: () => this.schedulePost(labels) });
    const handlers = timelineHandlers({
      count: this.count,
      labels,
      zone: deps.zone,
      reveal: (bucket) => deps.revealBucket(bucket),
      createWindow: (spec) => deps.createWindow(window.siteId, spec),
    });
    this.channel = new PanelChannel(panel, 'timeline', handlers, deps.log);
    panel.title = panelTitle(labels);
    setPanelHtml(panel, deps.extensionUri, 'timeline', panelTitle(labels));
    this.disposables.push(this.channel, panel.onDidDispose(() => this.dispose()));
  }

  /** Buckets finish in bursts: one post per turn of the event loop carries them all. */
  private schedulePost(labels: TimelineLabels): void {
    if (this.postScheduled) return;
    this.postScheduled = true;
    setImmediate(() => {
      this.postScheduled = false;
      void this.channel.post({ type: 'timeline.show', view: timelineView({ count: this.count, labels }) }).then(undefined, () => undefined);
    });
  }

  dispose(): void {
    this.count.dispose();
    this.onClosed(this);
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

export class TimelinePanels implements vscode.Disposable {
  private readonly panels = new Map<string, TimelinePanel>();

  constructor(private readonly deps: TimelinePanelDeps) {}

  all(): TimelinePanel[] {
    return [...this.panels.values()];
  }

  show(window: WindowNode, labels: TimelineLabels): TimelinePanel {
    const existing = this.panels.get(window.id);
    if (existing) {
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, panelTitle(labels), vscode.ViewColumn.Active, webviewOptions(this.deps.extensionUri));
    const host = new TimelinePanel(panel, window, labels, this.deps, (closed) => {
      if (this.panels.get(closed.window.id) === closed) this.panels.delete(closed.window.id);
    });
    this.panels.set(window.id, host);
    return host;
  }

  dispose(): void {
    for (const host of [...this.panels.values()]) host.panel.dispose();
  }
}
