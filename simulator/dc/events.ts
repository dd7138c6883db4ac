// GET /rest/auditing/1.0/events and GET /rest/auditing/1.0/configuration/coverage on the Data Center
// face. Events come from the same store as the legacy API, newest first, ordered by (timestamp, id)
// descending; `pageCursor` is "<epoch ms>,<id>" of the last event sent and the next page starts below
// it, so inserts above the cursor never shift a page. Filters: userIds, categories, actions,
// affectedObject ("type,id;type,id"), search; `limit` default 200, at most 100000 (and the page cap).
import type { AuditRecord } from '../../src/api/types';
import type { JsonReply } from '../errors';
import type { RouteContext } from '../routes/context';
import { BadRequest, wholeNumber } from '../routes/params';
import { recordMatches } from '../search';
import { areaOfCategory, type CoverageArea, type CoverageLevel } from './coverage';
import { toDcEvent, type DcWireEvent } from './eventShape';

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 100_000;

function isoParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const t = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(t)) {
    throw new BadRequest(`${name} must be an ISO 8601 date-time, got '${raw}'.`);
  }
  return t;
}

function listParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

interface Cursor { time: number; id: number }

function cursorParam(query: URLSearchParams): Cursor | undefined {
  const raw = query.get('pageCursor');
  if (raw === null || raw === '') return undefined;
  const m = /^(\d{1,16}),(\d{1,16})$/.exec(raw.trim());
  if (!m) throw new BadRequest(`pageCursor must be "<timestamp>,<id>", got '${raw}'.`);
  return { time: Number(m[1]), id: Number(m[2]) };
}

interface Filters {
  userIds: Set<string>;
  categories: Set<string>;
  actions: Set<string>;
  objects: Array<{ type: string; id: string }>;
  search: string;
}

function filtersOf(query: URLSearchParams): Filters {
  const objects = (query.get('affectedObject') ?? '').split(';').map((p) => p.trim()).filter((p) => p !== '').map((p) => {
    const comma = p.indexOf(',');
    if (comma < 0) throw new BadRequest(`affectedObject must be "type,id" pairs separated by ';', got '${p}'.`);
    return { type: p.slice(0, comma).trim().toLowerCase(), id: p.slice(comma + 1).trim() };
  });
  return {
    userIds: new Set(listParam(query, 'userIds')),
    categories: new Set(listParam(query, 'categories').map((c) => c.toLowerCase())),
    actions: new Set(listParam(query, 'actions').map((a) => a.toLowerCase())),
    objects,
    search: (query.get('search') ?? '').toLowerCase(),
  };
}

function matches(record: AuditRecord, event: DcWireEvent, f: Filters): boolean {
  if (f.userIds.size > 0 && !f.userIds.has(event.author.id)) return false;
  if (f.categories.size > 0 && !f.categories.has(event.type.category.toLowerCase())) return false;
  if (f.actions.size > 0 && !f.actions.has(event.type.action.toLowerCase())) return false;
  if (f.objects.length > 0 && !f.objects.some((o) => event.affectedObjects.some((a) => a.type.toLowerCase() === o.type && (a.id ?? a.name) === o.id))) return false;
  return f.search === '' || recordMatches(record, f.search);
}

export function getDcEvents(ctx: RouteContext): JsonReply {
  if (!ctx.dataCenter.advancedAuditing) return { status: 404, body: { message: 'null for uri: /rest/auditing/1.0/events' } };
  const from = isoParam(ctx.query, 'from') ?? -Infinity;
  const to = isoParam(ctx.query, 'to') ?? Infinity;
  const cursor = cursorParam(ctx.query);
  const limit = Math.min(wholeNumber(ctx.query, 'limit', DEFAULT_LIMIT), MAX_LIMIT, ctx.maxPageSize);
  if (limit < 1) throw new BadRequest('limit must be at least 1.');
  const offset = cursor ? 0 : wholeNumber(ctx.query, 'offset', 0);
  const filters = filtersOf(ctx.query);
  const coverage = ctx.dataCenter.coverage();
  const system = ctx.linksBase;

  const entities: DcWireEvent[] = [];
  let last: Cursor | undefined;
  let more = false;
  let skipped = 0;
  const selection = ctx.store.select({ startDate: from, endDate: Math.min(to, cursor?.time ?? Infinity) });
  for (const ref of selection.iterate()) {
    const record = ctx.store.resolve(ref);
    const id = ctx.store.idOf(ref);
    if (cursor && record.creationDate === cursor.time && id >= cursor.id) continue; // at or above the cursor
    if (coverage[areaOfCategory(record.category)] === 'OFF') continue; // never logged
    const event = toDcEvent(record, system);
    if (!matches(record, event, filters)) continue;
    if (skipped < offset) {
      skipped++;
      continue;
    }
    if (entities.length === limit) {
      more = true;
      break;
    }
    entities.push(event);
    last = { time: record.creationDate, id };
  }
  const pagingInfo: Record<string, unknown> = { size: entities.length, limit };
  if (more && last) {
    const nextCursor = `${last.time},${last.id}`;
    const next = new URLSearchParams(ctx.query);
    next.delete('offset');
    next.set('pageCursor', nextCursor);
    pagingInfo.nextPageCursor = nextCursor;
    pagingInfo.nextPageLink = `${ctx.linksBase}${ctx.route.relativePath}?${next.toString()}`;
  }
  return { status: 200, body: { entities, pagingInfo } };
}

export function getDcCoverage(ctx: RouteContext): JsonReply {
  if (!ctx.dataCenter.advancedAuditing) return { status: 404, body: { message: 'null for uri: /rest/auditing/1.0/configuration/coverage' } };
  const levelByArea: Partial<Record<CoverageArea, CoverageLevel>> = { ...ctx.dataCenter.coverage() };
  return { status: 200, body: { levelByArea } };
}
