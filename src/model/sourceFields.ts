// Fields of a file's record that the audit record model has no place for (a Data Center event's method
// and system URL, a CSV's extra columns): kept with the record and shown in the detail view.
import type { AuditRecord } from '../api/types';

export interface SourceField {
  name: string;
  value: string;
}

/** A record read from a file, with what its source said beyond the record model. */
export type SourcedRecord = AuditRecord & { sourceFields?: readonly SourceField[] };
