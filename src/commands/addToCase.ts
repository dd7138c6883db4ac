// "Add to Case…": the records selected in the Audit Log view (or the one a detail panel shows) go into a case
// with tags and a note, each with its source, when it was fetched and the window and query it was shown under.
import * as vscode from 'vscode';
import { addToCase as addToCaseFile, type AddToCaseResult, type CaseEntryDraft, type RecordOrigin } from '../cases/caseEdits';
import { caseFilters, type CaseSource } from '../cases/caseFile';
import type { CaseStore } from '../cases/caseStore';
import { CaseProblem } from '../cases/shape';
import type { Logger } from '../log';
import type { RecordFilter } from '../model/filters';
import { printQuery, type Query } from '../model/query';
import type { SourcedRecord } from '../model/sourceFields';
import type { ZoneSetting } from '../model/timeZone';
import type { SourceLookup } from '../sources/directory';
import { nodeIds, type AuditNode, type RecordNode } from '../tree/nodes';
import type { ShownRecordsQuery } from '../tree/queries';
import { windowLabel } from '../tree/rows';
import { CASE_VIEW_ID } from '../views/caseTreeProvider';
import { askNote, askTags, pickCase } from './casePrompts';

export interface AddToCaseDeps {
  cases: CaseStore;
  sources: SourceLookup;
  tree: Pick<ShownRecordsQuery, 'queryOf' | 'windowsOf'>;
  filters: { readonly filter: RecordFilter; readonly query: Query };
  /** The Audit Log view's selection (the palette adds what is selected there). */
  selection: () => readonly AuditNode[];
  zone: () => ZoneSetting;
  log: Logger;
}

/** A record to add, as the tree or a detail panel hands it over. */
interface CaseRecordArg extends RecordOrigin {
  record: SourcedRecord;
  siteId: string;
}

function isRecordNode(value: unknown): value is RecordNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'record';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the tree knows of a record node: when its page came, and the window, filters and query it shows under. */
export function recordOrigin(deps: Pick<AddToCaseDeps, 'tree' | 'filters' | 'zone'>, node: RecordNode): RecordOrigin {
  const range = deps.tree.queryOf({ kind: 'window', id: nodeIds.window(node.siteId, node.windowId), siteId: node.siteId, windowId: node.windowId });
  const definition = deps.tree.windowsOf(node.siteId).find((w) => w.id === node.windowId);
  const query = deps.filters.query;
  return {
    ...(node.fetchedAt !== undefined ? { fetchedAt: node.fetchedAt } : {}),
    ...(range
      ? {
          from: {
            window: { label: definition ? windowLabel(definition, deps.zone()) : node.windowId, start: range.start, end: range.end, search: range.searchString ?? null },
            filters: caseFilters(deps.filters.filter),
            query: query.terms.length > 0 ? printQuery(query) : null,
          },
        }
      : {}),
  };
}

/** The records the command was given: a tree selection, a detail panel's record, or the view's selection. */
function recordArgs(deps: AddToCaseDeps, arg: unknown, selected: unknown): CaseRecordArg[] {
  const fromNode = (node: RecordNode): CaseRecordArg => ({ record: node.record, siteId: node.siteId, ...recordOrigin(deps, node) });
  if (Array.isArray(selected) && selected.some(isRecordNode)) return selected.filter(isRecordNode).map(fromNode);
  if (isRecordNode(arg)) return [fromNode(arg)];
  if (isObject(arg) && Array.isArray(arg.caseRecords)) {
    return arg.caseRecords.filter((r): r is CaseRecordArg => isObject(r) && isObject(r.record) && typeof r.siteId === 'string');
  }
  if (arg === undefined) return deps.selection().filter(isRecordNode).map(fromNode);
  return [];
}

/** Automation may name the case, tags and note (tests; the detail panel never does). */
function presetAnswers(arg: unknown): { case?: string; tags?: string[]; note?: string } {
  if (!isObject(arg)) return {};
  return {
    ...(typeof arg.case === 'string' ? { case: arg.case } : {}),
    ...(Array.isArray(arg.tags) && arg.tags.every((t) => typeof t === 'string') ? { tags: arg.tags } : {}),
    ...(typeof arg.note === 'string' ? { note: arg.note } : {}),
  };
}

function sourceOf(deps: AddToCaseDeps, item: CaseRecordArg): CaseSource {
  if (item.source) return item.source;
  const source = deps.sources.get(item.siteId);
  if (!source) throw new CaseProblem('the source of the record is no longer configured or open, so the case could not say where it came from');
  return { id: source.id, kind: source.kind, label: source.origin.label, url: source.origin.url };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function addToCase(deps: AddToCaseDeps, arg: unknown, selected: unknown): Promise<AddToCaseResult> {
  const items = recordArgs(deps, arg, selected);
  if (items.length === 0) {
    const message = 'Select one or more audit records in the Audit Log view (Ctrl or Cmd and click for several), then choose Add to Case….';
    void vscode.window.showInformationMessage(message);
    return { ok: false, kind: 'cancelled', message };
  }
  const unavailable = deps.cases.unavailable();
  if (unavailable !== undefined) {
    void vscode.window.showErrorMessage(unavailable);
    return { ok: false, kind: 'refused', message: unavailable };
  }
  const preset = presetAnswers(arg);
  const what = items.length === 1 ? 'the record' : plural(items.length, 'record');
  const target = preset.case !== undefined ? { name: preset.case, isNew: !(await deps.cases.names()).includes(preset.case) } : await pickCase(deps.cases, `Add ${what} to which case?`);
  if (!target) return { ok: false, kind: 'cancelled', message: 'No case was chosen; nothing was added.' };
  const tags = preset.tags ?? (await askTags(`Tags for ${what} in "${target.name}"`));
  if (tags === undefined) return { ok: false, kind: 'cancelled', message: 'Nothing was added.' };
  const note = preset.note ?? (await askNote(`Note for ${what} in "${target.name}"`));
  if (note === undefined) return { ok: false, kind: 'cancelled', message: 'Nothing was added.' };
  try {
    const drafts: CaseEntryDraft[] = items.map((item) => ({ record: item.record, source: sourceOf(deps, item), fetchedAt: item.fetchedAt ?? Date.now(), ...(item.from ? { from: item.from } : {}) }));
    if (target.isNew) await deps.cases.create(target.name);
    const outcome = await deps.cases.edit(target.name, (file) => {
      const added = addToCaseFile(file, drafts, { tags, note }, Date.now());
      return { file: added.file, result: added };
    });
    if (deps.cases.activeName !== target.name) await deps.cases.setActive(target.name);
    const where = `the case "${target.name}" (${deps.cases.describe(target.name)})`;
    const already = outcome.already > 0 ? `; ${plural(outcome.already, 'record')} ${outcome.already === 1 ? 'was' : 'were'} in it already and kept once${tags.length > 0 ? ', with the tags added' : ''}` : '';
    const message = `Added ${plural(outcome.added, 'record')} to ${where}${already}.`;
    void vscode.window.showInformationMessage(message, 'Show Case').then((choice) => {
      // The Case view starts collapsed, so that the Audit Log keeps the side bar's height until a case is used.
      if (choice === 'Show Case') void vscode.commands.executeCommand(`${CASE_VIEW_ID}.focus`);
    });
    deps.log.info(message);
    return { ok: true, caseName: target.name, added: outcome.added, already: outcome.already, message };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const message = `Nothing was added to the case "${target.name}": ${detail}.`;
    void vscode.window.showErrorMessage(message);
    deps.log.warn(message);
    return { ok: false, kind: 'refused', message };
  }
}
