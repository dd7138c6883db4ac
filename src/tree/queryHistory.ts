// The queries run from the query bar, newest first, kept in workspace state like the filters. What comes
// back from storage is checked again: only texts that still parse are offered.
import { parseQuery } from '../model/query';
import type { KeyValueState } from './storage';

const STATE_KEY = 'confluenceAudit.queryHistory';
export const MAX_HISTORY = 20;

export class QueryHistory {
  constructor(private readonly state?: KeyValueState) {}

  list(): string[] {
    const stored = this.state?.get(STATE_KEY);
    if (!Array.isArray(stored)) return [];
    return stored.filter((t): t is string => typeof t === 'string' && t.trim() !== '' && parseQuery(t).ok).slice(0, MAX_HISTORY);
  }

  /** Puts `text` first (once) and forgets the oldest beyond the limit. */
  async add(text: string): Promise<void> {
    if (text.trim() === '') return;
    await this.state?.update(STATE_KEY, [text, ...this.list().filter((t) => t !== text)].slice(0, MAX_HISTORY));
  }
}
