// What both panel hosts share: the webview options, the page (set once per panel), and the channel that
// feeds every incoming message through the validating router.
import * as vscode from 'vscode';
import type { HostMessage, PanelKind, ResponseMessage } from '../shared/protocol';
import { buildWebviewHtml } from './html';
import { MessageRouter, type Handlers, type RouterLog } from './messageRouter';

/** Scripts on, command: URIs off, resources only from media/. No retainContextWhenHidden: state lives in setState. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    enableFindWidget: true,
  };
}

/** Sets the page. Called once per panel (re-assigning html would wipe the webview's state). */
export function setPanelHtml(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, name: PanelKind, title: string): void {
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const webview = panel.webview;
  webview.options = webviewOptions(extensionUri);
  webview.html = buildWebviewHtml({
    cspSource: webview.cspSource,
    title,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', `${name}.js`)).toString(),
    styleUris: ['common.css', `${name}.css`].map((file) => webview.asWebviewUri(vscode.Uri.joinPath(media, file)).toString()),
  });
}

/** Messages kept for inspection (tests, diagnostics): few, because a record view can be large. */
const KEPT_MESSAGES = 12;

export class PanelChannel<P extends PanelKind> implements vscode.Disposable {
  private readonly router: MessageRouter<P>;
  private readonly subscription: vscode.Disposable;
  private readonly recent: HostMessage[] = [];
  private readonly listeners = new Set<(message: HostMessage) => void>();

  constructor(
    private readonly panel: vscode.WebviewPanel,
    kind: P,
    handlers: Handlers<P>,
    log: RouterLog,
  ) {
    this.router = new MessageRouter({ panel: kind, handlers, post: (m) => this.post(m), log });
    this.subscription = panel.webview.onDidReceiveMessage((raw: unknown) => this.router.handle(raw));
  }

  /** The last messages sent to the webview, oldest first. */
  get posted(): readonly HostMessage[] {
    return this.recent;
  }

  get rejected(): number {
    return this.router.rejected;
  }

  post(message: HostMessage): Thenable<boolean> {
    this.recent.push(message);
    if (this.recent.length > KEPT_MESSAGES) this.recent.shift();
    for (const listener of this.listeners) listener(message);
    return this.panel.webview.postMessage(message);
  }

  /** Feeds a message through the same validation and routing as one from the webview; returns its response. */
  async receive(raw: unknown): Promise<ResponseMessage | undefined> {
    const requestId = typeof raw === 'object' && raw !== null ? (raw as { requestId?: unknown }).requestId : undefined;
    let response: ResponseMessage | undefined;
    const listener = (m: HostMessage): void => {
      if (m.type === 'response' && m.requestId === requestId) response = m;
    };
    this.listeners.add(listener);
    try {
      await this.router.handle(raw);
    } finally {
      this.listeners.delete(listener);
    }
    return response;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
