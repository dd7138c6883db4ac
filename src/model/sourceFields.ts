// Fields of a record that the audit record model has no place for (a Data Center event's method and system
// URL, an organization event's actor e-mail, a CSV's extra columns): kept with the record and shown in the
// detail view under where they came from.
import type { AuditRecord } from '../api/types';

export interface SourceField {
  name: string;
  value: string;
}

/**
 * Where a source's records and their extra fields come from, as the detail view names it: an opened file,
 * a Data Center site's advanced auditing, an Atlassian organization's log, or a Confluence site's audit API.
 */
export type SourceFieldsOrigin = 'file' | 'dataCenter' | 'organization' | 'site';

/** A record with what its source said beyond the record model. */
export type SourcedRecord = AuditRecord & { sourceFields?: readonly SourceField[] };
