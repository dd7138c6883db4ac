// What AuditClient's operations take and give, and the checks on numbers a caller passes, made before any
// request is sent.
import { AuditError } from './errors';
import type { Deployment, ExportFormat, SinceUnit } from './types';

export interface RecordsRangeQuery {
  startDate?: number;
  endDate?: number;
  searchString?: string;
  start?: number;
  limit?: number;
}

export interface RecordsSinceQuery {
  number?: number;
  units?: SinceUnit;
  searchString?: string;
  start?: number;
  limit?: number;
}

export interface ExportQuery {
  startDate?: number;
  endDate?: number;
  searchString?: string;
  format: ExportFormat;
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
}

export interface ConnectionInfo {
  deployment: Deployment;
  apiBase: string;
  username?: string;
}

export function nonNegativeInt(v: number | undefined, name: string): number | undefined {
  if (v !== undefined && (!Number.isSafeInteger(v) || v < 0)) {
    throw new AuditError('badRequest', `${name} must be a whole number of zero or more, not ${v}.`, { retryable: false });
  }
  return v;
}

export function positivePageSize(v: number | undefined, fallback: number): number {
  const size = v ?? fallback;
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new AuditError('badRequest', `The page size must be a whole number of 1 or more, not ${size}.`, { retryable: false });
  }
  return size;
}
