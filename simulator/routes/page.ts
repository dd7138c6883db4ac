// One page of an AuditRecordArray: offset paging, capped limit echoed back, relative `next`.
import type { RangeQuery } from '../store';
import { wholeNumber } from './params';
import type { RouteContext } from './context';

export const DEFAULT_LIMIT = 1000;

export interface WirePage {
  results: unknown[];
  start: number;
  limit: number;
  size: number;
  _links: Record<string, string>;
}

export function pageFor(ctx: RouteContext, query: RangeQuery): WirePage {
  const start = wholeNumber(ctx.query, 'start', 0);
  const limit = Math.min(wholeNumber(ctx.query, 'limit', DEFAULT_LIMIT), ctx.maxPageSize);
  const selection = ctx.anonymous ? undefined : ctx.store.select(query);
  const refs = selection ? selection.page(start, limit) : [];
  const search = ctx.query.toString();
  const links: Record<string, string> = {
    base: ctx.linksBase,
    context: ctx.route.context,
    self: `${ctx.linksBase}${ctx.route.relativePath}${search ? `?${search}` : ''}`,
  };
  // limit 0 makes no progress, so it never offers a next page.
  if (selection && limit > 0 && start + limit < selection.size) {
    const next = new URLSearchParams(ctx.query);
    next.set('start', String(start + limit));
    next.set('limit', String(limit));
    links['next'] = `${ctx.route.relativePath}?${next.toString()}`;
  }
  return {
    results: refs.map((ref) => ctx.store.wire(ref)),
    start,
    limit,
    size: refs.length,
    _links: links,
  };
}
