// The one message protocol between the extension host and its webviews (record detail, retention, timeline);
// the retention and timeline view models are in retentionView.ts and timelineView.ts.
// Imported by the host (src/webview) and by the front end (media/src), so it must not import 'vscode'.
//
// Shape: the webview sends requests, each with a requestId; the host answers every request with exactly one
// `response` carrying a Result (errors are data, never a hang) and may send `progress` for a request still
// running, plus notifications that need no request. Requests from a webview carry no free text a host
// action could act on: pivots and comparisons name the record field by kind or index, and the host takes
// the value from the record it holds, so a hostile webview cannot choose what to filter or open.

import type { RetentionPeriod, RetentionUnit } from '../api/types';
import type { RetentionImpact, RetentionSnapshot, SaveOutcome } from './retentionView';
import type { TimelineView } from './timelineView';
import type { SourceFieldsOrigin } from '../model/sourceFields';

export type { RetentionPeriod, RetentionUnit };
export type { SourceFieldsOrigin } from '../model/sourceFields';
export type { BarState, TimelineBar, TimelineChart } from '../model/timelineChart';
export type { RetentionImpact, RetentionSnapshot, SaveOutcome } from './retentionView';
export type { TimelineView } from './timelineView';

/** The webview gives up on a request after this long without a response or progress for it. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** While a request runs, the host sends progress at least this often, so a slow server is not a hang. */
export const PROGRESS_HEARTBEAT_MS = 10_000;

/** Upper bounds the validator enforces (a request id is a counter; an index points into changedValues). */
export const LIMITS = {
  maxRequestId: 2 ** 31 - 1,
  maxChangedValueIndex: 9_999,
  /** RetentionPeriod.number is an int32 in the spec. */
  maxRetentionNumber: 2 ** 31 - 1,
  /** A timeline bar index (a window of hours over a year would still be fewer bars). */
  maxBarIndex: 99_999,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Errors and results

/** An error as data. `kind` is an AuditError kind or one of the protocol's own kinds. */
export interface ProtocolError {
  kind: string;
  /** A sentence for the user. */
  message: string;
  /** The server's own words, when it refused something (shown verbatim, as text). */
  serverMessage?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

// ---------------------------------------------------------------------------------------------------------
// Record detail: view model

/** One side of a changed value. A hidden value is redacted by the server: never shown as empty. */
export type ValueView = { kind: 'hidden' } | { kind: 'empty' } | { kind: 'text'; text: string };

export interface ChangedValueView {
  name: string;
  oldValue: ValueView;
  newValue: ValueView;
  /** Long or multi-line: offer "Compare" (VS Code's diff editor). */
  comparable: boolean;
}

export interface ObjectView {
  name: string;
  objectType: string;
}

export interface AuthorView {
  /** True for Confluence's own System events (no account behind them). */
  system: boolean;
  /** What the detail shows first: the display name, or "System". */
  label: string;
  displayName: string;
  publicName?: string;
  accountId?: string;
  accountType?: string;
  type: string;
  username?: string;
  userKey?: string;
  isGuest?: boolean;
  isExternalCollaborator?: boolean;
}

export interface RecordView {
  siteLabel: string;
  /** The one-line label used in the tree, for the panel heading. */
  title: string;
  time: {
    epochMs: number;
    /** ISO 8601 in the chosen zone, e.g. 2026-11-25T22:27:34.123+01:00. */
    zoned: string;
    zoneLabel: string;
    /** ISO 8601 in UTC (…Z). */
    utc: string;
  };
  summary: string;
  category: string;
  description: string;
  author: AuthorView;
  remoteAddress: string;
  sysAdmin: boolean;
  /** undefined when the server did not say. */
  superAdmin?: boolean;
  affectedObject: ObjectView;
  associatedObjects: ObjectView[];
  changedValues: ChangedValueView[];
  /** Explanations of known audit-log quirks that apply to this record. */
  notes: string[];
  /**
   * What the record's source said beyond the record model (a Data Center event's method, an organization
   * event's actor e-mail, a CSV's extra columns), and which source that is: the page names it in its heading.
   */
  sourceFields?: { from: SourceFieldsOrigin; fields: Array<{ name: string; value: string }> };
  /** Which pivots make sense for this record (an empty remote address cannot be filtered on). */
  pivots: { author: boolean; remoteAddress: boolean; affectedObject: boolean; around: boolean };
}

// ---------------------------------------------------------------------------------------------------------
// Webview → host requests

export const PIVOTS = ['author', 'remoteAddress', 'affectedObject', 'around'] as const;
export type Pivot = (typeof PIVOTS)[number];

export type DetailRequest =
  | { type: 'detail.ready'; requestId: number }
  | { type: 'detail.copyJson'; requestId: number }
  | { type: 'detail.openJson'; requestId: number }
  | { type: 'detail.compare'; requestId: number; index: number }
  | { type: 'detail.pivot'; requestId: number; pivot: Pivot }
  | { type: 'detail.setPinned'; requestId: number; pinned: boolean };

export type RetentionRequest =
  | { type: 'retention.ready'; requestId: number }
  | { type: 'retention.refresh'; requestId: number }
  | { type: 'retention.preview'; requestId: number; period: RetentionPeriod }
  | { type: 'retention.cancelPreview'; requestId: number }
  | { type: 'retention.save'; requestId: number; period: RetentionPeriod; loaded: RetentionPeriod };

/** Bars are named by index into the chart the host sent; the host maps them to its own buckets. */
export type TimelineRequest =
  | { type: 'timeline.ready'; requestId: number }
  | { type: 'timeline.cancel'; requestId: number }
  | { type: 'timeline.recount'; requestId: number }
  | { type: 'timeline.reveal'; requestId: number; index: number }
  | { type: 'timeline.select'; requestId: number; from: number; to: number };

export type WebviewRequest = DetailRequest | RetentionRequest | TimelineRequest;
export type RequestType = WebviewRequest['type'];
export type PanelKind = 'detail' | 'retention' | 'timeline';

/** What each request's response carries when it succeeds. */
export interface ResultTypes {
  'detail.ready': DetailReady;
  'detail.copyJson': null;
  'detail.openJson': null;
  'detail.compare': null;
  'detail.pivot': { done: string };
  'detail.setPinned': { pinned: boolean };
  'retention.ready': RetentionSnapshot;
  'retention.refresh': RetentionSnapshot;
  'retention.preview': RetentionImpact;
  'retention.cancelPreview': null;
  'retention.save': SaveOutcome;
  'timeline.ready': TimelineView;
  'timeline.cancel': null;
  'timeline.recount': null;
  'timeline.reveal': null;
  /** The label of the window added to the tree. */
  'timeline.select': { window: string };
}

export interface DetailReady {
  view: RecordView;
  pinned: boolean;
  /** What the webview saves with setState so the panel can be restored after a reload. */
  identity: RecordIdentity;
}

// ---------------------------------------------------------------------------------------------------------
// Host → webview

export type ResponseMessage<K extends RequestType = RequestType> = K extends RequestType
  ? { type: 'response'; requestId: number; request: K; result: Result<ResultTypes[K]> }
  : never;

/** A running request is still alive; `stage` says what it waits for ('confirming' = a modal dialog is open). */
export interface ProgressMessage {
  type: 'progress';
  requestId: number;
  stage: 'working' | 'counting' | 'confirming' | 'saving' | 'readingBack';
  message: string;
}

/** The detail panel now shows another record (the panel is reused for the next record unless pinned). */
export type DetailNotification = { type: 'detail.show'; view: RecordView; pinned: boolean; identity: RecordIdentity };

/** The timeline counted more: the whole view again (a few hundred bars at most). */
export type TimelineNotification = { type: 'timeline.show'; view: TimelineView };

export type HostMessage = ResponseMessage | ProgressMessage | DetailNotification | TimelineNotification;

// ---------------------------------------------------------------------------------------------------------
// Webview state kept by VS Code (getState/setState) across hide/show and, through a serializer, reloads.
// It comes back from the webview, so the host validates it like a message before using it.

/** A record has no id: it is found again by its site, its millisecond and its content key. */
export interface RecordIdentity {
  siteId: string;
  creationDate: number;
  key: string;
}

export interface DetailState {
  identity: RecordIdentity;
  pinned: boolean;
}

/** The form as typed, kept verbatim (it may be invalid: the user is still typing). */
export interface RetentionDraft {
  number: string;
  units: string;
  /** The stored period the form had loaded when this draft was typed (for the "changed since" check). */
  basedOn?: RetentionPeriod;
}

export interface RetentionState {
  siteId: string;
  draft?: RetentionDraft;
}

export const DETAIL_VIEW_TYPE = 'confluenceAudit.recordDetail';
export const RETENTION_VIEW_TYPE = 'confluenceAudit.retention';
export const TIMELINE_VIEW_TYPE = 'confluenceAudit.timeline';
