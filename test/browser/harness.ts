// Serves the REAL webview page (the host's HTML builder, same CSP) with our media/ from a local server, and
// opens it in headless Chromium with a stand-in for VS Code's acquireVsCodeApi that records what the page
// posts and lets the test deliver host messages.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../scripts/vscode/codeServer';
import type { HostMessage, PanelKind } from '../../src/shared/protocol';
import { buildWebviewHtml } from '../../src/webview/html';
import type { PageWindow, Violation } from './pageGlobals';

const ROOT = path.resolve(__dirname, '../../..');
const MEDIA = path.join(ROOT, 'media');
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/** The frame sandbox VS Code gives a webview with scripts on and forms off (no allow-forms). */
export const WEBVIEW_SANDBOX = 'allow-scripts allow-same-origin allow-pointer-lock allow-downloads';

export interface MediaServer {
  origin: string;
  close(): Promise<void>;
}

/** 127.0.0.1 only; serves /<panel>.html built exactly as the extension builds it, and files under media/. */
export async function startMediaServer(): Promise<MediaServer> {
  for (const name of ['detail', 'retention', 'timeline']) {
    if (!existsSync(path.join(MEDIA, 'dist', `${name}.js`))) throw new Error(`media/dist/${name}.js is missing: run "npm run build" first.`);
  }
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const page = /^\/(detail|retention|timeline)\.html$/.exec(url.pathname);
    if (page) {
      const name = page[1];
      const html = buildWebviewHtml({
        cspSource: origin,
        title: name,
        scriptUri: `${origin}/media/dist/${name}.js`,
        styleUris: [`${origin}/media/common.css`, `${origin}/media/${name}.css`],
      });
      // VS Code runs a webview in a sandboxed frame; with enableForms: false it lacks allow-forms, so a <form>
      // never submits there. The same sandbox here makes these tests see what users see.
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': `sandbox ${WEBVIEW_SANDBOX}` });
      res.end(html);
      return;
    }
    const file = path.resolve(ROOT, `.${decodeURIComponent(url.pathname)}`);
    if (!file.startsWith(MEDIA + path.sep) || !existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BrowserHandle {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile directory that is removed afterwards. */
export async function launchBrowser(): Promise<BrowserHandle> {
  const profile = mkdtempSync(path.join(tmpdir(), 'audit-webview-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Stands in for VS Code: acquireVsCodeApi once, postMessage recorded, state kept, host messages dispatched. */
function installShim(initialState: unknown): void {
  // Runs in the page: only globals, nothing from this module's scope.
  const w = globalThis as unknown as PageWindow;
  w.__posted = [];
  w.__state = initialState === null ? undefined : initialState;
  w.__violations = [];
  w.document.addEventListener('securitypolicyviolation', (e) => {
    w.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile });
  });
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return {
      postMessage: (message: unknown) => void w.__posted.push(structuredClone(message) as Record<string, unknown>),
      getState: () => w.__state,
      setState: (state: unknown) => {
        w.__state = structuredClone(state);
        return state;
      },
    };
  };
  const MessageEventClass = (globalThis as unknown as { MessageEvent: new (type: string, init: { data: unknown }) => unknown }).MessageEvent;
  w.__dispatch = (message: unknown) => void w.dispatchEvent(new MessageEventClass('message', { data: message }));
}

export interface WebviewPage {
  page: Page;
  consoleMessages: string[];
  pageErrors: string[];
  dialogs: string[];
  /** Messages the page posted to the "host", in order. */
  posted(): Promise<Record<string, unknown>[]>;
  /** Waits for the n-th (0-based) posted message of a type and returns it. */
  waitForPosted(type: string, nth?: number): Promise<Record<string, unknown>>;
  dispatch(message: HostMessage): Promise<void>;
  state(): Promise<unknown>;
  violations(): Promise<Violation[]>;
}

export interface OpenOptions {
  state?: unknown;
  /** Install Playwright's fake clock before the page loads (timeouts and debounces then run on demand). */
  fakeClock?: boolean;
}

export async function openWebview(context: BrowserContext, server: MediaServer, name: PanelKind, options: OpenOptions = {}): Promise<WebviewPage> {
  const page = await context.newPage();
  const consoleMessages: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m: ConsoleMessage) => consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  // Block every request that is not to our server: a hostile value must not reach the network either.
  await page.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
  await page.addInitScript(installShim, options.state ?? null);
  if (options.fakeClock) await page.clock.install();
  await page.goto(`${server.origin}/${name}.html`);

  const posted = (): Promise<Record<string, unknown>[]> => page.evaluate(() => (globalThis as unknown as PageWindow).__posted);
  return {
    page,
    consoleMessages,
    pageErrors,
    dialogs,
    posted,
    waitForPosted: async (type, nth = 0) => {
      const handle = await page.waitForFunction(
        ([t, n]) => (globalThis as unknown as PageWindow).__posted.filter((m) => m.type === t)[n],
        [type, nth] as const,
        { timeout: 10_000 },
      );
      return (await handle.jsonValue());
    },
    dispatch: (message) => page.evaluate((m) => (globalThis as unknown as PageWindow).__dispatch(m), message),
    state: () => page.evaluate(() => (globalThis as unknown as PageWindow).__state),
    violations: () => page.evaluate(() => (globalThis as unknown as PageWindow).__violations),
  };
}
