// The user-facing sentences of the organization API's errors: what happened, and what to do next.
import { seconds } from '../messages';

const KEY_PAGE = 'admin.atlassian.com → Settings → API keys';

function withServer(message: string, serverMessage: string | undefined): string {
  return serverMessage === undefined ? message : `${message} Atlassian says: "${serverMessage}"`;
}

export const orgMessages = {
  unauthorized: (serverMessage?: string): string =>
    withServer(`The Atlassian organization API rejected the API key (401): it is wrong, expired (keys last at most a year) or revoked. Create a new key in ${KEY_PAGE} and add the organization again with it.`, serverMessage),

  forbidden: (serverMessage?: string): string =>
    withServer('The API key is valid but may not read this organization\'s audit log (403): the organization needs Atlassian Guard Standard or higher, and the key must belong to an organization admin of this organization. Ask an organization admin, or use a key of an organization that has Guard.', serverMessage),

  notFound: (url: string, serverMessage?: string): string =>
    withServer(`Nothing was found at ${url} (404): the organization id may be wrong or no longer visible to this key. Pick the organization again from the list the key sees.`, serverMessage),

  rateLimited: (retryAfterMs: number | undefined, serverMessage?: string): string =>
    withServer(
      retryAfterMs === undefined
        ? 'The Atlassian organization API is limiting the request rate (429); try again in a minute.'
        : `The Atlassian organization API is limiting the request rate (429); try again in ${seconds(retryAfterMs)} s.`,
      serverMessage,
    ),

  server: (status: number, retryAfterMs: number | undefined, serverMessage?: string): string =>
    withServer(
      (status === 503 ? 'The Atlassian organization API is temporarily unavailable (503).' : `The Atlassian organization API failed with a server error (${status}).`) +
        (retryAfterMs === undefined ? ' Try again later.' : ` Try again in ${seconds(retryAfterMs)} s.`),
      serverMessage,
    ),

  badRequest: (status: number, serverMessage?: string): string =>
    withServer(`The Atlassian organization API refused the request as invalid (${status}).`, serverMessage),

  notOrgApi: (url: string, what: string): string =>
    `${url} did not answer like the Atlassian organization API (${what}). Check the API address; a proxy's login page may be in the way.`,

  badResponse: (what: string): string =>
    `The Atlassian organization API sent an answer the extension cannot read: ${what}.`,
} as const;
