// What the retention webview shows: the stored period, what a shorter one would delete, and how a save
// ended. Part of the message protocol (protocol.ts); no 'vscode' import (the front end imports it too).
import type { RetentionPeriod } from '../api/types';

export interface RetentionSnapshot {
  /** Saved by the webview with setState, so the panel can be restored after a reload. */
  siteId: string;
  siteLabel: string;
  /** The stored period, as the server reported it just now. */
  current: RetentionPeriod;
  /** When it was read (epoch ms), so the form can say how fresh it is. */
  readAt: number;
  /** The same instant as ISO 8601 in the chosen zone, for display. */
  readAtText: string;
  /** ISO 8601 of the oldest instant records are kept from under `current`, in the chosen zone (the earliest possible). */
  currentCutoff: string;
  /** Present when the server's calendar makes the cutoff a range (months, years): its latest possible instant. */
  currentCutoffLatest?: string;
}

/** What a new period would destroy. */
export interface RetentionImpact {
  /** False when the new period is as long as or longer than the current one: nothing is deleted. */
  shortening: boolean;
  /**
   * Records created before this instant would be deleted (epoch ms and ISO 8601 in the chosen zone). For months
   * and years the server's clock and calendar decide: this is the earliest possible cutoff, and the latest follows.
   */
  cutoffMs: number;
  cutoff: string;
  cutoffLatestMs?: number;
  cutoffLatest?: string;
  /**
   * How many records are older than the cutoff, when counted. upperBound: the server's calendar makes a cutoff
   * a range, so this counts every record that may be deleted, up to the latest possible cutoff.
   */
  count?: { value: number; capped: boolean; upperBound?: boolean };
  /** Why there is no count (counting failed or was cancelled). */
  countProblem?: string;
}

export type SaveOutcome =
  /** The user declined a confirmation: nothing was sent. */
  | { outcome: 'cancelled'; current: RetentionPeriod }
  /** The requested period equals the stored one: nothing was sent. */
  | { outcome: 'unchanged'; stored: RetentionPeriod }
  /** The PUT was sent; `stored` is what a GET read back afterwards. */
  | {
      outcome: 'saved';
      requested: RetentionPeriod;
      stored: RetentionPeriod;
      /** The PUT's answer was lost (it timed out) and a GET decided what is stored. */
      confirmedByRead: boolean;
      /** Whether the stored value is the requested one. */
      applied: boolean;
      /** Set when the read-back GET failed: `stored` is then the PUT's own answer. */
      readBackProblem?: string;
    };
