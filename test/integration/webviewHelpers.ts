// Helpers for the webview integration tests: the webviews' test hooks from the extension's API, and the
// messages a real webview received.
import * as vscode from 'vscode';
import type { AuditRecord } from '../../src/api/types';
import type { ConfluenceAuditApi } from '../../src/extension';
import type { DetailReady, HostMessage, RequestType, ResponseMessage, ResultTypes } from '../../src/shared/protocol';
import type { SiteConfig } from '../../src/sites/siteConfig';
import type { RecordNode } from '../../src/tree/nodes';
import type { WebviewsApi } from '../../src/webview';

/** The webviews' API as activate() returns it (ConfluenceAuditApi.webviews). */
export function webviewsOf(api: ConfluenceAuditApi): WebviewsApi {
  const webviews = (api as unknown as { webviews?: WebviewsApi }).webviews;
  if (!webviews) throw new Error('ConfluenceAuditApi.webviews is missing: extension.ts must return registerWebviews(...) as `webviews`.');
  return webviews;
}

/** The value of the last successful response to `request` among the messages posted to a webview. */
export function lastResult<K extends RequestType>(posted: readonly HostMessage[], request: K): ResultTypes[K] | undefined {
  for (let i = posted.length - 1; i >= 0; i--) {
    const m = posted[i];
    if (m.type === 'response' && m.request === request && m.result.ok) return m.result.value as ResultTypes[K];
  }
  return undefined;
}

/** What the panel's webview was last given to show: its answer to detail.ready or a later detail.show. */
export function shownIn(posted: readonly HostMessage[]): DetailReady | undefined {
  for (let i = posted.length - 1; i >= 0; i--) {
    const m = posted[i];
    if (m.type === 'detail.show') return { view: m.view, pinned: m.pinned, identity: m.identity };
    if (m.type === 'response' && m.request === 'detail.ready' && m.result.ok) return m.result.value;
  }
  return undefined;
}

export function recordNode(site: SiteConfig, record: AuditRecord, id = 'test-record'): RecordNode {
  return { kind: 'record', id, siteId: site.id, windowId: 'test-window', record, isNew: false };
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

let nextRequestId = 1_000_000;

/** A request id no real webview uses, for messages the test routes through a panel. */
export function testRequestId(): number {
  nextRequestId += 1;
  return nextRequestId;
}

export function okValue<K extends RequestType>(response: ResponseMessage | undefined, request: K): ResultTypes[K] {
  if (!response) throw new Error(`No response to ${request}`);
  if (response.request !== request) throw new Error(`Response to ${response.request}, expected ${request}`);
  if (!response.result.ok) throw new Error(`${request} failed: ${response.result.error.kind}: ${response.result.error.message}`);
  return response.result.value as ResultTypes[K];
}
