// Query parameter parsing with the API's defaults; bad values become 400s.
export class BadRequest extends Error {}

/** An epoch-ms query parameter (a whole number as a string); undefined when absent or empty. */
export function epochMs(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  if (!/^-?\d{1,16}$/.test(raw.trim())) {
    throw new BadRequest(`${name} must be epoch time in milliseconds, got '${raw}'.`);
  }
  return Number(raw.trim());
}

export function wholeNumber(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return fallback;
  }
  if (!/^\d{1,10}$/.test(raw.trim()) || Number(raw) > 2147483647) {
    throw new BadRequest(`${name} must be a whole number from 0 to 2147483647, got '${raw}'.`);
  }
  return Number(raw.trim());
}
