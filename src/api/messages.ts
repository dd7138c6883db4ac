// The user-facing sentences of AuditError: what happened, and what to do next.

export const CA_SETTING = 'confluenceAudit.network.caCertificates';

function withServer(message: string, serverMessage: string | undefined): string {
  return serverMessage === undefined ? message : `${message} Confluence says: "${serverMessage}"`;
}

export function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export type TokenName = 'API token' | 'personal access token' | 'scoped API token';

export const messages = {
  unauthorized: (token: TokenName, serverMessage?: string): string =>
    withServer(`Confluence rejected the credentials (401). The ${token} may be wrong, expired or revoked: sign in again with a new token.`, serverMessage),

  anonymous: (reason: string): string =>
    `Confluence did not accept the personal access token and answered as an anonymous user (${reason}). The token may be wrong, expired or revoked: sign in again with a new token.`,

  forbidden: (scoped: boolean, serverMessage?: string): string =>
    withServer(
      'Signed in, but this account cannot read the audit log (403): it needs the Confluence Administrator global permission, ' +
        "and the site's plan must include the audit log (not on Free)." +
        (scoped ? ' A scoped token also needs the scope read:audit-log:confluence (and write:audit-log:confluence for changes).' : ''),
      serverMessage,
    ),

  notFound: (url: string, serverMessage?: string): string =>
    withServer(
      `The Confluence audit API was not found at ${url} (404). Check the site address; a Data Center site may need its context path (for example https://host/confluence).`,
      serverMessage,
    ),

  notConfluence: (url: string, what: string): string =>
    `${url} did not answer like the Confluence audit API (${what}). Check the site address; a login or single sign-on page may be in the way.`,

  rateLimited: (retryAfterMs: number | undefined, serverMessage?: string): string =>
    withServer(
      retryAfterMs === undefined
        ? 'Confluence is limiting the request rate (429); try again in a minute.'
        : `Confluence is limiting the request rate (429); try again in ${seconds(retryAfterMs)} s.`,
      serverMessage,
    ),

  server: (status: number, retryAfterMs: number | undefined, serverMessage?: string): string =>
    withServer(
      (status === 503 ? 'Confluence is temporarily unavailable (503).' : `Confluence failed with a server error (${status}).`) +
        (retryAfterMs === undefined ? ' Try again later.' : ` Try again in ${seconds(retryAfterMs)} s.`),
      serverMessage,
    ),

  badRequest: (status: number, serverMessage?: string): string =>
    withServer(`Confluence refused the request as invalid (${status}).`, serverMessage),

  timeoutConnect: (host: string, ms: number): string =>
    `Could not connect to ${host} within ${seconds(ms)} s. Check your network, VPN and proxy settings.`,
  timeoutHeaders: (host: string, ms: number): string =>
    `${host} did not answer within ${seconds(ms)} s. Confluence may be overloaded; try again later.`,
  timeoutProxy: (proxy: string, ms: number): string =>
    `No answer through the proxy ${proxy} within ${seconds(ms)} s. Check the \`http.proxy\` setting and that the proxy works.`,
  timeoutTotal: (host: string, ms: number): string =>
    `The answer from ${host} was not complete within ${seconds(ms)} s, the limit for a whole answer: it arrived too slowly. Try again later.`,
  exportStalled: (host: string, minBytes: number, ms: number): string =>
    `The export from ${host} stalled: fewer than ${minBytes} bytes in ${seconds(ms)} s. It was stopped; try again later.`,
  timeoutBody: (host: string, ms: number): string =>
    `The answer from ${host} stalled for more than ${seconds(ms)} s. Try again later.`,

  dns: (host: string, code: string): string =>
    `Could not find host ${host} (${code}). Check the site address and your network or VPN connection.`,

  certificate: (host: string, code: string, problem: string): string =>
    `The TLS certificate of ${host} is not trusted: ${problem} (${code}). If your organisation uses its own certificate authority ` +
    `or a TLS-inspecting proxy, add that CA certificate (a PEM file path) to the setting \`${CA_SETTING}\`.`,

  proxy: (proxy: string, detail: string): string =>
    `Could not reach Confluence through the proxy ${proxy}: ${detail}. Check the \`http.proxy\` setting (or HTTPS_PROXY / NO_PROXY).`,
  proxyAuth: (proxy: string): string =>
    `The proxy ${proxy} requires authentication (407). Put the proxy credentials in the \`http.proxy\` setting ` +
    '(http://user:password@proxy:port) or ask your network administrator.',

  refused: (host: string, code: string): string =>
    `Could not connect to ${host} (${code}): nothing accepted the connection. Check the site address and port.`,
  interrupted: (host: string, code: string): string =>
    `The connection to ${host} was interrupted (${code}). Try again.`,
  truncated: (host: string): string => `The answer from ${host} ended before it was complete. Try again.`,

  badResponse: (host: string, detail: string): string =>
    `${host} sent an answer that is not a valid Confluence audit response: ${detail}.`,
  tooLarge: (host: string, maxBytes: number): string =>
    `A page of audit records from ${host} is larger than ${Math.round(maxBytes / 1048576)} MiB; use a smaller page size.`,

  redirectTooMany: (max: number): string =>
    `Confluence redirected more than ${max} times. Check the site address (use the address the browser ends up at).`,
  redirectInsecure: (from: string, to: string): string =>
    `Refused a redirect from ${from} to the insecure address ${to}: credentials and audit data must stay on https.`,
  redirectWrite: (to: string): string =>
    `Confluence redirected a change request to ${to}; it was not repeated there. Use the address the browser ends up at as the site address.`,
  redirectCrossOrigin: (to: string, status: number): string =>
    `Confluence redirected to another host (${to}), which answered ${status}: credentials are not sent across hosts. Use that host as the site address.`,
  redirectNoLocation: (status: number): string => `Confluence answered with a redirect (${status}) without a target address.`,
} as const;
