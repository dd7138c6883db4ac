// Which windows and buckets the user had expanded, kept in workspace state so a window reload opens the
// tree as it was (node ids are stable). Bounded: the oldest entries go first.
import type * as vscode from 'vscode';

const STATE_KEY = 'confluenceAudit.expanded';
const MAX_IDS = 200;

export class ExpansionMemory {
  private ids: string[];

  constructor(private readonly state: vscode.Memento) {
    const stored = state.get<unknown>(STATE_KEY);
    this.ids = Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string').slice(-MAX_IDS) : [];
  }

  isExpanded(id: string): boolean {
    return this.ids.includes(id);
  }

  set(id: string, expanded: boolean): void {
    const rest = this.ids.filter((i) => i !== id);
    this.ids = expanded ? [...rest, id].slice(-MAX_IDS) : rest;
    void this.state.update(STATE_KEY, this.ids);
  }
}
