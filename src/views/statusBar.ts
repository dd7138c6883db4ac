// A status bar item with the site and the last refresh; coloured only when something is wrong.
import * as vscode from 'vscode';
import { formatIso, type ZoneSetting } from '../model/timeZone';
import type { SiteSessions } from '../sites/siteSessions';
import { describeSiteState, type SiteState } from '../sites/siteState';

const PROBLEM_KINDS = new Set<SiteState['kind']>(['tokenRequired', 'tokenRejected', 'notAdmin']);

export class AuditStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('confluenceAudit.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly sessions: SiteSessions,
    private readonly zone: () => ZoneSetting,
  ) {
    this.item.name = 'Confluence Audit';
    this.item.command = 'confluenceAudit.auditLog.focus';
    this.disposables.push(sessions.onDidChange(() => this.update()), sessions.onDidActivity(() => this.update()));
    this.update();
  }

  update(): void {
    const sites = this.sessions.sites();
    if (sites.length === 0) {
      this.item.hide();
      return;
    }
    const problems = sites.filter((s) => PROBLEM_KINDS.has(this.sessions.state(s.id).kind));
    const refreshed = sites
      .map((s) => this.sessions.state(s.id))
      .flatMap((state) => (state.kind === 'ok' && state.lastRefresh ? [state.lastRefresh] : []));
    const last = refreshed.length ? Math.max(...refreshed) : undefined;
    const name = sites.length === 1 ? sites[0].label : `${sites.length} sites`;
    const time = last ? formatIso(last, this.zone()).slice(11, 19) : undefined;
    if (problems.length > 0) {
      this.item.text = `$(warning) ${name}: ${problems.length === 1 ? describe(this.sessions.state(problems[0].id).kind) : `${problems.length} sites need attention`}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.tooltip = problems.map((s) => `${s.label}: ${describe(this.sessions.state(s.id).kind)}`).join('\n');
    } else {
      this.item.text = `$(shield) ${name}${time ? ` · ${time}` : ''}`;
      this.item.backgroundColor = undefined;
      this.item.tooltip = `Confluence Audit: ${sites.map((s) => s.label).join(', ')}${last ? `\nLast refresh ${formatIso(last, this.zone())}` : '\nNot refreshed yet'}`;
    }
    this.item.accessibilityInformation = { label: `Confluence Audit status: ${this.item.text.replace(/\$\([^)]*\)\s*/g, '')}` };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}

function describe(kind: SiteState['kind']): string {
  return describeSiteState(kind) ?? 'ok';
}
