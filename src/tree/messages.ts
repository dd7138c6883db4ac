// Message nodes: every state of the tree that is not data, each with the next action to take.
import type { AuditError, RetryWait } from '../api';
import { formatIso, type ZoneSetting } from '../model/timeZone';
import type { SourceNotice } from '../sources/source';
import { nodeIds, type BucketNode, type MessageNode, type MessageSeverity } from './nodes';

type Action = NonNullable<MessageNode['action']>;

export function message(id: string, text: string, severity: MessageSeverity, detail?: string, action?: Action): MessageNode {
  return { kind: 'message', id, text, severity, detail, action, contextValue: `message ${severity}` };
}

/** A source's notices (why it cannot be read now), shown in place of its windows. */
export function noticeMessages(sourceId: string, notices: readonly SourceNotice[]): MessageNode[] {
  const id = `${nodeIds.site(sourceId)}/state`;
  return notices.map((n, i) => message(i === 0 ? id : `${id}:${i}`, n.text, n.severity, n.detail, n.action));
}

export function errorMessage(id: string, error: AuditError, retry: Action): MessageNode {
  switch (error.kind) {
    case 'unauthorized':
    case 'forbidden':
      // The site node switches to its own message; here we only say what happened.
      return message(id, error.message, 'error', undefined, retry);
    case 'rateLimited':
      return message(id, error.message, 'warning', undefined, retry);
    default:
      return message(id, error.message, 'error', `Kind: ${error.kind}${error.status ? `, HTTP ${error.status}` : ''}`, retry);
  }
}

/** "Waiting for Confluence's rate limit until 10:15:20Z", with Cancel: a 429 is not a hang. */
export function waitMessage(bucket: BucketNode, wait: RetryWait, zone: ZoneSetting): MessageNode {
  return message(`${bucket.id}/waiting`, `${waitText(wait, zone)}…`, 'loading', 'The next attempt starts by itself. Cancel stops waiting; Retry asks again later.', {
    command: 'confluenceAudit.cancelWait',
    title: 'Cancel',
    args: [bucket],
  });
}

/** What a wait is for and until when, in the display zone. No countdown: the row is not redrawn each second. */
export function waitText(wait: RetryWait, zone: ZoneSetting): string {
  const what = wait.kind === 'rateLimited' ? `Waiting for ${wait.service ?? 'Confluence'}'s rate limit` : 'Waiting to try again';
  const time = formatIso(wait.until, zone);
  return `${what} until ${time.slice(11, 19)}${time.slice(23)}`;
}
