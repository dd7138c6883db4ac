// The retention panel's fixed actions: read the period, preview what a shorter one destroys, and save with
// the checks an irreversible change deserves. Pure (no 'vscode'): the API, the modal confirmation and the
// clock are injected, so the unit tests and the integration tests can drive every path.
import { AuditError, cancelledError } from '../api/errors';
import type { RetentionPeriod } from '../api/types';
import type { RetentionImpact, RetentionSnapshot, SaveOutcome } from '../shared/protocol';
import { cutoffRange, mayShorten, type CutoffRange } from '../shared/retentionCutoff';
import { describePeriod, retentionProblem, samePeriod } from '../shared/retentionRules';
import { RequestError, type Handlers, type Progress } from './messageRouter';

/** Counting stops here: enough to tell "a few" from "a lot" without paging the whole log. */
export const DEFAULT_COUNT_CAP = 10_000;

/** The API calls the retention panel needs (an adapter over AuditClient in the host). */
export interface RetentionBackend {
  getRetention(signal: AbortSignal): Promise<RetentionPeriod>;
  /** PUT once; when the answer is lost the client reads the value back (confirmedByRead). */
  setRetention(period: RetentionPeriod, signal: AbortSignal): Promise<{ stored: RetentionPeriod; confirmedByRead: boolean }>;
  /** Records with creationDate in [start, end] (inclusive), counting at most `cap`. */
  countRecords(start: number, end: number, cap: number, signal: AbortSignal): Promise<number>;
}

export type ConfirmRequest =
  | { kind: 'changedSinceLoaded'; siteLabel: string; loaded: RetentionPeriod; current: RetentionPeriod; requested: RetentionPeriod }
  | { kind: 'shorten'; siteLabel: string; current: RetentionPeriod; requested: RetentionPeriod; impact: RetentionImpact };

/** 'exportFirst' exports what would be deleted and saves nothing; the user saves again afterwards. */
export type ConfirmAnswer = 'proceed' | 'cancel' | 'exportFirst';

export interface RetentionContext {
  siteId: string;
  siteLabel: string;
  /** The site's API; throws a RequestError when the site is gone or signed out. */
  backend(): Promise<RetentionBackend>;
  /** A modal question to the user; in tests a stub. */
  confirm(request: ConfirmRequest): Promise<ConfirmAnswer>;
  /** Exports the records a shorter period would delete ([start, end], inclusive epoch ms). */
  exportFirst(siteId: string, range: { start: number; end: number }): Promise<void>;
  now(): number;
  /** ISO 8601 in the user's zone. */
  formatTime(ms: number): string;
  countCap?: number;
}

function isCancelled(e: unknown): boolean {
  return e instanceof AuditError && e.kind === 'cancelled';
}

/**
 * Records a change may delete ([start, end], inclusive epoch ms): created at or after the earliest cutoff of
 * the current period (older ones are gone already) and before the latest possible new cutoff.
 */
function deletable(now: number, current: RetentionPeriod, next: CutoffRange): { start: number; end: number } {
  const from = cutoffRange(now, current).earliest;
  const start = Number.isFinite(from) ? Math.max(0, Math.floor(from)) : 0;
  const end = Number.isFinite(next.latest) ? Math.ceil(next.latest) - 1 : -1;
  return { start, end };
}

export class RetentionActions {
  private readonly lifetime = new AbortController();
  private preview: AbortController | undefined;
  /** The stored period as last read, so a preview needs no extra GET. */
  private known: RetentionPeriod | undefined;

  constructor(private readonly context: RetentionContext) {}

  dispose(): void {
    this.preview?.abort();
    this.lifetime.abort();
  }

  handlers(): Handlers<'retention'> {
    return {
      'retention.ready': () => this.snapshot(),
      'retention.refresh': () => this.snapshot(),
      'retention.preview': (request, progress) => this.previewImpact(request.period, progress),
      'retention.cancelPreview': async () => {
        this.preview?.abort();
        return null;
      },
      'retention.save': (request, progress) => this.save(request.period, request.loaded, progress),
    };
  }

  private async snapshot(): Promise<RetentionSnapshot> {
    const backend = await this.context.backend();
    const current = await backend.getRetention(this.lifetime.signal);
    this.known = current;
    const now = this.context.now();
    const range = cutoffRange(now, current);
    return {
      siteId: this.context.siteId,
      siteLabel: this.context.siteLabel,
      current,
      readAt: now,
      readAtText: this.context.formatTime(now),
      currentCutoff: this.timeText(range.earliest),
      ...(range.latest !== range.earliest ? { currentCutoffLatest: this.timeText(range.latest) } : {}),
    };
  }

  private timeText(ms: number): string {
    return Number.isFinite(ms) ? this.context.formatTime(ms) : 'none (records are kept indefinitely)';
  }

  /**
   * The cutoff for `requested` (earliest possible, and latest when the server's calendar makes it a range)
   * and, when the change may delete records, how many records lie between the oldest the current period may
   * keep and the latest possible new cutoff. Every record the server could delete is counted.
   */
  async impact(current: RetentionPeriod, requested: RetentionPeriod, signal: AbortSignal): Promise<RetentionImpact> {
    const now = this.context.now();
    const cut = cutoffRange(now, requested);
    const impact: RetentionImpact = {
      shortening: mayShorten(current, requested),
      cutoffMs: cut.earliest,
      cutoff: this.timeText(cut.earliest),
      ...(cut.latest !== cut.earliest ? { cutoffLatestMs: cut.latest, cutoffLatest: this.timeText(cut.latest) } : {}),
    };
    if (!impact.shortening) return impact;
    const { start, end } = deletable(now, current, cut);
    const kept = cutoffRange(now, current);
    const upperBound = cut.latest !== cut.earliest || kept.latest !== kept.earliest ? { upperBound: true } : {};
    if (end < start) return { ...impact, count: { value: 0, capped: false, ...upperBound } };
    const cap = this.context.countCap ?? DEFAULT_COUNT_CAP;
    try {
      const backend = await this.context.backend();
      const value = await backend.countRecords(start, end, cap, signal);
      return { ...impact, count: { value: Math.min(value, cap), capped: value >= cap, ...upperBound } };
    } catch (e) {
      if (signal.aborted || isCancelled(e)) throw cancelledError(e);
      return { ...impact, countProblem: e instanceof Error ? e.message : String(e) };
    }
  }

  private async previewImpact(requested: RetentionPeriod, progress: Progress): Promise<RetentionImpact> {
    const problem = retentionProblem(requested);
    if (problem) throw new RequestError('invalid', problem);
    this.preview?.abort();
    const controller = new AbortController();
    this.preview = controller;
    const signal = AbortSignal.any([controller.signal, this.lifetime.signal]);
    let current = this.known;
    if (!current) {
      const backend = await this.context.backend();
      current = await backend.getRetention(signal);
      this.known = current;
    }
    progress('counting', 'Counting the records a shorter period would delete…');
    return this.impact(current, requested, signal);
  }

  private async save(requested: RetentionPeriod, loaded: RetentionPeriod, progress: Progress): Promise<SaveOutcome> {
    // The webview validated this too, but the webview is not trusted.
    const problem = retentionProblem(requested);
    if (problem) throw new RequestError('invalid', problem);
    this.preview?.abort();
    const signal = this.lifetime.signal;
    const { siteLabel } = this.context;
    const backend = await this.context.backend();

    progress('working', 'Reading the current retention period…');
    const current = await backend.getRetention(signal);
    this.known = current;
    if (!samePeriod(current, loaded)) {
      progress('confirming', 'Waiting for your answer in the dialog…');
      const answer = await this.context.confirm({ kind: 'changedSinceLoaded', siteLabel, loaded, current, requested });
      if (answer !== 'proceed') return { outcome: 'cancelled', current };
    }
    if (samePeriod(current, requested)) return { outcome: 'unchanged', stored: current };

    if (mayShorten(current, requested)) {
      progress('counting', 'Counting the records the shorter period would delete…');
      const impact = await this.impact(current, requested, signal);
      progress('confirming', 'Waiting for your answer in the dialog…');
      const answer = await this.context.confirm({ kind: 'shorten', siteLabel, current, requested, impact });
      if (answer === 'exportFirst') {
        // Everything the change may delete: from the oldest record the current period may keep up to the
        // latest possible new cutoff.
        const range = deletable(this.context.now(), current, cutoffRange(this.context.now(), requested));
        await this.context.exportFirst(this.context.siteId, { start: Math.min(range.start, range.end), end: range.end });
      }
      if (answer !== 'proceed') return { outcome: 'cancelled', current };
    }

    progress('saving', `Saving ${describePeriod(requested)}…`);
    let result: { stored: RetentionPeriod; confirmedByRead: boolean };
    try {
      result = await backend.setRetention(requested, signal);
    } catch (e) {
      const decided = await this.readBackAfterFailedWrite(e, backend, requested);
      if (decided === undefined) throw e;
      if (decided instanceof RequestError) throw decided;
      return { outcome: 'saved', requested, stored: decided, confirmedByRead: true, applied: true };
    }
    if (result.confirmedByRead) {
      this.known = result.stored;
      return { outcome: 'saved', requested, stored: result.stored, confirmedByRead: true, applied: samePeriod(result.stored, requested) };
    }
    progress('readingBack', 'Reading back what Confluence stored…');
    try {
      const stored = await backend.getRetention(signal);
      this.known = stored;
      return { outcome: 'saved', requested, stored, confirmedByRead: false, applied: samePeriod(stored, requested) };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return { outcome: 'saved', requested, stored: result.stored, confirmedByRead: false, applied: samePeriod(result.stored, requested), readBackProblem: reason };
    }
  }

  /**
   * After a PUT whose outcome is unknown (timeout, broken connection, 5xx) the GET decides, never a repeat:
   * the requested period when Confluence stores it after all, otherwise an error saying what it stores.
   * undefined for a failure with a known outcome (a refusal, a cancellation), which is reported as it is.
   */
  private async readBackAfterFailedWrite(e: unknown, backend: RetentionBackend, requested: RetentionPeriod): Promise<RetentionPeriod | RequestError | undefined> {
    if (!(e instanceof AuditError) || !['timeout', 'network', 'server'].includes(e.kind) || this.lifetime.signal.aborted) return undefined;
    try {
      const stored = await backend.getRetention(this.lifetime.signal);
      this.known = stored;
      if (samePeriod(stored, requested)) return stored;
      return new RequestError(e.kind, `${e.message} Read back afterwards, Confluence still stores ${describePeriod(stored)}: the change was not applied.`, e.serverMessage);
    } catch {
      return new RequestError(e.kind, `${e.message} Whether the change was applied is unknown: reload to see the stored value before trying again.`, e.serverMessage);
    }
  }
}
