// Public surface of the organization audit log client (no VS Code dependency).
export * from './types';
export { OrgAuditClient, DEFAULT_ORG_API_URL, DEFAULT_ORG_PAGE_SIZE } from './client';
export type { IterateOptions, OrgAuditClientOptions, StreamWindow } from './client';
export { OrgEventPager } from './pager';
export type { EventWindow } from './pager';
export { OrgRateLimits, POLL_RATE_LIMIT, QUERY_RATE_LIMIT } from './rateLimits';
export type { OrgRateLimitsOptions } from './rateLimits';
export { TokenBucketLimiter } from './limiter';
export type { Disposable, RateLimit, RateLimitWait, WaitListener, WaitReason } from './limiter';
export { parseApiKeys, parseOrgEvent, parseOrgEventPage, parseOrgListPage, parseEventActions, parseTime } from './parse';
export { orgMessages } from './messages';
export { CORRELATION_SPAN_MS, correlates, correlationWindow, pivotFromOrgEvent, pivotFromRecord } from './correlate';
export type { Pivot } from './correlate';
