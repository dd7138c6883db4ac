// Retry-After: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).

/** Ceiling for any parsed value: servers have sent 9223372036854775807 seconds. */
export const RETRY_AFTER_CEILING_MS = 24 * 60 * 60 * 1000;

/**
 * Milliseconds to wait, clamped to [0, RETRY_AFTER_CEILING_MS]; undefined when the header is absent
 * or unreadable. Parsing by digits (not Number * 1000 on the raw value) keeps giant values finite.
 */
export function parseRetryAfter(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    const digits = value.replace(/^0+(?=\d)/, '');
    // More than 6 digits of seconds is already beyond the ceiling: no arithmetic needed.
    if (digits.length > 6) {
      return RETRY_AFTER_CEILING_MS;
    }
    return Math.min(Number(digits) * 1000, RETRY_AFTER_CEILING_MS);
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/[a-z]/i.test(value)) {
    return undefined;
  }
  return Math.min(Math.max(0, at - nowMs), RETRY_AFTER_CEILING_MS);
}
