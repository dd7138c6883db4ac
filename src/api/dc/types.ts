// Data Center advanced auditing (`/rest/auditing/1.0`, Confluence 7.5+), as real servers send it.

export interface DcAuthor {
  name: string;
  /** "user", "system", ... */
  type: string;
  id: string;
  uri?: string;
  avatarUri?: string;
}

export interface DcAffectedObject {
  name: string;
  type: string;
  id?: string;
  /** A link into the site: shown as text, never followed by us. */
  uri?: string;
}

export interface DcChangedValue {
  key: string;
  i18nKey?: string;
  /** Absent when that side is empty. */
  from?: string;
  to?: string;
}

export interface DcExtraAttribute {
  name: string;
  nameI18nKey?: string;
  value: string;
}

export interface DcAuditEvent {
  /** Epoch ms, from the ISO `timestamp` (or audit log files' {epochSecond, nano}). */
  time: number;
  /** The server's text, kept for the detail view (it may carry more than milliseconds). */
  timestampText: string;
  author: DcAuthor;
  category: string;
  categoryI18nKey?: string;
  action: string;
  actionI18nKey?: string;
  /** Audit log files only: area and level of the event type. */
  area?: string;
  level?: string;
  affectedObjects: DcAffectedObject[];
  changedValues: DcChangedValue[];
  /** The client's IP address. */
  source: string;
  /** The site's base URL as the node knows it. */
  system: string;
  /** "Browser", "System", "REST", ... */
  method: string;
  extraAttributes: DcExtraAttribute[];
  /** Fields this client does not know, kept verbatim for the detail view. */
  extra: Record<string, unknown>;
}

export interface DcEventsPage {
  events: DcAuditEvent[];
  /** "<timestamp>,<id>" for the next page; absent on the last. */
  nextPageCursor?: string;
}

/** Server-side filters of /events. */
export interface DcEventFilters {
  userIds?: string[];
  categories?: string[];
  actions?: string[];
  /** `type,id` pairs. */
  affectedObjects?: Array<{ type: string; id: string }>;
  search?: string;
}

export const DC_COVERAGE_LEVELS = ['off', 'base', 'advanced', 'full'] as const;
export type DcCoverageLevel = (typeof DC_COVERAGE_LEVELS)[number];

export interface DcCoverage {
  /** Area (e.g. "END_USER_ACTIVITY") → level; unknown levels are left out. */
  levelByArea: Record<string, DcCoverageLevel>;
}

/** What a Data Center site offers for reading its audit log. */
export type DcAuditApi = 'advanced' | 'legacy';
