// The webview page: strict CSP, a fresh 128-bit nonce from crypto on every page, only our assets.
import * as assert from 'node:assert/strict';
import { buildWebviewHtml, contentSecurityPolicy, createNonce, escapeHtml } from '../../../src/webview/html';

const PAGE = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  title: 'Audit Retention: <Acme & "Co">',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/detail.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/common.css', 'https://file+.vscode-resource.vscode-cdn.net/ext/media/detail.css'],
};

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'page has a CSP meta tag');
  return match[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('webview HTML', () => {
  it('creates a 128-bit base64 nonce that differs every time', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const nonce = createNonce();
      assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
      assert.equal(Buffer.from(nonce, 'base64').length, 16);
      nonces.add(nonce);
    }
    assert.equal(nonces.size, 200);
  });

  it('uses a different nonce for every page, in the CSP and on the one script tag', () => {
    const a = buildWebviewHtml(PAGE);
    const b = buildWebviewHtml(PAGE);
    const nonceOf = (html: string): string => {
      const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.equal(tags.length, 1, 'exactly one script tag');
      const match = /nonce="([^"]+)"/.exec(tags[0]);
      assert.ok(match);
      assert.ok(cspOf(html).includes(`'nonce-${match[1]}'`));
      return match[1];
    };
    assert.notEqual(nonceOf(a), nonceOf(b));
  });

  it('sets the strict policy: nothing by default, our styles, nonce scripts, no connect-src, no unsafe-*', () => {
    const csp = cspOf(buildWebviewHtml({ ...PAGE, nonce: 'AAAAAAAAAAAAAAAAAAAAAA==' }));
    const d = directives(csp);
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('style-src'), [PAGE.cspSource]);
    assert.deepEqual(d.get('script-src'), ["'nonce-AAAAAAAAAAAAAAAAAAAAAA=='"]);
    assert.deepEqual(d.get('img-src'), [PAGE.cspSource, 'data:']);
    assert.deepEqual(d.get('font-src'), [PAGE.cspSource]);
    assert.equal(d.has('connect-src'), false);
    assert.equal(d.has('frame-src'), false);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
    assert.equal(csp, contentSecurityPolicy(PAGE.cspSource, 'AAAAAAAAAAAAAAAAAAAAAA=='));
  });

  it('loads only the given script and styles, has no inline script, style or handler', () => {
    const html = buildWebviewHtml(PAGE);
    assert.ok(html.includes(`src="${PAGE.scriptUri}"`));
    for (const uri of PAGE.styleUris) assert.ok(html.includes(`<link rel="stylesheet" href="${uri}">`));
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style|style=|\son[a-z]+=|javascript:|command:/i);
    assert.ok(html.includes('<title>Audit Retention: &lt;Acme &amp; &quot;Co&quot;&gt;</title>'));
  });

  it('refuses a nonce that is not 128 bits of base64 and a CSP source that could inject directives', () => {
    assert.throws(() => buildWebviewHtml({ ...PAGE, nonce: 'abc' }));
    assert.throws(() => buildWebviewHtml({ ...PAGE, nonce: "AAAAAAAAAAAAAAAAAAAAAA==' 'unsafe-inline" }));
    assert.throws(() => buildWebviewHtml({ ...PAGE, cspSource: "https://x; script-src 'unsafe-inline'" }));
    assert.throws(() => buildWebviewHtml({ ...PAGE, cspSource: '' }));
    assert.throws(() => buildWebviewHtml({ ...PAGE, cspSource: "'unsafe-inline' https://x" }));
    assert.throws(() => buildWebviewHtml({ ...PAGE, cspSource: 'https://x,https://y' }));
  });

  it("accepts VS Code's real cspSource forms, such as 'self' plus the CDN wildcard", () => {
    for (const cspSource of ["'self' https://*.vscode-cdn.net", 'https://file+.vscode-resource.vscode-cdn.net', "http://127.0.0.1:8080/ext/ 'self' https://*.vscode-cdn.net"]) {
      assert.ok(cspOf(buildWebviewHtml({ ...PAGE, cspSource })).includes(`style-src ${cspSource}`), cspSource);
    }
  });

  it('escapes the host-chosen strings it places in the page', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = buildWebviewHtml({ ...PAGE, scriptUri: 'https://x/"><script>alert(1)</script>' });
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });
});
