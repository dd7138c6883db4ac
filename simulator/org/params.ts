// Reading the organization API's query parameters; a malformed one is a 400.

export class OrgBadRequest extends Error {}

/** Epoch ms (digits) or an ISO 8601 date-time. */
export function timeParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  if (/^\d{1,16}$/.test(raw)) {
    return Number(raw);
  }
  const t = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) {
    throw new OrgBadRequest(`Invalid value for '${name}': expected epoch milliseconds or an ISO 8601 date-time.`);
  }
  return t;
}

export function limitParam(q: URLSearchParams, fallback: number, max: number): number {
  const raw = q.get('limit');
  if (raw === null || raw === '') {
    return Math.min(fallback, max);
  }
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) {
    throw new OrgBadRequest("Invalid value for 'limit': expected a whole number of 1 or more.");
  }
  return Math.min(Number(raw), max);
}

export function orderParam(q: URLSearchParams): 'asc' | 'desc' {
  const raw = q.get('sortOrder');
  if (raw === null || raw === '' || raw === 'asc' || raw === 'desc') {
    return raw === 'desc' ? 'desc' : 'asc';
  }
  throw new OrgBadRequest("Invalid value for 'sortOrder': expected 'asc' or 'desc'.");
}

/** A repeated parameter, accepted as `name=` or `name[]=`. */
export function listParam(q: URLSearchParams, name: string): string[] {
  return [...q.getAll(name), ...q.getAll(`${name}[]`)].filter((v) => v !== '');
}
