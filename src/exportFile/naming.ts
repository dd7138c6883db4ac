// Export file names: descriptive (site, from, to, format) and portable (safe on Windows, macOS and Linux),
// with a numeric suffix for the next free name, since an export never overwrites an existing file.
import type { ExportFileFormat } from './fileFormat';

export interface ExportNameParts {
  /** The site's address (its host is used) or label. */
  site: string;
  start: number;
  end: number;
  /** Extra words such as "shown" or the search string; optional. */
  qualifier?: string;
}

const MAX_SLUG = 48;

/** Lower-case letters, digits, dots and dashes only; never empty. */
export function slug(text: string, fallback = 'export'): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/[-.]+$/g, '');
  return cleaned === '' ? fallback : cleaned;
}

/** The host of a site URL, or the text itself when it is not a URL. */
export function siteSlug(site: string): string {
  try {
    return slug(new URL(site).host.replace(/:/g, '-'), 'site');
  } catch {
    return slug(site, 'site');
  }
}

/** 20250102T030405Z: ISO 8601 basic format in UTC, sortable and free of ':' (not allowed on Windows). */
export function compactUtc(time: number): string {
  return new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** e.g. confluence-audit_acme.atlassian.net_20250101T000000Z_20250108T000000Z (without extension). */
export function exportStem(parts: ExportNameParts): string {
  const qualifier = parts.qualifier ? `_${slug(parts.qualifier)}` : '';
  return `confluence-audit_${siteSlug(parts.site)}_${compactUtc(parts.start)}_${compactUtc(parts.end)}${qualifier}`;
}

/** The n-th candidate name (n = 1 is the plain name, then -2, -3 …). */
export function candidateName(stem: string, kind: ExportFileFormat, n: number): string {
  return n <= 1 ? `${stem}.${kind}` : `${stem}-${n}.${kind}`;
}

/** The evidence manifest that goes next to an export file. */
export function manifestNameFor(fileName: string): string {
  return `${fileName}.manifest.json`;
}

/** How many candidate names are tried before giving up (a folder full of identical exports). */
export const MAX_NAME_ATTEMPTS = 1000;

/** A hidden temporary name in the same folder, so the final rename stays on one file system. */
export function temporaryName(fileName: string, token: string): string {
  return `.${fileName}.${token}.part`;
}
