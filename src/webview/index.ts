// The webviews' registration: the record detail and retention panel hosts, their serializers, and the
// virtual documents behind "Compare". extension.ts calls registerWebviews once.
import * as vscode from 'vscode';
import type { AuditRecord } from '../api/types';
import type { Logger } from '../log';
import type { ZoneSetting } from '../model/timeZone';
import type { SiteConfig } from '../sites/siteConfig';
import type { SiteSessions } from '../sites/siteSessions';
import type { RecordDocuments } from '../views/recordDocuments';
import type { WindowNode } from '../tree/nodes';
import { DETAIL_VIEW_TYPE, RETENTION_VIEW_TYPE, type HostMessage, type ResponseMessage } from '../shared/protocol';
import { COMPARE_SCHEME, CompareDocuments } from './compareDocuments';
import { DetailPanels, type RecordSite } from './detailPanel';
import { webviewOptions } from './panelChannel';
import { modalConfirm, RetentionPanels, type ConfirmFunction } from './retentionPanel';
import { TimelinePanels, type TimelineLabels, type TimelinePanelDeps } from './timelinePanel';

export { DETAIL_VIEW_TYPE, RETENTION_VIEW_TYPE } from '../shared/protocol';
export type { ConfirmAnswer, ConfirmRequest } from './retentionActions';
export type { ConfirmFunction } from './retentionPanel';

export interface WebviewDeps {
  sessions: SiteSessions;
  /** The read-only JSON documents (the accessible text alternative to the detail view). */
  documents: RecordDocuments;
  log: Logger;
  zone: () => ZoneSetting;
  /** Shows a time window in the Audit Log tree, e.g. with TreeView.reveal (the tree owns its nodes). */
  revealWindow(siteId: string, windowId: string): Promise<void>;
  /** The tree state and tree view functions the timeline uses. */
  timeline: Omit<TimelinePanelDeps, 'extensionUri' | 'log' | 'zone'>;
}

/** What a test sees of one panel: the messages sent to its webview, and a way to send it one. */
export interface PanelProbe {
  readonly panel: vscode.WebviewPanel;
  /** The last few messages posted to the webview, oldest first. */
  readonly posted: readonly HostMessage[];
  /** Messages refused by the validator so far. */
  readonly rejected: number;
  /** Routes a message exactly as if the webview had sent it; resolves with its response (none if rejected). */
  receive(raw: unknown): Promise<ResponseMessage | undefined>;
}

export interface DetailPanelProbe extends PanelProbe {
  readonly pinned: boolean;
  readonly record: AuditRecord | undefined;
}

export interface WebviewTestHooks {
  detailPanels(): DetailPanelProbe[];
  retentionPanel(siteId: string): PanelProbe | undefined;
  /** The timeline panel of a window node id, with its count's progress. */
  timelinePanel(windowNodeId: string): (PanelProbe & { readonly progress: { state: string; counted: number; buckets: number } }) | undefined;
  /** Replaces the modal confirmation of the retention panel (undefined restores the modal). */
  setConfirm(confirm: ConfirmFunction | undefined): void;
  /** Runs the serializer on a new panel with `state`, as VS Code does after a window reload. */
  restore(kind: 'detail' | 'retention', state: unknown): Promise<void>;
}

export interface WebviewsApi {
  showRecord(record: AuditRecord, site: RecordSite): void;
  showRetention(site: SiteConfig): void;
  showTimeline(window: WindowNode, labels: TimelineLabels): void;
  readonly testing: WebviewTestHooks;
}

export function registerWebviews(context: vscode.ExtensionContext, deps: WebviewDeps): WebviewsApi {
  const compare = new CompareDocuments();
  let confirm: ConfirmFunction = modalConfirm;
  const detail = new DetailPanels({ ...deps, extensionUri: context.extensionUri, compare, revealWindow: (s, w) => deps.revealWindow(s, w) });
  const retention = new RetentionPanels({ extensionUri: context.extensionUri, sessions: deps.sessions, log: deps.log, zone: deps.zone, confirm: () => confirm });
  const timeline = new TimelinePanels({ ...deps.timeline, extensionUri: context.extensionUri, log: deps.log, zone: deps.zone });

  context.subscriptions.push(
    detail,
    retention,
    timeline,
    vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, compare),
    vscode.window.registerWebviewPanelSerializer(DETAIL_VIEW_TYPE, detail),
    vscode.window.registerWebviewPanelSerializer(RETENTION_VIEW_TYPE, retention),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('confluenceAudit.timeZone')) detail.rerenderAll();
    }),
  );

  return {
    showRecord: (record, site) => {
      detail.showRecord(record, site);
    },
    showRetention: (site) => {
      retention.show(site);
    },
    showTimeline: (window, labels) => {
      timeline.show(window, labels);
    },
    testing: {
      detailPanels: () =>
        detail.all().map((p) => ({
          panel: p.panel,
          get posted() {
            return p.channel.posted;
          },
          get rejected() {
            return p.channel.rejected;
          },
          get pinned() {
            return p.pinned;
          },
          get record() {
            return p.record;
          },
          receive: (raw: unknown) => p.channel.receive(raw),
        })),
      retentionPanel: (siteId) => {
        const p = retention.get(siteId);
        if (!p) return undefined;
        return {
          panel: p.panel,
          get posted() {
            return p.channel.posted;
          },
          get rejected() {
            return p.channel.rejected;
          },
          receive: (raw: unknown) => p.channel.receive(raw),
        };
      },
      timelinePanel: (windowNodeId) => {
        const p = timeline.all().find((t) => t.window.id === windowNodeId);
        if (!p) return undefined;
        return {
          panel: p.panel,
          get posted() {
            return p.channel.posted;
          },
          get rejected() {
            return p.channel.rejected;
          },
          get progress() {
            return p.count.progress;
          },
          receive: (raw: unknown) => p.channel.receive(raw),
        };
      },
      setConfirm: (fn) => {
        confirm = fn ?? modalConfirm;
      },
      restore: async (kind, state) => {
        const viewType = kind === 'detail' ? DETAIL_VIEW_TYPE : RETENTION_VIEW_TYPE;
        const panel = vscode.window.createWebviewPanel(viewType, 'Restoring…', vscode.ViewColumn.Active, webviewOptions(context.extensionUri));
        await (kind === 'detail' ? detail : retention).deserializeWebviewPanel(panel, state);
      },
    },
  };
}
