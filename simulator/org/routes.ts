// The organization API's operations on the simulator's state: each returns the JSON reply.
import type { JsonReply } from '../errors';
import { decodeCursor, encodeCursor, type SearchFilters } from './cursor';
import { OrgBadRequest, limitParam, listParam, orderParam, timeParam } from './params';
import { eventActionsJson, eventJson, eventPage, orgListPage, type OrgInfo } from './shape';
import type { OrgEventStore } from './store';

export const DEFAULT_EVENT_PAGE_SIZE = 100;
export const MAX_SEARCH_PAGE_SIZE = 200;

export interface OrgRouteContext {
  base: string;
  /** Path and query of the request, for `links.self`. */
  pathAndQuery: string;
  pathname: string;
  query: URLSearchParams;
  store: OrgEventStore;
  org: OrgInfo;
  /** Largest page the poll API serves (lowered by the page-cap fault). */
  maxPageSize: number;
}

function ok(body: unknown): JsonReply {
  return { status: 200, body };
}

function cursorParam<K extends 'stream' | 'search' | 'list'>(q: URLSearchParams, kind: K): ReturnType<typeof decodeCursor<K>> | undefined {
  const raw = q.get('cursor');
  if (raw === null || raw === '') {
    return undefined;
  }
  const cursor = decodeCursor(raw, kind);
  if (cursor === undefined) {
    throw new OrgBadRequest("Invalid value for 'cursor'.");
  }
  return cursor;
}

function nextUrlFor(ctx: OrgRouteContext): (cursor: string) => string {
  return (cursor) => `${ctx.base}${ctx.pathname}?cursor=${encodeURIComponent(cursor)}`;
}

/**
 * `GET …/events-stream`: processing order (asc, the default) or its reverse. A cursor carries the
 * query, so the other parameters are ignored beside it. Ascending answers always carry a next
 * cursor (the position to poll from later); descending ones only while more events remain.
 */
export function getEventsStream(ctx: OrgRouteContext): JsonReply {
  const c = cursorParam(ctx.query, 'stream');
  const from = c === undefined ? timeParam(ctx.query, 'from') : c.from;
  const to = c === undefined ? timeParam(ctx.query, 'to') : c.to;
  const order = c === undefined ? orderParam(ctx.query) : c.order;
  const limit = Math.min(c === undefined ? limitParam(ctx.query, DEFAULT_EVENT_PAGE_SIZE, ctx.maxPageSize) : c.limit, ctx.maxPageSize);
  const slice = ctx.store.stream({ from, to, order, afterSeq: c?.seq, limit });
  const last = slice.events.length > 0 ? slice.events[slice.events.length - 1].seq : c?.seq ?? -1;
  const next = order === 'asc' || slice.more ? encodeCursor({ kind: 'stream', seq: last, from, to, order, limit }) : undefined;
  const data = slice.events.map((e) => eventJson(e, ctx.base, ctx.org, true));
  return ok(eventPage(data, `${ctx.base}${ctx.pathAndQuery}`, nextUrlFor(ctx), next, limit));
}

/** `GET …/events`: newest first, with q / action / actor / ip filters and a keyset cursor. */
export function getEvents(ctx: OrgRouteContext): JsonReply {
  const c = cursorParam(ctx.query, 'search');
  const filters: SearchFilters = c?.filters ?? {
    from: timeParam(ctx.query, 'from'),
    to: timeParam(ctx.query, 'to'),
    q: ctx.query.get('q') || undefined,
    action: ctx.query.get('action') || undefined,
    actors: listParam(ctx.query, 'actor'),
    ips: listParam(ctx.query, 'ip'),
  };
  const limit = c?.limit ?? limitParam(ctx.query, DEFAULT_EVENT_PAGE_SIZE, MAX_SEARCH_PAGE_SIZE);
  const slice = ctx.store.search(filters, c === undefined ? undefined : { time: c.time, id: c.id }, limit);
  const last = slice.events[slice.events.length - 1];
  const next = slice.more && last !== undefined ? encodeCursor({ kind: 'search', time: last.time, id: last.id, filters, limit }) : undefined;
  const data = slice.events.map((e) => eventJson(e, ctx.base, ctx.org, false));
  return ok(eventPage(data, `${ctx.base}${ctx.pathAndQuery}`, nextUrlFor(ctx), next, limit));
}

export function getOrgs(ctx: Pick<OrgRouteContext, 'base' | 'pathAndQuery' | 'query'>, orgs: OrgInfo[], pageSize: number): JsonReply {
  const offset = cursorParam(ctx.query, 'list')?.offset ?? 0;
  const page = orgs.slice(offset, offset + pageSize);
  const next = offset + pageSize < orgs.length ? encodeCursor({ kind: 'list', offset: offset + pageSize }) : undefined;
  return ok(orgListPage(page, ctx.base, `${ctx.base}${ctx.pathAndQuery}`, next));
}

export function getEventActions(ctx: Pick<OrgRouteContext, 'base' | 'pathAndQuery'>): JsonReply {
  return ok(eventActionsJson(`${ctx.base}${ctx.pathAndQuery}`));
}
