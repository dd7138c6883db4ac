// What the user is told when an organization API key cannot be used, and the next action for each
// failure: a refused key (401), a key without audit log access (403), the rate limit (429), the network.
import type { AuditError } from '../api';

export interface KeyFailure {
  message: string;
  /** Buttons, first the one most people want. */
  actions: string[];
}

export const ENTER_ANOTHER_KEY = 'Enter Another Key…';
export const TRY_AGAIN = 'Try Again';
export const OPEN_API_KEYS = 'Open admin.atlassian.com';
export const SHOW_LOG = 'Show Log';

const NETWORK_KINDS = new Set(['network', 'dns', 'timeout', 'certificate', 'proxy', 'proxyAuth', 'server']);

export function keyFailure(error: AuditError): KeyFailure {
  switch (error.kind) {
    case 'unauthorized':
      return { message: error.message, actions: [ENTER_ANOTHER_KEY, OPEN_API_KEYS] };
    case 'forbidden':
      return { message: error.message, actions: [ENTER_ANOTHER_KEY, OPEN_API_KEYS] };
    case 'rateLimited':
      return { message: `${error.message} Nothing was saved.`, actions: [TRY_AGAIN] };
    default:
      return NETWORK_KINDS.has(error.kind)
        ? { message: `${error.message} Check the network (proxy settings: confluenceAudit.network.*); nothing was saved.`, actions: [TRY_AGAIN, SHOW_LOG] }
        : { message: error.message, actions: [TRY_AGAIN, SHOW_LOG] };
  }
}
