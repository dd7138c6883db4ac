// The record detail panels: one panel is reused for the next record unless it is pinned; a pinned panel
// keeps its record and the next record opens a new panel. Panels come back after a reload through a
// serializer that refetches the record from its identity (site, millisecond, content key).
import * as vscode from 'vscode';
import { AuditError, recordKey } from '../api';
import type { AuditRecord } from '../api/types';
import type { Logger } from '../log';
import { singleLine } from '../model/safeText';
import type { ZoneSetting } from '../model/timeZone';
import type { SiteSessions } from '../sites/siteSessions';
import type { RecordDocuments } from '../views/recordDocuments';
import { DETAIL_VIEW_TYPE, type RecordIdentity, type SourceFieldsOrigin } from '../shared/protocol';
import { validateDetailState } from '../shared/validateMessage';
import type { CompareDocuments } from './compareDocuments';
import { detailHandlers, type AbsoluteWindowSpec, type DetailEffects, type DetailSubject, type PivotFilterKind } from './detailActions';
import { RequestError } from './messageRouter';
import { PanelChannel, setPanelHtml, webviewOptions } from './panelChannel';
import { buildRecordView } from './recordViewModel';
import { siteUnavailable } from './siteAccess';

export interface DetailPanelDeps {
  extensionUri: vscode.Uri;
  sessions: SiteSessions;
  documents: RecordDocuments;
  compare: CompareDocuments;
  log: Logger;
  zone: () => ZoneSetting;
  /** Shows a time window in the Audit Log tree (the tree owns reveal). */
  revealWindow(siteId: string, windowId: string): Promise<void>;
}

/** Where a record shown in the detail comes from: its source's id and label, and what it was read from. */
export interface RecordSite {
  id: string;
  label: string;
  fieldsFrom: SourceFieldsOrigin;
}

export function subjectFor(record: AuditRecord, site: RecordSite, zone: ZoneSetting): DetailSubject {
  return {
    record,
    siteId: site.id,
    siteLabel: site.label,
    fieldsFrom: site.fieldsFrom,
    view: buildRecordView(record, site.label, zone, site.fieldsFrom),
    identity: { siteId: site.id, creationDate: record.creationDate, key: recordKey(record) },
  };
}

function panelTitle(subject: DetailSubject | undefined, pinned: boolean): string {
  const name = subject ? singleLine(subject.record.summary || 'Audit record', 48) : 'Audit record';
  return pinned ? `📌 ${name}` : name;
}

/** One detail panel and the record it shows. */
export class DetailPanel implements vscode.Disposable {
  readonly channel: PanelChannel<'detail'>;
  private subject: DetailSubject | undefined;
  private pending: Promise<DetailSubject> | undefined;
  private pinnedState: boolean;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: DetailPanelDeps,
    private readonly manager: DetailPanels,
    initial: { subject: DetailSubject } | { restore: RecordIdentity },
    pinned = false,
  ) {
    this.pinnedState = pinned;
    if ('subject' in initial) this.subject = initial.subject;
    else this.pending = this.restore(initial.restore);
    this.channel = new PanelChannel(panel, 'detail', detailHandlers({ subject: () => this.currentSubject(initial), pinned: () => this.pinnedState, effects: this.effects() }), deps.log);
    setPanelHtml(panel, deps.extensionUri, 'detail', 'Audit record');
    this.updateTitle();
    this.disposables.push(this.channel, panel.onDidDispose(() => this.dispose()));
  }

  get pinned(): boolean {
    return this.pinnedState;
  }

  get record(): AuditRecord | undefined {
    return this.subject?.record;
  }

  /** Shows another record in this (unpinned) panel. */
  show(subject: DetailSubject): void {
    this.subject = subject;
    this.pending = undefined;
    this.updateTitle();
    void this.channel.post({ type: 'detail.show', view: subject.view, identity: subject.identity, pinned: this.pinnedState });
    this.panel.reveal(undefined, false);
  }

  /** Re-renders after a display setting (the time zone) changed. */
  rerender(): void {
    if (!this.subject) return;
    const site = { id: this.subject.siteId, label: this.subject.siteLabel, fieldsFrom: this.subject.fieldsFrom };
    this.show(subjectFor(this.subject.record, site, this.deps.zone()));
  }

  setPinned(pinned: boolean): void {
    this.pinnedState = pinned;
    this.updateTitle();
    this.manager.pinChanged(this, pinned);
  }

  private updateTitle(): void {
    this.panel.title = panelTitle(this.subject, this.pinnedState);
  }

  private async currentSubject(initial: { subject: DetailSubject } | { restore: RecordIdentity }): Promise<DetailSubject> {
    if (this.subject) return this.subject;
    if (!this.pending && 'restore' in initial) this.pending = this.restore(initial.restore); // retry after a failure
    if (!this.pending) throw new RequestError('unavailable', 'No record is shown in this panel.');
    try {
      return await this.pending;
    } catch (e) {
      this.pending = undefined;
      throw e;
    }
  }

  /** Finds the record again: the records of its millisecond, matched by content key. */
  private async restore(identity: RecordIdentity): Promise<DetailSubject> {
    const site = this.deps.sessions.store.get(identity.siteId);
    if (!site) throw new RequestError('unavailable', 'The Confluence site of this record is no longer configured.');
    const access = await this.deps.sessions.client(site);
    if (!access.ok) throw siteUnavailable(site, access.state);
    try {
      for await (const record of access.client.records({ kind: 'range', startDate: identity.creationDate, endDate: identity.creationDate })) {
        if (recordKey(record) === identity.key) {
          // Read again through the site's audit API, the record comes from the site, whatever it was opened from.
          const subject = subjectFor(record, { id: site.id, label: site.label, fieldsFrom: site.deployment === 'datacenter' ? 'dataCenter' : 'site' }, this.deps.zone());
          this.subject = subject;
          this.updateTitle();
          return subject;
        }
      }
    } catch (e) {
      if (e instanceof AuditError) this.deps.sessions.noteError(site.id, e);
      throw e;
    }
    throw new RequestError('unavailable', 'This record is no longer in the audit log: the retention period may have removed it.');
  }

  private effects(): DetailEffects {
    const { deps } = this;
    return {
      copyText: async (text) => {
        await vscode.env.clipboard.writeText(text);
      },
      openJson: async (record, siteLabel) => {
        await deps.documents.open(record, siteLabel);
      },
      compare: (oldText, newText, title) => deps.compare.open(oldText, newText, title),
      addFilter: async (kind: PivotFilterKind, value: string, label?: string) => {
        await vscode.commands.executeCommand('confluenceAudit.addFilter', kind, value, label);
      },
      addTimeWindow: async (siteId: string, spec: AbsoluteWindowSpec) => {
        const id = await vscode.commands.executeCommand<unknown>('confluenceAudit.addTimeWindow', siteId, spec);
        return typeof id === 'string' ? id : undefined;
      },
      revealWindow: (siteId, windowId) => deps.revealWindow(siteId, windowId),
      setPinned: (pinned) => this.setPinned(pinned),
    };
  }

  dispose(): void {
    this.manager.closed(this);
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

/** All detail panels, and the serializer that restores them after a reload. */
export class DetailPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Set<DetailPanel>();
  /** The panel the next record goes to (the most recent unpinned one). */
  private reusable: DetailPanel | undefined;

  constructor(private readonly deps: DetailPanelDeps) {}

  all(): DetailPanel[] {
    return [...this.panels];
  }

  showRecord(record: AuditRecord, site: RecordSite): DetailPanel {
    const subject = subjectFor(record, site, this.deps.zone());
    if (this.reusable && !this.reusable.pinned) {
      this.reusable.show(subject);
      return this.reusable;
    }
    const panel = vscode.window.createWebviewPanel(DETAIL_VIEW_TYPE, 'Audit record', vscode.ViewColumn.Active, webviewOptions(this.deps.extensionUri));
    return this.adopt(new DetailPanel(panel, this.deps, this, { subject }));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = validateDetailState(state);
    if (!restored) {
      // Nothing trustworthy to restore from: close rather than show an empty panel.
      this.deps.log.warn('A record detail panel could not be restored: its saved state is missing or malformed.');
      panel.dispose();
      return;
    }
    this.adopt(new DetailPanel(panel, this.deps, this, { restore: restored.identity }, restored.pinned));
  }

  rerenderAll(): void {
    for (const panel of this.panels) panel.rerender();
  }

  private adopt(panel: DetailPanel): DetailPanel {
    this.panels.add(panel);
    if (!panel.pinned) this.reusable = panel;
    return panel;
  }

  pinChanged(panel: DetailPanel, pinned: boolean): void {
    if (pinned && this.reusable === panel) this.reusable = undefined;
    if (!pinned) this.reusable = panel;
  }

  closed(panel: DetailPanel): void {
    this.panels.delete(panel);
    if (this.reusable === panel) this.reusable = undefined;
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.panel.dispose();
  }
}
