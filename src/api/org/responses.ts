// Turning an organization API exchange into JSON or an AuditError with the organization's wording.
// Reuses the Cloud client's body reading (size cap, error-body parsing, Retry-After); only the
// sentences differ, because "Confluence rejected the token" would send the user to the wrong place.
import { AuditError } from '../errors';
import type { Exchange } from '../http';
import { errorText, readJson, type ResponseContext } from '../responses';
import { parseRetryAfter } from '../retryAfter';
import { orgMessages } from './messages';

export async function orgStatusError(ex: Exchange, now: number): Promise<AuditError> {
  const status = ex.status;
  const serverMessage = await errorText(ex);
  const details = { status, serverMessage };
  const retryAfterMs = parseRetryAfter(ex.headers['retry-after'], now);
  switch (status) {
    case 401:
      return new AuditError('unauthorized', orgMessages.unauthorized(serverMessage), details);
    case 403:
      return new AuditError('forbidden', orgMessages.forbidden(serverMessage), details);
    case 404:
      return new AuditError('notFound', orgMessages.notFound(ex.url.origin + ex.url.pathname, serverMessage), { ...details, retryable: false });
    case 429:
      return new AuditError('rateLimited', orgMessages.rateLimited(retryAfterMs, serverMessage), { ...details, retryAfterMs });
    default:
      break;
  }
  if (status >= 500) {
    return new AuditError('server', orgMessages.server(status, retryAfterMs, serverMessage), { ...details, retryAfterMs, retryable: status !== 501 });
  }
  return new AuditError('badRequest', orgMessages.badRequest(status, serverMessage), { ...details, retryable: false });
}

/** The JSON of a 2xx answer; anything else becomes an AuditError in the organization's wording. */
export async function readOrgJson(ex: Exchange, ctx: ResponseContext): Promise<unknown> {
  if (ex.status < 200 || ex.status > 299) {
    throw await orgStatusError(ex, ctx.now());
  }
  try {
    return await readJson(ex, ctx);
  } catch (e) {
    // readJson names Confluence for a foreign answer (an HTML login page); say which API it was.
    if (e instanceof AuditError && e.kind === 'notConfluence') {
      throw new AuditError('badResponse', orgMessages.notOrgApi(ex.url.origin + ex.url.pathname, /html/i.test(e.message) ? 'got HTML instead of JSON' : 'not a JSON answer'), { status: e.status, retryable: false, cause: e });
    }
    throw e;
  }
}

const CONFLUENCE_PROXY = 'Could not reach Confluence through the proxy';

/** Transport errors name Confluence only in their proxy sentence; name this API there instead. */
export function inOrgWords(e: unknown): unknown {
  if (e instanceof AuditError && e.kind === 'proxy' && e.message.startsWith(CONFLUENCE_PROXY)) {
    return new AuditError('proxy', e.message.replace(CONFLUENCE_PROXY, 'Could not reach the Atlassian organization API through the proxy'), {
      status: e.status, code: e.code, retryable: e.retryable, cause: e,
    });
  }
  return e;
}
