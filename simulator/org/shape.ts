// The documented JSON of the organization API: events, pages of events, organizations, actions.
import { ALL_ACTIONS } from './actions';
import type { StoredOrgEvent } from './event';

export interface OrgInfo {
  id: string;
  name: string;
}

/** One `data[]` item: `{id, type: "events", attributes: {...}, links: {self}, message}`. */
export function eventJson(e: StoredOrgEvent, base: string, org: OrgInfo, withProcessedAt: boolean): Record<string, unknown> {
  const attributes: Record<string, unknown> = {
    time: new Date(e.time).toISOString(),
    action: e.action,
    actor: { id: e.actor.id, name: e.actor.name, email: e.actor.email, ...(e.actor.auth === undefined ? {} : { auth: { ...e.actor.auth } }), links: { self: `${base}/admin/v1/users/${encodeURIComponent(e.actor.id)}` } },
    context: e.context.map((c) => ({ id: c.id, type: c.type, attributes: { ...c.attributes }, links: {} })),
    container: [{ id: org.id, type: 'organizations', attributes: { name: org.name }, links: { self: `${base}/admin/v1/orgs/${org.id}` } }],
    ...(e.location === undefined ? {} : { location: { ...e.location } }),
  };
  if (withProcessedAt) {
    attributes.processedAt = new Date(e.processedAt).toISOString();
  }
  return {
    id: e.id,
    type: 'events',
    attributes,
    links: { self: `${base}/admin/v1/orgs/${org.id}/events/${e.id}` },
    message: { ...e.message },
  };
}

/** `{data, meta: {next, page_size}, links: {self, next?}}`: `next` as a cursor in meta, as a URL in links. */
export function eventPage(data: unknown[], self: string, nextUrl: (cursor: string) => string, next: string | undefined, pageSize: number): Record<string, unknown> {
  return {
    data,
    meta: { next: next ?? null, page_size: pageSize },
    links: { self, ...(next === undefined ? {} : { next: nextUrl(next) }) },
  };
}

/** `GET /admin/v1/orgs`: `links.next` carries the bare cursor. */
export function orgListPage(orgs: OrgInfo[], base: string, self: string, next: string | undefined): Record<string, unknown> {
  return {
    data: orgs.map((o) => ({ id: o.id, type: 'orgs', attributes: { name: o.name }, links: { self: `${base}/admin/v1/orgs/${o.id}` } })),
    links: { self, ...(next === undefined ? {} : { next }) },
  };
}

export function eventActionsJson(self: string): Record<string, unknown> {
  return {
    data: ALL_ACTIONS.map((a) => ({ id: a.id, type: 'event-actions', attributes: { displayName: a.displayName, groupDisplayNames: [a.group] } })),
    links: { self },
    meta: { total: ALL_ACTIONS.length },
  };
}

/** One of an organization's API keys as the API Access API lists it (no key value). */
export interface OrgApiKeyInfo {
  id: string;
  label: string;
  createdAt: number;
  expiresAt: number;
  createdBy: { id: string; name: string; email: string };
}

/** `GET /admin/api-access/v1/orgs/{orgId}/api-keys`: `{data: [{id, label, createdAt, expiresAt, …}], links}`. */
export function apiKeysJson(keys: readonly OrgApiKeyInfo[], orgId: string, self: string): Record<string, unknown> {
  return {
    data: keys.map((k) => ({
      id: k.id,
      label: k.label,
      createdAt: new Date(k.createdAt).toISOString(),
      expiresAt: new Date(k.expiresAt).toISOString(),
      lastActiveAt: null,
      orgId,
      createdBy: { ...k.createdBy },
      scopes: [],
    })),
    links: { self },
  };
}
