// Shapes of the Atlassian organization audit log (admin API) as the client hands them out.
// Every string in them came from the server and is hostile: render it as text, never as markup.

/** One organization the API key can see (`GET /admin/v1/orgs`). */
export interface OrgSummary {
  id: string;
  name: string;
  /** The item as the server sent it, unknown fields included. */
  raw: Record<string, unknown>;
}

export interface OrgActorAuth {
  authType?: string;
  tokenId?: string;
  tokenLabel?: string;
}

export interface OrgActor {
  id: string;
  name?: string;
  email?: string;
  auth?: OrgActorAuth;
}

/** A `context` or `container` entry: a site, a space, a product, a user… */
export interface OrgEventObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  links: Record<string, unknown>;
}

export interface OrgEventLocation {
  ip?: string;
  geo?: string;
  countryName?: string;
  regionName?: string;
  city?: string;
}

export interface OrgEventMessage {
  content?: string;
  format?: string;
}

export interface OrgEvent {
  id: string;
  /** Epoch ms of `attributes.time`. */
  time: number;
  /** `attributes.time` exactly as sent (ISO 8601). */
  timeText: string;
  action: string;
  actor: OrgActor;
  context: OrgEventObject[];
  container: OrgEventObject[];
  location?: OrgEventLocation;
  message?: OrgEventMessage;
  /** Epoch ms of `attributes.processedAt`, when the server sent one. */
  processedAt?: number;
  /** The event as the server sent it, unknown fields included (for the detail view). */
  raw: Record<string, unknown>;
}

/** One page of events from either API. */
export interface OrgEventPage {
  events: OrgEvent[];
  /** The cursor of the next page; undefined when the server announced none. */
  next?: string;
  /** `meta.page_size` when sent. */
  pageSize?: number;
  /** Items dropped because they were not events (kept out of `events`, counted for the log). */
  skipped: number;
}

export interface OrgListPage {
  orgs: OrgSummary[];
  next?: string;
}

/** An entry of `GET …/event-actions`: the action id and the name people read. */
export interface OrgEventAction {
  id: string;
  displayName: string;
  groupDisplayNames: string[];
  raw: Record<string, unknown>;
}

export type SortOrder = 'asc' | 'desc';

/** A window of the poll API: `from`/`to` inclusive epoch ms. */
export interface OrgStreamQuery {
  from?: number;
  to?: number;
  sortOrder?: SortOrder;
  cursor?: string;
  limit?: number;
}

/** The query API's filters (`…/events`); arrays are sent as repeated parameters. */
export interface OrgSearchQuery {
  q?: string;
  from?: number;
  to?: number;
  action?: string;
  actor?: string[];
  ip?: string[];
  product?: string[];
  cursor?: string;
  limit?: number;
}

/**
 * One of the organization's API keys as the API Access API lists it (`…/api-access/v1/orgs/{orgId}/api-keys`).
 * Keys expire on the date chosen when they were made (a week by default, a year at most).
 */
export interface OrgApiKey {
  id: string;
  label: string;
  /** Epoch ms. */
  createdAt?: number;
  /** Epoch ms. */
  expiresAt?: number;
  /** Who created it (name, else e-mail). */
  createdBy?: string;
}
