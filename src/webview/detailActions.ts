// The detail panel's fixed actions. Each webview request maps to one of them; none takes a value from the
// webview except a bounded index or a pivot name: filter values, times and texts come from the record the
// host holds. Pure (no 'vscode'): effects are injected.
import type { AuditRecord, ChangedValue } from '../api/types';
import { isHiddenValue } from '../model/recordView';
import { singleLine } from '../model/safeText';
import type { DetailReady, Pivot, RecordIdentity, RecordView, SourceFieldsOrigin } from '../shared/protocol';
import { RequestError, type Handlers } from './messageRouter';
import { authorFilterValue } from './recordViewModel';

export const AROUND_MS = 15 * 60_000;

/** Filter kinds the tree's addFilter command accepts (affectedObjects is added with the detail view). */
export type PivotFilterKind = 'authors' | 'remoteAddresses' | 'affectedObjects';

export interface AbsoluteWindowSpec {
  kind: 'absolute';
  start: number;
  end: number;
  zone: 'utc';
}

export interface DetailEffects {
  copyText(text: string): Promise<void>;
  openJson(record: AuditRecord, siteLabel: string): Promise<void>;
  /** Opens VS Code's diff editor on two read-only texts. */
  compare(oldText: string, newText: string, title: string): Promise<void>;
  /** `label` names a value that is not readable itself (an author's account id). */
  addFilter(kind: PivotFilterKind, value: string, label?: string): Promise<void>;
  /** Adds the window to the site in the tree; the new window's id, or undefined when it was refused. */
  addTimeWindow(siteId: string, spec: AbsoluteWindowSpec): Promise<string | undefined>;
  revealWindow(siteId: string, windowId: string): Promise<void>;
  setPinned(pinned: boolean): void;
}

/** What the panel currently shows. */
export interface DetailSubject {
  record: AuditRecord;
  siteId: string;
  siteLabel: string;
  /** What the record was read from (kept for a re-render). */
  fieldsFrom: SourceFieldsOrigin;
  view: RecordView;
  identity: RecordIdentity;
}

export interface DetailContext {
  /** The record shown; waits for a restore's refetch, throws a RequestError when it failed. */
  subject(): Promise<DetailSubject>;
  pinned(): boolean;
  effects: DetailEffects;
}

function fieldValue(record: AuditRecord, pivot: Exclude<Pivot, 'around'>): string | undefined {
  switch (pivot) {
    case 'author':
      return authorFilterValue(record);
    case 'remoteAddress': {
      const value = typeof record.remoteAddress === 'string' ? record.remoteAddress.trim() : '';
      return value === '' ? undefined : value;
    }
    case 'affectedObject': {
      const value = typeof record.affectedObject?.name === 'string' ? record.affectedObject.name.trim() : '';
      return value === '' ? undefined : value;
    }
  }
}

/** The name an author filter is shown with when it matches an id: the display name, else the public name. */
function authorName(record: AuditRecord, value: string): string | undefined {
  for (const candidate of [record.author?.displayName, record.author?.publicName]) {
    const name = typeof candidate === 'string' ? candidate.trim() : '';
    if (name !== '') return name === value ? undefined : name;
  }
  return undefined;
}

const FILTER_KIND: Record<Exclude<Pivot, 'around'>, PivotFilterKind> = {
  author: 'authors',
  remoteAddress: 'remoteAddresses',
  affectedObject: 'affectedObjects',
};

const PIVOT_NAMES: Record<Exclude<Pivot, 'around'>, string> = {
  author: 'author',
  remoteAddress: 'remote address',
  affectedObject: 'affected object',
};

async function pivot(context: DetailContext, which: Pivot): Promise<{ done: string }> {
  const { record, siteId } = await context.subject();
  if (which === 'around') {
    const t = record.creationDate;
    if (!Number.isFinite(t)) throw new RequestError('invalid', 'This record has no valid time.');
    const windowId = await context.effects.addTimeWindow(siteId, { kind: 'absolute', start: t - AROUND_MS, end: t + AROUND_MS, zone: 'utc' });
    if (windowId === undefined) throw new RequestError('refused', 'The time window was not added.');
    await context.effects.revealWindow(siteId, windowId);
    return { done: 'Added a time window of 15 minutes either side of this record to the Audit Log view.' };
  }
  const value = fieldValue(record, which);
  if (value === undefined) throw new RequestError('invalid', `This record has no ${PIVOT_NAMES[which]} to filter by.`);
  const label = which === 'author' ? authorName(record, value) : undefined;
  await context.effects.addFilter(FILTER_KIND[which], value, label);
  return { done: label ? `Filtering the Audit Log view by the author ${label}.` : `Filtering the Audit Log view by this ${PIVOT_NAMES[which]}.` };
}

/** The text a diff side shows: the raw value, or a marker for a value the server redacted. */
export function compareText(cv: ChangedValue, which: 'old' | 'new'): string {
  if (isHiddenValue(cv, which)) return '(hidden by Confluence)\n';
  const value = which === 'old' ? cv.oldValue : cv.newValue;
  return typeof value === 'string' ? value : '';
}

export function detailHandlers(context: DetailContext): Handlers<'detail'> {
  return {
    'detail.ready': async (): Promise<DetailReady> => {
      const { view, identity } = await context.subject();
      return { view, identity, pinned: context.pinned() };
    },
    'detail.copyJson': async () => {
      const { record } = await context.subject();
      await context.effects.copyText(JSON.stringify(record, null, 2));
      return null;
    },
    'detail.openJson': async () => {
      const { record, siteLabel } = await context.subject();
      await context.effects.openJson(record, siteLabel);
      return null;
    },
    'detail.compare': async (request) => {
      const { record, view } = await context.subject();
      const changed = Array.isArray(record.changedValues) ? record.changedValues[request.index] : undefined;
      const shown = view.changedValues[request.index];
      if (!changed || !shown?.comparable) throw new RequestError('invalid', 'There is no long value to compare at that position.');
      const title = `${singleLine(changed.name || '(unnamed value)', 60)}: old ↔ new`;
      await context.effects.compare(compareText(changed, 'old'), compareText(changed, 'new'), title);
      return null;
    },
    'detail.pivot': (request) => pivot(context, request.pivot),
    'detail.setPinned': async (request) => {
      context.effects.setPinned(request.pinned);
      return { pinned: context.pinned() };
    },
  };
}
