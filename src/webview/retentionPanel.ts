// The retention editor: one panel per site, restored after a reload from the site id the webview saved.
import * as vscode from 'vscode';
import type { Logger } from '../log';
import { formatIso, type ZoneSetting } from '../model/timeZone';
import type { SiteConfig } from '../sites/siteConfig';
import type { SiteSessions } from '../sites/siteSessions';
import { RETENTION_VIEW_TYPE } from '../shared/protocol';
import { validateRetentionState } from '../shared/validateMessage';
import { RequestError } from './messageRouter';
import { PanelChannel, setPanelHtml, webviewOptions } from './panelChannel';
import { RetentionActions, type ConfirmAnswer, type ConfirmRequest, type RetentionBackend } from './retentionActions';
import { buildConfirmation, EXPORT_FIRST_COMMAND } from './retentionConfirm';
import { retentionBackend } from './siteAccess';

export type ConfirmFunction = (request: ConfirmRequest) => Promise<ConfirmAnswer>;

export interface RetentionPanelDeps {
  extensionUri: vscode.Uri;
  sessions: SiteSessions;
  log: Logger;
  zone: () => ZoneSetting;
  /** The confirmation dialog in use: the modal, or a stub put in by an integration test. */
  confirm: () => ConfirmFunction;
}

/** Asks in a modal warning dialog; closing it or pressing Escape answers 'cancel'. */
export async function modalConfirm(request: ConfirmRequest): Promise<ConfirmAnswer> {
  const c = buildConfirmation(request);
  const items = c.exportLabel === undefined ? [c.proceedLabel] : [c.proceedLabel, c.exportLabel];
  const picked = await vscode.window.showWarningMessage(c.message, { modal: true, detail: c.detail }, ...items);
  if (picked === c.proceedLabel) return 'proceed';
  if (c.exportLabel !== undefined && picked === c.exportLabel) return 'exportFirst';
  return 'cancel';
}

function panelTitle(label: string): string {
  return `Audit Retention: ${label}`;
}

export class RetentionPanel implements vscode.Disposable {
  readonly channel: PanelChannel<'retention'>;
  private readonly actions: RetentionActions;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly siteId: string,
    site: SiteConfig | undefined,
    deps: RetentionPanelDeps,
    private readonly onClosed: (panel: RetentionPanel) => void,
  ) {
    const label = site?.label ?? 'removed site';
    const backend: () => Promise<RetentionBackend> = site
      ? retentionBackend(deps.sessions, site)
      : () => Promise.reject(new RequestError('unavailable', 'This Confluence site is no longer configured. Close this panel.'));
    this.actions = new RetentionActions({
      siteId,
      siteLabel: label,
      backend,
      confirm: (request) => deps.confirm()(request),
      exportFirst: async (id, range) => {
        await vscode.commands.executeCommand(EXPORT_FIRST_COMMAND, { siteId: id, start: range.start, end: range.end });
      },
      now: () => Date.now(),
      formatTime: (ms) => formatIso(ms, deps.zone()),
    });
    this.channel = new PanelChannel(panel, 'retention', this.actions.handlers(), deps.log);
    panel.title = panelTitle(label);
    setPanelHtml(panel, deps.extensionUri, 'retention', panelTitle(label));
    this.disposables.push(this.channel, panel.onDidDispose(() => this.dispose()));
  }

  dispose(): void {
    this.actions.dispose();
    this.onClosed(this);
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

export class RetentionPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, RetentionPanel>();

  constructor(private readonly deps: RetentionPanelDeps) {}

  get(siteId: string): RetentionPanel | undefined {
    return this.panels.get(siteId);
  }

  show(site: SiteConfig): RetentionPanel {
    const existing = this.panels.get(site.id);
    if (existing) {
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(RETENTION_VIEW_TYPE, panelTitle(site.label), vscode.ViewColumn.Active, webviewOptions(this.deps.extensionUri));
    return this.adopt(panel, site.id);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = validateRetentionState(state);
    if (!restored || this.panels.has(restored.siteId)) {
      if (!restored) this.deps.log.warn('A retention panel could not be restored: its saved state is missing or malformed.');
      panel.dispose();
      return;
    }
    this.adopt(panel, restored.siteId);
  }

  private adopt(panel: vscode.WebviewPanel, siteId: string): RetentionPanel {
    const host = new RetentionPanel(panel, siteId, this.deps.sessions.store.get(siteId), this.deps, (closed) => {
      if (this.panels.get(closed.siteId) === closed) this.panels.delete(closed.siteId);
    });
    this.panels.set(siteId, host);
    return host;
  }

  dispose(): void {
    for (const host of [...this.panels.values()]) host.panel.dispose();
  }
}
