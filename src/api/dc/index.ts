// Public surface of the Data Center advanced auditing client (no VS Code dependency).
export * from './types';
export { DcAuditingClient, DC_DEFAULT_PAGE_SIZE, DC_MAX_PAGE_SIZE } from './client';
export type { DcAuditingClientOptions } from './client';
export { DcEventPager } from './pager';
export type { DcWindow, DcPageRequest } from './pager';
export { parseDcEvent, parseDcEventsPage, parseDcCoverage } from './parse';
