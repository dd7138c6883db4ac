// The organization API's request pipeline on the simulator: route → rate limit → faults → key →
// handler → reply (with mid-body faults). Errors use the api.atlassian.com gateway's {code, message}.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogEntry } from '../core';
import { gatewayError, type JsonReply } from '../errors';
import type { Faults, FaultResponse } from '../faults';
import type { Mount } from '../mount';
import { TokenBucket, type RateLimitOptions } from '../ratelimit';
import { sendBody, sleep } from '../reply';
import { checkKey, type OrgKeys } from './keys';
import { OrgBadRequest } from './params';
import { getEventActions, getEvents, getEventsStream, getOrgs, type OrgRouteContext } from './routes';
import { apiKeysJson, type OrgApiKeyInfo, type OrgInfo } from './shape';
import { OrgEventStore } from './store';

const JSON_TYPE = 'application/json;charset=UTF-8';
export const ORG_PREFIX = '/admin/v1/';
/** Where the organization's mount answers: the admin API and the API Access API (`/admin/api-access/v1`). */
export const ORG_MOUNT_PREFIX = '/admin/';
/** What the organizations other than the seeded one hold. */
const EMPTY = new OrgEventStore([]);

export interface OrgLimits {
  /** The poll API, per key; none by default (Atlassian publishes no number for it). */
  poll?: RateLimitOptions;
  /** The query API, per key and path; default 10 requests a minute as published. */
  query?: RateLimitOptions;
}

export interface OrgServerState {
  base(): string;
  keys: OrgKeys;
  /** The organizations each kind of key sees; the first of `guarded` holds the events. */
  guarded: OrgInfo[];
  unguarded: OrgInfo[];
  store: OrgEventStore;
  faults: Faults;
  limits: OrgLimits;
  maxPageSize: number;
  orgsPageSize: number;
  insertLive(count: number): void;
  /** The API keys of the organization holding the events (the others list none). */
  apiKeys: readonly OrgApiKeyInfo[];
}

type OrgRoute = { op: 'orgs' } | { op: 'stream' | 'events' | 'actions' | 'apiKeys'; orgId: string };

function resolveOrgRoute(pathname: string): OrgRoute | undefined {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '/admin/v1/orgs') {
    return { op: 'orgs' };
  }
  const keys = /^\/admin\/api-access\/v1\/orgs\/([^/]+)\/api-keys$/.exec(path);
  if (keys !== null) {
    return { op: 'apiKeys', orgId: decodeURIComponent(keys[1]) };
  }
  const m = /^\/admin\/v1\/orgs\/([^/]+)\/(events-stream|events|event-actions)$/.exec(path);
  if (m === null) {
    return undefined;
  }
  const op = m[2] === 'events-stream' ? 'stream' : m[2] === 'events' ? 'events' : 'actions';
  return { op, orgId: decodeURIComponent(m[1]) };
}

export function orgMount(state: OrgServerState): Mount {
  const buckets = new Map<string, TokenBucket>();
  const take = (id: string, limit: RateLimitOptions | undefined): number | undefined => {
    if (limit === undefined) {
      return undefined;
    }
    let bucket = buckets.get(id);
    if (bucket === undefined) {
      bucket = new TokenBucket(limit);
      buckets.set(id, bucket);
    }
    const taken = bucket.take();
    return taken.ok ? undefined : taken.retryAfterSeconds;
  };

  return {
    prefix: ORG_MOUNT_PREFIX,
    handle: async (req, res, entry, url, signal) => {
      const route = resolveOrgRoute(url.pathname);
      if (route === undefined) {
        writeJson(res, gatewayError(404, `No resource at ${url.pathname}.`));
        return;
      }
      if ((req.method ?? 'GET') !== 'GET') {
        writeJson(res, gatewayError(405, `${req.method ?? ''} is not supported here.`, { Allow: 'GET' }));
        return;
      }
      // Per caller: by a digest of the Authorization header, so the limiter never keeps the key.
      const caller = createHash('sha256').update(req.headers.authorization ?? '').digest('hex');
      const wait = route.op === 'stream' ? take(`${caller} poll`, state.limits.poll)
        : route.op === 'events' ? take(`${caller} ${url.pathname}`, state.limits.query) : undefined;
      if (wait !== undefined) {
        state.faults.count('rateLimited');
        writeJson(res, gatewayError(429, 'Rate limit exceeded.', { 'Retry-After': String(wait) }));
        return;
      }
      const plan = state.faults.plan(url.pathname);
      if (plan.insertCount) {
        state.insertLive(plan.insertCount);
      }
      if (plan.stallBeforeMs !== undefined && !(await sleep(plan.stallBeforeMs, signal))) {
        return;
      }
      if (plan.reset) {
        try {
          req.socket.resetAndDestroy();
        } catch {
          req.socket.destroy();
        }
        return;
      }
      if (plan.respond) {
        writeFault(res, plan.respond);
        return;
      }
      const reply = answer(state, route, req, url, entry);
      const body = Buffer.from(JSON.stringify(reply.body), 'utf8');
      await sendBody(res, reply.status, { 'Content-Type': JSON_TYPE, ...reply.headers }, body, reply.status === 200 ? plan.midBody : undefined, signal);
    },
  };
}

function answer(state: OrgServerState, route: OrgRoute, req: IncomingMessage, url: URL, entry: RequestLogEntry): JsonReply {
  const key = checkKey(req.headers.authorization, state.keys);
  entry.user = `org:${key}`;
  switch (key) {
    case 'missing':
    case 'wrong':
    case 'expired':
      // The gateway answers before the admin API: an expired key looks like any rejected one.
      return gatewayError(401, 'Unauthorized');
    case 'valid':
    case 'nonGuard':
      break;
  }
  const orgs = key === 'valid' ? state.guarded : state.unguarded;
  const base = state.base();
  const ctx = { base, pathAndQuery: `${url.pathname}${url.search}`, pathname: url.pathname, query: url.searchParams };
  try {
    if (route.op === 'orgs') {
      return getOrgs(ctx, orgs, state.orgsPageSize);
    }
    const org = orgs.find((o) => o.id === route.orgId);
    if (org === undefined) {
      return key === 'nonGuard' && state.guarded.some((o) => o.id === route.orgId)
        ? gatewayError(403, 'You do not have permission to access this organization.')
        : gatewayError(404, `Organization ${route.orgId} not found.`);
    }
    if (route.op === 'apiKeys') {
      // Listing API keys needs no Guard plan.
      return { status: 200, body: apiKeysJson(org.id === state.guarded[0].id ? state.apiKeys : [], org.id, `${base}${ctx.pathAndQuery}`) };
    }
    if (key === 'nonGuard') {
      return gatewayError(403, 'Access to the audit log API requires an Atlassian Guard subscription for this organization.');
    }
    const routeCtx: OrgRouteContext = { ...ctx, store: state.store, org, maxPageSize: Math.min(state.maxPageSize, state.faults.pageCap ?? Infinity) };
    // Only the first organization holds events; the others are empty.
    const scoped = org.id === state.guarded[0].id ? routeCtx : { ...routeCtx, store: EMPTY };
    switch (route.op) {
      case 'stream':
        return getEventsStream(scoped);
      case 'events':
        return getEvents(scoped);
      case 'actions':
        return getEventActions(ctx);
    }
  } catch (e) {
    if (e instanceof OrgBadRequest) {
      return gatewayError(400, e.message);
    }
    throw e;
  }
}

function writeFault(res: ServerResponse, fault: FaultResponse): void {
  if (fault.kind === 'status') {
    const body = Buffer.from(fault.body ?? '', 'utf8');
    res.writeHead(fault.status, { 'Content-Type': 'text/plain;charset=UTF-8', ...fault.headers, 'Content-Length': String(body.length) });
    res.end(body);
    return;
  }
  const headers: Record<string, string> = fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {};
  const message = fault.kind === '429' ? 'Rate limit exceeded.' : fault.kind === '503' ? 'Service temporarily unavailable.' : 'Internal server error.';
  writeJson(res, gatewayError(fault.status, message, headers));
}

function writeJson(res: ServerResponse, reply: JsonReply): void {
  const body = Buffer.from(JSON.stringify(reply.body), 'utf8');
  res.writeHead(reply.status, { 'Content-Type': JSON_TYPE, ...reply.headers, 'Content-Length': String(body.length) });
  res.end(body);
}

