// Records as read-only JSON documents (a virtual document scheme has no save), also the accessible
// text alternative to the detail view.
import * as vscode from 'vscode';
import type { AuditRecord } from '../api/types';

export const RECORD_SCHEME = 'confluence-audit-record';
const MAX_KEPT = 200;

export class RecordDocuments implements vscode.TextDocumentContentProvider {
  /** Recently opened records by URI; bounded so a long review session does not grow without limit. */
  private readonly records = new Map<string, AuditRecord>();
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    const record = this.records.get(uri.toString());
    if (!record) return '// This audit record is no longer in memory. Open it again from the Confluence Audit view.\n';
    return `${JSON.stringify(record, null, 2)}\n`;
  }

  uriFor(record: AuditRecord, siteLabel: string): vscode.Uri {
    this.counter += 1;
    const time = new Date(record.creationDate).toISOString().replace(/[:.]/g, '-');
    const safeSite = siteLabel.replace(/[^A-Za-z0-9.-]/g, '_');
    const uri = vscode.Uri.from({ scheme: RECORD_SCHEME, path: `/${safeSite}/audit-${time}.json`, query: String(this.counter) });
    this.records.set(uri.toString(), record);
    if (this.records.size > MAX_KEPT) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
    return uri;
  }

  async open(record: AuditRecord, siteLabel: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(this.uriFor(record, siteLabel));
    const json = await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(json, { preview: true });
  }
}
