// Test data for the offline reader: export CSV text built with the simulator's own writer (the format
// under test), arbitrary records in the shape the live client's parser produces, and chunked byte streams.
import fc from 'fast-check';
import { OPERATION_NAMES, type AffectedObject, type AuditRecord, type AuditRecordAuthor, type ChangedValue } from '../../../src/api/types';
import { CSV_HEADER, csvRow } from '../../../simulator';

export function exportCsv(records: readonly AuditRecord[]): string {
  return CSV_HEADER + records.map(csvRow).join('');
}

export async function* chunksOf(bytes: Uint8Array, sizes: readonly number[] = [64 * 1024]): AsyncIterable<Uint8Array> {
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[i++ % sizes.length]);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

export function bytesOf(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** Newest first, ties in the given order (as the API lists records). */
export function newestFirst(records: readonly AuditRecord[]): AuditRecord[] {
  return records.map((r, i) => ({ r, i })).sort((a, b) => b.r.creationDate - a.r.creationDate || a.i - b.i).map(({ r }) => r);
}

/** A typical record; an author override of undefined removes that field. */
export function record(overrides: Partial<AuditRecord> = {}, author: Partial<AuditRecordAuthor> = {}): AuditRecord {
  const merged: Record<string, unknown> = { type: 'user', displayName: 'Alice Example', accountId: '557058:0000', publicName: 'Alice', operations: null, ...author };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return {
    author: merged as unknown as AuditRecordAuthor,
    remoteAddress: '192.0.2.10',
    creationDate: Date.UTC(2025, 0, 10, 12, 0, 0),
    summary: 'Space permission added',
    description: 'Added "View" permission',
    category: 'Permissions',
    sysAdmin: false,
    affectedObject: { name: 'Engineering', objectType: 'Space' },
    changedValues: [{ name: 'Permission', oldValue: '', newValue: 'View' }],
    associatedObjects: [{ name: 'confluence-users', objectType: 'Group' }],
    ...overrides,
  };
}

// Any text a server might hold, including formula starts, quotes, commas, line breaks and astral characters.
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom('=1+1\nnote', '"quoted", and, commas', 'a\r\nb\rc\nd', 'null', '', ' ', '\t=1', '@SUM(1)', '{"x":1}') },
);

/**
 * Values of optional author strings: the format cannot tell a present empty string from an absent one, nor
 * the text "null" from JSON null (simulator/README.md), so those two are left out of present strings.
 */
const presentText = text.filter((s) => s !== '' && s !== 'null');

function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

const affected: fc.Arbitrary<AffectedObject> = fc.record({ name: text, objectType: text });

const changed: fc.Arbitrary<ChangedValue> = fc
  .record({ name: text, oldValue: text, newValue: text, hiddenOldValue: optional(fc.constantFrom('', 'hidden')), hiddenNewValue: optional(fc.constantFrom('', 'hidden')) })
  .map(({ hiddenOldValue, hiddenNewValue, ...v }) => ({
    ...v,
    ...(hiddenOldValue === undefined ? {} : { hiddenOldValue }),
    ...(hiddenNewValue === undefined ? {} : { hiddenNewValue }),
  }));

const author: fc.Arbitrary<AuditRecordAuthor> = fc
  .record({
    displayName: text,
    operations: optional(fc.option(fc.array(fc.record({ operation: fc.constantFrom(...OPERATION_NAMES), targetType: text }), { maxLength: 3 }), { nil: null })),
    username: optional(fc.option(presentText, { nil: null })),
    userKey: optional(fc.option(presentText, { nil: null })),
    accountId: optional(fc.option(presentText, { nil: null })),
    accountType: optional(presentText),
    publicName: optional(presentText),
    externalCollaborator: optional(fc.boolean()),
    isExternalCollaborator: optional(fc.boolean()),
    isGuest: optional(fc.boolean()),
  })
  .map((a) => {
    const out: AuditRecordAuthor = { type: 'user', displayName: a.displayName };
    for (const [key, value] of Object.entries(a)) if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
    return out;
  });

export const arbitraryRecord: fc.Arbitrary<AuditRecord> = fc
  .record({
    author,
    remoteAddress: text,
    creationDate: fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }),
    summary: text,
    description: text,
    category: text,
    sysAdmin: fc.boolean(),
    superAdmin: optional(fc.boolean()),
    affectedObject: affected,
    changedValues: fc.array(changed, { maxLength: 3 }),
    associatedObjects: fc.array(affected, { maxLength: 3 }),
  })
  .map(({ superAdmin, ...r }) => (superAdmin === undefined ? r : { ...r, superAdmin }));

/**
 * A record as our CSV export keeps it: an empty optional cell means absent, so the empty accountType real
 * Cloud sends on every record reads back as no accountType (neither says anything).
 */
export function asOurCsvKeepsIt(r: AuditRecord): AuditRecord {
  if (r.author.accountType !== '') return r;
  const { accountType: _empty, ...author } = r.author;
  return { ...r, author };
}
