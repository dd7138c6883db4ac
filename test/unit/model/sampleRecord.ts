// A realistic audit record for tests, with overrides for the fields a test is about.
import type { AuditRecord, AuditRecordAuthor } from '../../../src/api/types';

export function sampleAuthor(overrides: Partial<AuditRecordAuthor> = {}): AuditRecordAuthor {
  return {
    type: 'user',
    displayName: 'alice',
    publicName: 'alice',
    accountId: '5b10a2844c20165700ede21g',
    operations: null,
    ...overrides,
  };
}

export const SYSTEM_AUTHOR: AuditRecordAuthor = { type: 'user', displayName: 'System', publicName: 'Unknown user', operations: null };

export function sampleRecord(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    author: sampleAuthor(),
    remoteAddress: '10.1.2.3',
    creationDate: Date.UTC(2026, 10, 25, 14, 3, 22, 123),
    summary: 'Space permission added',
    description: 'Added "View" permission for group confluence-users',
    category: 'Permissions',
    sysAdmin: false,
    superAdmin: false,
    affectedObject: { name: 'Engineering', objectType: 'Space' },
    changedValues: [{ name: 'Permission', oldValue: '', newValue: 'View' }],
    associatedObjects: [{ name: 'confluence-users', objectType: 'Group' }],
    ...overrides,
  };
}
