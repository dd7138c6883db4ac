// The case commands as one table: Add to Case…, Switch Case…, and on the Case view's rows Open, Edit Note…,
// Edit Tags… and Remove from Case; Open Case File and Export Case as Evidence Bundle… on the active case.
import * as vscode from 'vscode';
import { removeFromCase, setNote, setTags, type RecordOrigin } from '../cases/caseEdits';
import type { CaseFile, CaseSourceKind } from '../cases/caseFile';
import type { CaseStore } from '../cases/caseStore';
import { caseEvidenceBundle } from '../cases/evidenceBundle';
import { placeBundle } from '../export/caseBundle';
import type { ExtensionIdentity } from '../export/deps';
import type { CaseDetailNode, CaseRecordNode } from '../views/caseTreeProvider';
import type { SourceFieldsOrigin } from '../model/sourceFields';
import type { WebviewsApi } from '../webview';
import { addToCase, type AddToCaseDeps } from './addToCase';
import { askNote, askTags, pickCase } from './casePrompts';
import type { CommandTable } from './registry';

export interface CaseCommandDeps extends AddToCaseDeps {
  webviews: WebviewsApi;
  extension: ExtensionIdentity;
}

type CaseRowNode = CaseRecordNode | CaseDetailNode;

function caseRow(value: unknown): CaseRowNode | undefined {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return kind === 'caseRecord' || kind === 'caseNote' || kind === 'caseTags' ? (value as CaseRowNode) : undefined;
}

function needRow(node: unknown): CaseRowNode | undefined {
  const row = caseRow(node);
  if (!row) void vscode.window.showInformationMessage('Choose a record in the Case view first.');
  return row;
}

/** Runs a change on the case file; says what went wrong when it cannot be made. */
async function change(cases: CaseStore, name: string, apply: (file: CaseFile) => CaseFile, done: string): Promise<boolean> {
  try {
    await cases.edit(name, (file) => ({ file: apply(file), result: undefined }));
    void vscode.window.showInformationMessage(done);
    return true;
  } catch (e) {
    void vscode.window.showErrorMessage(`The case "${name}" was not changed: ${e instanceof Error ? e.message : String(e)}.`);
    return false;
  }
}

export function caseCommands(deps: CaseCommandDeps): CommandTable {
  const { cases } = deps;
  return {
    'confluenceAudit.addToCase': (arg, selected) => addToCase(deps, arg, selected),
    'confluenceAudit.switchCase': (arg) => switchCase(cases, arg),
    'confluenceAudit.openCaseRecord': (node) => openCaseRecord(deps, node),
    'confluenceAudit.editCaseNote': async (node, text) => {
      const row = needRow(node);
      if (!row) return false;
      const note = typeof text === 'string' ? text : await askNote(`Note in "${row.caseName}"`, row.entry.note);
      return note !== undefined && change(cases, row.caseName, (file) => setNote(file, row.entryId, note), note === '' ? 'Removed the note.' : 'Saved the note.');
    },
    'confluenceAudit.editCaseTags': async (node, list) => {
      const row = needRow(node);
      if (!row) return false;
      const tags = Array.isArray(list) && list.every((t) => typeof t === 'string') ? (list) : await askTags(`Tags in "${row.caseName}"`, row.entry.tags);
      return tags !== undefined && change(cases, row.caseName, (file) => setTags(file, row.entryId, tags), tags.length === 0 ? 'Removed the tags.' : `Tags: ${tags.join(', ')}.`);
    },
    'confluenceAudit.removeFromCase': async (node) => {
      const row = needRow(node);
      return row !== undefined && change(cases, row.caseName, (file) => removeFromCase(file, row.entryId), `Removed the record from the case "${row.caseName}".`);
    },
    'confluenceAudit.exportCaseBundle': (arg) => exportCaseBundle(deps, arg),
    'confluenceAudit.openCaseFile': (arg) => openCaseFile(cases, arg),
  };
}

/** Makes another case (or a new one) the active case, which the Case view shows. */
async function switchCase(cases: CaseStore, arg: unknown): Promise<string | undefined> {
  const unavailable = cases.unavailable();
  if (unavailable !== undefined) {
    void vscode.window.showErrorMessage(unavailable);
    return undefined;
  }
  const names = await cases.names();
  const choice = typeof arg === 'string' ? { name: arg, isNew: !names.includes(arg) } : await pickCase(cases, 'Show which case?');
  if (!choice) return undefined;
  try {
    if (choice.isNew) await cases.create(choice.name);
    else await cases.setActive(choice.name);
    return choice.name;
  } catch (e) {
    void vscode.window.showErrorMessage(`The case "${choice.name}" was not ${choice.isNew ? 'created' : 'opened'}: ${e instanceof Error ? e.message : String(e)}.`);
    return undefined;
  }
}

/** What a record's source fields were read from, by the kind of source the case names. */
const FIELDS_FROM: Record<CaseSourceKind, SourceFieldsOrigin> = { cloud: 'site', dc: 'dataCenter', org: 'organization', snapshot: 'file' };

/** Shows the copy the case holds: no request is made, so it opens with the site signed out or removed. */
function openCaseRecord(deps: CaseCommandDeps, node: unknown): void {
  const row = needRow(node);
  if (!row) return;
  const record = row.kind === 'caseRecord' ? row : undefined;
  const source = record?.source;
  const origin: RecordOrigin = { fetchedAt: row.entry.fetchedAt, ...(source ? { source } : {}), ...(record?.query ? { from: { window: record.query.window, filters: record.query.filters, query: record.query.query } } : {}) };
  const site = { id: row.entry.source, label: source ? `${source.label} (from the case "${row.caseName}")` : `From the case "${row.caseName}"`, fieldsFrom: FIELDS_FROM[source?.kind ?? 'snapshot'] };
  deps.webviews.showRecord(row.entry.record, site, origin);
}

async function openCaseFile(cases: CaseStore, arg: unknown): Promise<void> {
  const name = typeof arg === 'string' ? arg : cases.activeName;
  const file = name !== undefined ? cases.pathOf(name) : undefined;
  if (name === undefined || file === undefined) {
    void vscode.window.showInformationMessage(cases.unavailable() ?? 'No case is open: use Add to Case… or Switch Case… first.');
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
}

export type CaseBundleResult = { ok: true; uri: string; files: string[] } | { ok: false; message: string };

async function exportCaseBundle(deps: CaseCommandDeps, arg: unknown): Promise<CaseBundleResult> {
  const { cases } = deps;
  const name = typeof arg === 'string' ? arg : cases.activeName;
  const refuse = (message: string): CaseBundleResult => {
    void vscode.window.showErrorMessage(message);
    return { ok: false, message };
  };
  if (name === undefined) return refuse(cases.unavailable() ?? 'No case is open: use Add to Case… or Switch Case… first.');
  const loaded = await cases.load(name);
  if (!loaded.ok) return refuse(`The case "${name}" was not exported: ${loaded.problem}`);
  if (loaded.file.records.length === 0) return refuse(`The case "${name}" holds no records yet; there is nothing to export.`);
  try {
    const exportedAt = Date.now();
    const bundle = caseEvidenceBundle(loaded.file, { name, caseFile: cases.describe(name), exportedAt, extension: deps.extension });
    const uri = await placeBundle(bundle, name, exportedAt);
    const files = [...bundle.manifest.files.map((f) => f.name), 'manifest.json'];
    const message = `Exported the case "${name}" as an evidence bundle: ${vscode.workspace.asRelativePath(uri)} (${files.length} files, each with its SHA-256 in manifest.json).`;
    deps.log.info(message);
    void vscode.window.showInformationMessage(message, 'Verify').then((choice) => {
      if (choice === 'Verify') void vscode.commands.executeCommand('confluenceAudit.verifyExport', uri);
    });
    return { ok: true, uri: uri.toString(), files };
  } catch (e) {
    return refuse(`The case "${name}" was not exported: ${e instanceof Error ? e.message : String(e)}. No file was written.`);
  }
}
