// The one HTML page both webviews use: a strict Content Security Policy, our stylesheets and one script
// from media/, and an empty <main> the script fills with text nodes. Pure (no 'vscode'): the browser tests
// serve exactly this output.
import { randomBytes } from 'node:crypto';

export interface WebviewPage {
  /** webview.cspSource: the origin VS Code serves local resources from. */
  cspSource: string;
  /** Panel title for the document (plain text). */
  title: string;
  /** URI of media/dist/<name>.js as the webview sees it. */
  scriptUri: string;
  /** URIs of media/*.css as the webview sees them. */
  styleUris: readonly string[];
  /** Fresh per page; created with createNonce() when omitted. */
  nonce?: string;
}

/** 128 random bits from the OS CSPRNG, base64: unguessable, so only our script tag carries it. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * default-src 'none' denies everything not listed: no connect-src (the webview never calls the network, the
 * host does), no frames, no inline styles, scripts only with the nonce.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For the few host-chosen strings placed in the page (URIs, title); record text never goes into HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * webview.cspSource is a list of source expressions (VS Code: "'self' https://*.vscode-cdn.net"). Only hosts,
 * schemes and 'self' are accepted: a ';' would start a new directive, other keywords could loosen the policy.
 */
const SOURCE_EXPRESSION = /^(?:'self'|[^\s;,'"]+)$/;

function assertSafeSource(source: string): void {
  const expressions = source.split(' ');
  if (source === '' || !expressions.every((e) => SOURCE_EXPRESSION.test(e))) throw new Error(`Refusing an unsafe CSP source expression: ${JSON.stringify(source.slice(0, 200))}`);
}

export function buildWebviewHtml(page: WebviewPage): string {
  const nonce = page.nonce ?? createNonce();
  if (!/^[A-Za-z0-9+/]{22}==$/.test(nonce)) throw new Error('The nonce must be 128 bits in base64.');
  assertSafeSource(page.cspSource);
  const styles = page.styleUris.map((uri) => `    <link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${escapeHtml(page.title)}</title>
  </head>
  <body>
    <main id="app" aria-busy="true"><p class="status">Loading…</p></main>
    <script nonce="${nonce}" src="${escapeHtml(page.scriptUri)}"></script>
  </body>
</html>
`;
}
