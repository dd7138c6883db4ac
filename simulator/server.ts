// The HTTP request pipeline: log, redirect, route, rate limit, faults, authentication, handler,
// response (with mid-body faults).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { authenticate, type AuthOutcome, type Flavour } from './auth';
import type { RequestLogEntry, SimulatorCore } from './core';
import { confluenceError, gatewayError, type JsonReply } from './errors';
import type { FaultResponse, MidBodyFault } from './faults';
import { sendBody, sendStream, sleep } from './reply';
import { resolveRoute, type ApiRoute } from './routing';
import { isStreamReply, type RouteContext, type RouteResult } from './routes/context';
import { postAudit } from './routes/create';
import { getExport } from './routes/export';
import { BadRequest } from './routes/params';
import { getAudit, getSince } from './routes/records';
import { getRetention, putRetention } from './routes/retention';
import { getDcCoverage, getDcEvents } from './dc/events';

const JSON_TYPE = 'application/json;charset=UTF-8';
const MAX_BODY_BYTES = 1024 * 1024;

export function requestListener(core: SimulatorCore): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const entry = core.log(req);
    res.once('close', () => {
      entry.status = res.headersSent ? res.statusCode : undefined;
      core.onRequestDone?.(entry);
    });
    handle(core, req, res, entry).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      writeJson(res, confluenceError(500, `Simulator error: ${message}`), {});
    });
  };
}

async function handle(core: SimulatorCore, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry): Promise<void> {
  const closed = new AbortController();
  res.once('close', () => closed.abort());
  const signal = AbortSignal.any([core.stopController.signal, closed.signal]);
  const rawUrl = req.url ?? '/';

  const location = redirectFor(core.parts.redirects, rawUrl);
  if (location) {
    res.writeHead(302, { Location: location, 'Content-Length': '0' });
    res.end();
    return;
  }

  const url = new URL(rawUrl, 'http://simulator.invalid');
  const route = resolveRoute(url.pathname, core.parts.cloudId);
  const flavour: Flavour = route.kind === 'api' || route.kind === 'notFound' ? route.flavour : 'gateway';

  if (route.kind === 'api' && core.parts.bucket) {
    const taken = core.parts.bucket.take();
    if (!taken.ok) {
      core.parts.faults.count('rateLimited');
      writeJson(res, errorFor(flavour, 429, 'Rate limit exceeded.', { 'Retry-After': String(taken.retryAfterSeconds) }), {});
      return;
    }
  }

  const plan = core.parts.faults.plan(url.pathname);
  if (plan.insertCount) {
    core.insertLive(plan.insertCount);
  }
  if (plan.stallBeforeMs !== undefined && !(await sleep(plan.stallBeforeMs, signal))) {
    return;
  }
  if (plan.reset) {
    resetSocket(req.socket);
    return;
  }
  if (plan.respond) {
    writeFault(res, flavour, plan.respond);
    return;
  }

  switch (route.kind) {
    case 'tenantInfo':
      writeJson(res, { status: 200, body: { cloudId: core.parts.cloudId } }, {});
      return;
    case 'gatewayUnknownSite':
      writeJson(res, gatewayError(404, 'Cannot find a Confluence site for this cloud id.'), {});
      return;
    case 'notFound':
      writeJson(res, errorFor(flavour, 404, `No resource at ${url.pathname}.`), {});
      return;
    case 'api':
      await handleApi(core, req, res, entry, route, url, plan.midBody, signal);
      return;
  }
}

async function handleApi(
  core: SimulatorCore, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry,
  route: ApiRoute, url: URL, midBody: MidBodyFault | undefined, signal: AbortSignal,
): Promise<void> {
  const auth = authenticate(req.headers.authorization, route.flavour, core.parts.accounts);
  const extra = route.flavour === 'datacenter' ? dataCenterHeaders(auth) : {};
  entry.user = 'account' in auth ? auth.account.username : auth.kind === 'anonymous' ? 'anonymous' : undefined;
  const method = req.method ?? 'GET';

  const refusal = refuse(route, auth, method);
  if (refusal) {
    writeJson(res, refusal, extra);
    return;
  }
  const isWrite = method === 'POST' || method === 'PUT';
  if (isWrite && core.parts.requireAtlassianToken && req.headers['x-atlassian-token'] !== 'no-check') {
    writeJson(res, confluenceError(403, 'XSRF check failed'), extra);
    return;
  }
  let body: unknown;
  if (isWrite) {
    const read = await readJson(req);
    if ('reply' in read) {
      writeJson(res, read.reply, extra);
      return;
    }
    body = read.value;
  }
  const ctx: RouteContext = {
    route,
    query: url.searchParams,
    linksBase: `${core.siteUrl}${route.context}`,
    store: core.parts.store,
    now: core.parts.now(),
    maxPageSize: Math.min(core.parts.maxPageSize, core.parts.faults.pageCap ?? Infinity),
    anonymous: auth.kind === 'anonymous',
    retention: { get: () => core.getRetention(), set: (p) => core.setRetention(p) },
    onExportRow: () => core.stats.exportRowsWritten++,
    onDrainWait: () => core.stats.exportDrainWaits++,
    dataCenter: { advancedAuditing: core.parts.advancedAuditing, coverage: () => core.dcCoverage },
  };
  let result: RouteResult;
  try {
    result = dispatch(ctx, method, body);
  } catch (error) {
    if (error instanceof BadRequest) {
      writeJson(res, confluenceError(400, error.message), extra);
      return;
    }
    throw error;
  }
  if (isStreamReply(result)) {
    await sendStream(res, result.status, { ...result.headers, ...extra }, result.produce, midBody, signal, { onDrainWait: ctx.onDrainWait });
    return;
  }
  const headers = { 'Content-Type': JSON_TYPE, ...result.headers, ...extra };
  await sendBody(res, result.status, headers, Buffer.from(JSON.stringify(result.body), 'utf8'), midBody, signal);
}

/** 405, 401 or 403 before any work, or undefined when the caller may proceed. */
function refuse(route: ApiRoute, auth: AuthOutcome, method: string): JsonReply | undefined {
  const allowed = route.operation === 'audit' ? ['GET', 'POST'] : route.operation === 'retention' ? ['GET', 'PUT'] : ['GET'];
  if (!allowed.includes(method)) {
    return { ...confluenceError(405, `${method} is not supported here.`), headers: { Allow: allowed.join(', ') } };
  }
  switch (auth.kind) {
    case 'admin':
      return undefined;
    case 'nonAdmin':
      return confluenceError(403, "Could not access the audit log: the 'Confluence Administrator' global permission is required.");
    case 'anonymous':
      // Reads of the log answer 200 with nothing in it; everything else needs a real user.
      // Advanced auditing needs a system administrator, so the anonymous user is refused there.
      return method === 'GET' && (route.operation === 'audit' || route.operation === 'since' || route.operation === 'export')
        ? undefined
        : confluenceError(401, 'This request requires an authenticated user.');
    case 'missing':
      return errorFor(route.flavour, 401, 'Authentication credentials are missing.');
    case 'wrong':
      return errorFor(route.flavour, 401, 'Authentication failed: the credentials are not valid.');
  }
}

function dispatch(ctx: RouteContext, method: string, body: unknown): RouteResult {
  switch (ctx.route.operation) {
    case 'audit':
      return method === 'POST' ? postAudit(ctx, body) : getAudit(ctx);
    case 'since':
      return getSince(ctx);
    case 'export':
      return getExport(ctx);
    case 'retention':
      return method === 'PUT' ? putRetention(ctx, body) : getRetention(ctx);
    case 'dcEvents':
      return getDcEvents(ctx);
    case 'dcCoverage':
      return getDcCoverage(ctx);
  }
}

function dataCenterHeaders(auth: AuthOutcome): Record<string, string> {
  switch (auth.kind) {
    case 'admin':
    case 'nonAdmin':
      return { 'X-AUSERNAME': auth.account.username };
    case 'anonymous':
      return { 'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED', 'X-AUSERNAME': 'anonymous' };
    case 'wrong':
      return { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED', 'X-AUSERNAME': 'anonymous' };
    case 'missing':
      return { 'X-AUSERNAME': 'anonymous' };
  }
}

function errorFor(flavour: Flavour, status: number, message: string, headers?: Record<string, string>): JsonReply {
  return flavour === 'gateway' ? gatewayError(status, message, headers) : confluenceError(status, message, { headers });
}

function writeFault(res: ServerResponse, flavour: Flavour, fault: FaultResponse): void {
  if (fault.kind === 'status') {
    const body = Buffer.from(fault.body ?? '', 'utf8');
    res.writeHead(fault.status, { 'Content-Type': 'text/plain;charset=UTF-8', ...fault.headers, 'Content-Length': String(body.length) });
    res.end(body);
    return;
  }
  const headers: Record<string, string> = fault.retryAfter ? { 'Retry-After': fault.retryAfter } : {};
  const message = fault.kind === '429' ? 'Rate limit exceeded.' : fault.kind === '503' ? 'Service temporarily unavailable.' : 'Internal server error.';
  writeJson(res, errorFor(flavour, fault.status, message, headers), {});
}

function writeJson(res: ServerResponse, reply: JsonReply, extra: Record<string, string>): void {
  const body = Buffer.from(JSON.stringify(reply.body), 'utf8');
  res.writeHead(reply.status, { 'Content-Type': JSON_TYPE, ...reply.headers, ...extra, 'Content-Length': String(body.length) });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<{ value: unknown } | { reply: JsonReply }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      return { reply: confluenceError(413, 'The request body is too large.') };
    }
    chunks.push(buffer);
  }
  try {
    return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { reply: confluenceError(400, 'The request body is not valid JSON.') };
  }
}

/** Location for a configured redirect: the target plus whatever followed the prefix. */
function redirectFor(redirects: Record<string, string>, rawUrl: string): string | undefined {
  for (const [prefix, target] of Object.entries(redirects)) {
    if (rawUrl.startsWith(prefix)) {
      return target + rawUrl.slice(prefix.length);
    }
  }
  return undefined;
}

/** A TCP reset where the socket allows it (plain TCP), else an abrupt close. */
function resetSocket(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
