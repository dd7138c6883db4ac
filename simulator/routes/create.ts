// POST /rest/api/audit: create a record (400 when remoteAddress is missing or a field is malformed).
import { confluenceError, type JsonReply } from '../errors';
import { InvalidRecord, parseRecordCreate, toAuditRecord } from '../records';
import type { RouteContext } from './context';

export function postAudit(ctx: RouteContext, body: unknown): JsonReply {
  try {
    const record = toAuditRecord(parseRecordCreate(body), ctx.now);
    ctx.store.insert([record]);
    return { status: 200, body: record };
  } catch (error) {
    if (error instanceof InvalidRecord) {
      return confluenceError(400, error.message);
    }
    throw error;
  }
}
