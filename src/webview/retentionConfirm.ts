// The wording of the retention panel's modal confirmations. Pure, so the tests read exactly what the user
// is asked. Everything here is plain text (a modal renders no markup).
import { describePeriod } from '../shared/retentionRules';
import type { ConfirmRequest } from './retentionActions';

/** Whether the shortening dialog offers "Export first" (a ZIP export of exactly what would be deleted). */
export const EXPORT_FIRST_AVAILABLE = true;
export const EXPORT_FIRST_COMMAND = 'confluenceAudit.exportZip';

export interface Confirmation {
  message: string;
  detail: string;
  proceedLabel: string;
  /** Present only when exporting is available. */
  exportLabel?: string;
}

function count(request: Extract<ConfirmRequest, { kind: 'shorten' }>): string {
  const { impact } = request;
  if (impact.count) {
    const n = impact.count.value.toLocaleString('en-US');
    if (impact.count.capped) return `At least ${n} records will be deleted (counting stopped there).`;
    if (impact.count.upperBound) return `Up to ${n} ${impact.count.value === 1 ? 'record' : 'records'} will be deleted (counted up to the latest possible cutoff).`;
    return impact.count.value === 1 ? '1 record will be deleted.' : `${n} records will be deleted.`;
  }
  return `How many records this deletes could not be counted${impact.countProblem ? `: ${impact.countProblem}` : '.'}`;
}

export function buildConfirmation(request: ConfirmRequest, exportFirstAvailable = EXPORT_FIRST_AVAILABLE): Confirmation {
  switch (request.kind) {
    case 'changedSinceLoaded':
      return {
        message: `The audit retention period of ${request.siteLabel} changed since this form loaded it.`,
        detail:
          `The form loaded ${describePeriod(request.loaded)}; Confluence now stores ${describePeriod(request.current)}. ` +
          `Someone else may have changed it. Save ${describePeriod(request.requested)} anyway?`,
        proceedLabel: `Save ${describePeriod(request.requested)}`,
      };
    case 'shorten': {
      // Months and years end where the server's clock and calendar say: a range, never one precise wrong time.
      const { cutoff, cutoffLatest } = request.impact;
      const before = cutoffLatest === undefined ? cutoff : `about ${cutoff} (by Confluence's clock and calendar: at the latest ${cutoffLatest})`;
      const confirmation: Confirmation = {
        message: `Shorten the audit retention of ${request.siteLabel} from ${describePeriod(request.current)} to ${describePeriod(request.requested)}?`,
        detail: `Confluence will permanently delete every audit record created before ${before}. ${count(request)} This cannot be undone.`,
        proceedLabel: 'Shorten and Delete Older Records',
      };
      if (exportFirstAvailable) confirmation.exportLabel = 'Export First…';
      return confirmation;
    }
  }
}
