// Types of the Confluence audit API, written from ../shared/spec/confluence-audit.openapi.yaml.
// test/unit/api/types-vs-spec.test.ts proves them against the spec's schemas.

/** Units accepted by GET /audit/since (`number` + `units`). */
export const SINCE_UNITS = [
  'NANOS', 'MICROS', 'MILLIS', 'SECONDS', 'MINUTES', 'HOURS', 'HALF_DAYS',
  'DAYS', 'WEEKS', 'MONTHS', 'YEARS', 'DECADES', 'CENTURIES',
] as const;
export type SinceUnit = (typeof SINCE_UNITS)[number];

/** Units of RetentionPeriod (the spec's UnitsEnum). */
export const RETENTION_UNITS = [...SINCE_UNITS, 'MILLENNIA', 'ERAS', 'FOREVER'] as const;
export type RetentionUnit = (typeof RETENTION_UNITS)[number];

export const OPERATION_NAMES = [
  'administer', 'archive', 'clear_permissions', 'copy', 'create', 'create_space', 'delete',
  'export', 'move', 'purge', 'purge_version', 'read', 'restore', 'restrict_content', 'update', 'use',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

export const EXPORT_FORMATS = ['csv', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface AffectedObject {
  name: string;
  objectType: string;
}

export interface ChangedValue {
  name: string;
  oldValue: string;
  newValue: string;
  /** Set (usually to "") when the server redacted the old value. */
  hiddenOldValue?: string;
  /** Set (usually to "") when the server redacted the new value. */
  hiddenNewValue?: string;
}

export interface OperationCheckResult {
  operation: OperationName;
  targetType: string;
}

export interface AuditRecordAuthor {
  type: 'user';
  displayName: string;
  /** Real servers send null, {} or an array; the client normalises {} to []. */
  operations?: OperationCheckResult[] | null;
  username?: string | null;
  userKey?: string | null;
  accountId?: string | null;
  accountType?: string;
  externalCollaborator?: boolean;
  isExternalCollaborator?: boolean;
  isGuest?: boolean;
  publicName?: string;
}

export interface AuditRecord {
  author: AuditRecordAuthor;
  remoteAddress: string;
  /** Epoch milliseconds (the client accepts a numeric string and converts it). */
  creationDate: number;
  summary: string;
  description: string;
  category: string;
  sysAdmin: boolean;
  superAdmin?: boolean;
  affectedObject: AffectedObject;
  changedValues: ChangedValue[];
  associatedObjects: AffectedObject[];
}

/** `_links` values are strings or objects (GenericLinks). */
export type GenericLinks = Record<string, string | Record<string, unknown>>;

export interface AuditRecordArray {
  results: AuditRecord[];
  start: number;
  limit: number;
  /** Number of records in this page; there is no total. */
  size: number;
  _links: GenericLinks;
}

export interface RetentionPeriod {
  number: number;
  units: RetentionUnit;
}

export interface AuditRecordCreateAuthor {
  type: 'user';
  displayName?: string;
  operations?: OperationCheckResult[] | null;
  username?: string | null;
  userKey?: string | null;
}

export interface AuditRecordCreate {
  author?: AuditRecordCreateAuthor;
  remoteAddress: string;
  creationDate?: number;
  summary?: string;
  description?: string;
  category?: string;
  sysAdmin?: boolean;
  affectedObject?: AffectedObject;
  changedValues?: ChangedValue[];
  associatedObjects?: AffectedObject[];
}

/** Confluence Cloud (*.atlassian.net or a Cloud custom domain) or Data Center / Server. */
export type Deployment = 'cloud' | 'datacenter';
