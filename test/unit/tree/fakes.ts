// Test doubles for the tree state: an audit source over records held in an array (it records what the tree
// asked of it and can be told to fail or to refuse access), a Map as storage, and a tree state wired to them.
import { AuditError } from '../../../src/api';
import { announceRetryWait } from '../../../src/api/retryWaits';
import type { AuditRecord } from '../../../src/api/types';
import { Emitter } from '../../../src/model/emitter';
import type { FilterKind } from '../../../src/model/filters';
import type { SourcedRecord } from '../../../src/model/sourceFields';
import type { WindowDefinition } from '../../../src/model/timeWindow';
import type { AuditSource, SourceAccess, SourceCapabilities, SourceChange, SourceNotice, SourceRow, SourceWindow, WindowPager } from '../../../src/sources/source';
import type { TreeSettings } from '../../../src/tree/deps';
import { FilterState } from '../../../src/tree/filters';
import type { KeyValueState } from '../../../src/tree/storage';
import { TreeState } from '../../../src/tree/treeState';
import { WindowStore } from '../../../src/tree/windowStore';
import { sampleRecord } from '../model/sampleRecord';

export const DAY = 86_400_000;
/** Noon UTC on 15 January 2025: "now" for every tree test. */
export const NOW = Date.UTC(2025, 0, 15, 12);
/** Three whole UTC days ending at midnight before NOW: day buckets of the 12th, 13th and 14th. */
export const THREE_DAYS: WindowDefinition = {
  id: 'three-days',
  label: 'Three days',
  spec: { kind: 'absolute', start: Date.UTC(2025, 0, 12), end: Date.UTC(2025, 0, 15) - 1, zone: 'utc' },
};
export const LAST_HOUR: WindowDefinition = { id: 'last-hour', spec: { kind: 'preset', id: 'last-hour' } };

export const SETTINGS: TreeSettings = { zone: 'utc', pageSize: 2, granularity: 'day' };

export function recordAt(creationDate: number, overrides: Partial<AuditRecord> = {}): SourcedRecord {
  return sampleRecord({ creationDate, summary: `event at ${new Date(creationDate).toISOString()}`, ...overrides });
}

export class FakeSource implements AuditSource {
  readonly kind: AuditSource['kind'] = 'cloud';
  lifetime: AuditSource['lifetime'] = 'configured';
  capabilities: SourceCapabilities = { search: true, serverFilters: [] };
  serverExport: AuditSource['serverExport'] = { formats: ['csv', 'zip'] };
  retention: AuditSource['retention'] = { editable: true };
  origin = { url: 'https://fake.example', label: 'Fake', recordSite: 'Fake' };
  /** Set to show notices instead of the windows, as a signed-out site does. */
  notices: SourceNotice[] | undefined;
  /** Each window the tree asked a pager for, in order. */
  readonly asked: SourceWindow[] = [];
  /** The next page requests fail with these errors, one each. */
  readonly failures: Error[] = [];
  /** The next page request waits for the rate limit until then, as the client announces it, until cancelled. */
  rateLimitUntil: number | undefined;
  facets?: (kind: FilterKind) => Promise<string[]>;

  constructor(
    readonly id: string,
    public records: SourcedRecord[] = [],
    readonly windows: WindowDefinition[] = [THREE_DAYS],
    readonly label = id,
  ) {}

  row(): SourceRow {
    return { label: this.label, icon: 'globe', contextValue: 'fake' };
  }

  async open(): Promise<SourceAccess> {
    if (this.notices) return { ok: false, notices: this.notices };
    return { ok: true, reader: { pager: (window) => this.pager(window) } };
  }

  private pager(window: SourceWindow): WindowPager {
    this.asked.push(window);
    const matching = this.records
      .filter((r) => r.creationDate >= window.startDate && r.creationDate <= window.endDate)
      .filter((r) => !window.searchString || r.summary.includes(window.searchString))
      .sort((a, b) => b.creationDate - a.creationDate);
    let position = 0;
    const next = async (signal?: AbortSignal): Promise<SourcedRecord[]> => {
      const until = this.rateLimitUntil;
      this.rateLimitUntil = undefined;
      if (until !== undefined) {
        announceRetryWait(signal, { until, kind: 'rateLimited' });
        await new Promise<never>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new AuditError('cancelled', 'The request was cancelled.')), { once: true }));
      }
      const failure = this.failures.shift();
      if (failure) throw failure;
      const page = matching.slice(position, position + SETTINGS.pageSize);
      position += page.length;
      return page;
    };
    return {
      get done() {
        return position >= matching.length;
      },
      next,
    };
  }
}

export function serverError(): AuditError {
  return new AuditError('server', 'Confluence answered 500.', { status: 500 });
}

export class MemoryState implements KeyValueState {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

/** A tree state over `sources` (listed in that order), with everything it keeps in memory. */
export function treeOver(sources: FakeSource[], options: { now?: () => number } = {}) {
  const changes = new Emitter<SourceChange>();
  const list = [...sources];
  const windows = new WindowStore(new MemoryState());
  const filters = new FilterState(new MemoryState());
  const logged: string[] = [];
  const state = new TreeState({
    sources: { list: () => list, get: (id) => list.find((s) => s.id === id), onDidChange: changes.event },
    windows,
    filters,
    settings: () => SETTINGS,
    log: (level, text) => logged.push(`${level}: ${text}`),
    now: options.now ?? (() => NOW),
  });
  return { state, windows, filters, logged, changes, list };
}
