// Client-side filters over loaded records: values OR-ed within a list, lists AND-ed together.
import type { AuditRecord } from '../api/types';
import { cidrContains, parseCidr, parseIpAddress, type CidrRange, type IpAddress } from './ipAddress';
import { singleLine } from './safeText';

export interface RecordFilter {
  /** Event types, case-insensitive exact. */
  categories?: string[];
  /** Display name, public name, account id or username, case-insensitive exact. */
  authors?: string[];
  /** Exact addresses or CIDR ranges (IPv4 or IPv6). */
  remoteAddresses?: string[];
  /** Affected or associated object names, case-insensitive exact (objects have names only, no ids). */
  affectedObjects?: string[];
  /**
   * Actions (what happened: a record's summary, such as "Space permission added"), case-insensitive exact.
   * Offered where a source filters by it on its server (Data Center advanced auditing's `actions`); every
   * other source's loaded records are filtered in the view.
   */
  actions?: string[];
}

export type FilterKind = keyof RecordFilter;

/**
 * Names to show for filter values that are not readable themselves: "filter by this author" matches the
 * account id (anyone can pick a display name) but the view should say whom it filters by.
 */
export type FilterLabels = Partial<Record<FilterKind, Record<string, string>>>;

export const FILTER_KINDS: readonly FilterKind[] = ['categories', 'authors', 'remoteAddresses', 'affectedObjects', 'actions'];

const KIND_NAMES: Record<FilterKind, string> = {
  categories: 'category',
  authors: 'author',
  remoteAddresses: 'address',
  affectedObjects: 'object',
  actions: 'action',
};

/** Kinds offered only while a source in the view filters by them on its server (the view filters the others' loaded records). */
const SERVER_OFFERED: readonly FilterKind[] = ['actions'];

/** The kinds "Filter Records…" offers, given the kinds some source applies on its server. */
export function offeredFilterKinds(serverKinds: readonly FilterKind[]): FilterKind[] {
  return FILTER_KINDS.filter((kind) => !SERVER_OFFERED.includes(kind) || serverKinds.includes(kind));
}

/** A filter kind as one word ("author", "action"), as the view's title and notes say it. */
export function filterKindName(kind: FilterKind): string {
  return KIND_NAMES[kind];
}

function fold(text: string): string {
  return text.trim().normalize('NFC').toLowerCase();
}

function values(f: RecordFilter, kind: FilterKind): string[] {
  return (f[kind] ?? []).filter((v) => v.trim() !== '');
}

export function isEmptyFilter(f: RecordFilter): boolean {
  return FILTER_KINDS.every((kind) => values(f, kind).length === 0);
}

/**
 * Two filters that must both hold, as one filter to send to a server (which takes one list per kind): per kind
 * the first's values, or else the second's. It asks for more than both together, never less, so applying both
 * to what arrives loses nothing.
 */
export function combineForServer(first: RecordFilter, second: RecordFilter): RecordFilter {
  const out: RecordFilter = {};
  for (const kind of FILTER_KINDS) {
    const chosen = values(first, kind).length > 0 ? first[kind] : second[kind];
    if (chosen?.length) out[kind] = chosen;
  }
  return out;
}

type Predicate = (r: AuditRecord) => boolean;

function categoryPredicate(list: string[]): Predicate {
  const wanted = new Set(list.map(fold));
  return (r) => wanted.has(fold(r.category ?? ''));
}

function authorPredicate(list: string[]): Predicate {
  const wanted = new Set(list.map(fold));
  return (r) => {
    const a = r.author;
    if (!a) return false;
    return [a.displayName, a.publicName, a.accountId, a.username].some((v) => typeof v === 'string' && v !== '' && wanted.has(fold(v)));
  };
}

interface AddressMatcher {
  ranges: CidrRange[];
  addresses: IpAddress[];
  /** Values that are not IP addresses, compared as text. */
  texts: Set<string>;
}

function addressMatcher(list: string[]): AddressMatcher {
  const matcher: AddressMatcher = { ranges: [], addresses: [], texts: new Set() };
  for (const value of list) {
    if (value.includes('/')) {
      const range = parseCidr(value);
      if ('error' in range) matcher.texts.add(fold(value));
      else matcher.ranges.push(range);
      continue;
    }
    const address = parseIpAddress(value);
    if (address) matcher.addresses.push(address);
    else matcher.texts.add(fold(value));
  }
  return matcher;
}

/** A remote address may be a forwarding chain ('203.0.113.7, 10.0.0.1'): any address in it can match. */
function addressPredicate(list: string[]): Predicate {
  const m = addressMatcher(list);
  return (r) => {
    const raw = typeof r.remoteAddress === 'string' ? r.remoteAddress : '';
    if (m.texts.has(fold(raw))) return true;
    for (const part of raw.split(/[,\s]+/)) {
      if (part === '') continue;
      if (m.texts.has(fold(part))) return true;
      const address = parseIpAddress(part);
      if (!address) continue;
      if (m.addresses.some((a) => a.version === address.version && a.value === address.value)) return true;
      if (m.ranges.some((range) => cidrContains(range, address))) return true;
    }
    return false;
  };
}

function objectPredicate(list: string[]): Predicate {
  const wanted = new Set(list.map(fold));
  return (r) =>
    (r.affectedObject !== undefined && wanted.has(fold(r.affectedObject.name ?? ''))) ||
    (r.associatedObjects ?? []).some((o) => wanted.has(fold(o.name ?? '')));
}

function actionPredicate(list: string[]): Predicate {
  const wanted = new Set(list.map(fold));
  return (r) => wanted.has(fold(r.summary ?? ''));
}

const BUILDERS: Record<FilterKind, (list: string[]) => Predicate> = {
  categories: categoryPredicate,
  authors: authorPredicate,
  remoteAddresses: addressPredicate,
  affectedObjects: objectPredicate,
  actions: actionPredicate,
};

/** A predicate for one kind's values (any of them matches), parsed once here, not per record. */
export function fieldPredicate(kind: FilterKind, list: string[]): (r: AuditRecord) => boolean {
  return BUILDERS[kind](list);
}

/** A fast predicate for the filter; values are parsed once here, not per record. */
export function compileFilter(f: RecordFilter): (r: AuditRecord) => boolean {
  const predicates = FILTER_KINDS.filter((kind) => values(f, kind).length > 0).map((kind) => BUILDERS[kind](values(f, kind)));
  if (predicates.length === 0) return () => true;
  return (r) => predicates.every((p) => p(r));
}

/** 'category: Permissions, Apps · author: alice · address: 10.0.0.0/8' (plain text, one line); a value with a label shows the label. */
export function describeFilter(f: RecordFilter, labels: FilterLabels = {}): string {
  const shown = (kind: FilterKind, v: string): string => singleLine((labels[kind]?.[v] ?? v).trim(), 60);
  return FILTER_KINDS.filter((kind) => values(f, kind).length > 0)
    .map((kind) => `${KIND_NAMES[kind]}: ${values(f, kind).map((v) => shown(kind, v)).join(', ')}`)
    .join(' · ');
}

const MAX_VALUE_LENGTH = 256;

/** Why a value typed for a filter is unusable, or undefined when it is fine (fits InputBox.validateInput). */
export function validateFilterValue(kind: FilterKind, value: string): string | undefined {
  const text = value.trim();
  if (text === '') return 'Enter a value.';
  if (text.length > MAX_VALUE_LENGTH) return `Use at most ${MAX_VALUE_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F]/.test(text)) return 'The value contains control characters.';
  if (kind !== 'remoteAddresses') return undefined;
  if (text.includes('/')) {
    const range = parseCidr(text);
    return 'error' in range ? range.error : undefined;
  }
  return parseIpAddress(text) ? undefined : 'Enter an IPv4 or IPv6 address (10.1.2.3, 2001:db8::1) or a range (10.0.0.0/8, 2001:db8::/32).';
}
