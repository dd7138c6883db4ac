// The evidence manifest written next to every export: what was asked (site, window, search, format), what
// was received (size, SHA-256, record count) and by what (extension version, time). "Verify Export…"
// recomputes the digest and compares. The manifest is not signed: keep its SHA-256 somewhere the file's
// holder cannot change (a ticket, an e-mail) to make tampering detectable.
import type { ExportDigest } from './digest/digest';
import type { ExportFileFormat } from './fileFormat';

export const MANIFEST_KIND = 'confluence-audit-export-manifest';
export const MANIFEST_VERSION = 1;

export interface Instant {
  iso: string;
  epochMs: number;
}

export interface ManifestFilters {
  categories?: string[];
  authors?: string[];
  remoteAddresses?: string[];
}

export interface ExportManifest {
  kind: typeof MANIFEST_KIND;
  manifestVersion: typeof MANIFEST_VERSION;
  /** The export file's name (the manifest sits next to it). */
  file: string;
  site: { url: string; label: string };
  query: {
    start: Instant;
    end: Instant;
    searchString: string | null;
    /** The format of the file as received. */
    format: ExportFileFormat;
    /** The format asked for, when the server sent another (Data Center answers a ZIP request with CSV). */
    requestedFormat?: ExportFileFormat;
    /**
     * 'server': the audit API's export operation; 'shown': the records the tree showed, filtered locally;
     * 'events': every record of the window read through the source's API and written by us.
     */
    source: 'server' | 'shown' | 'events';
    /** The client-side filters applied (shown exports only). */
    filters?: ManifestFilters;
  };
  bytes: number;
  sha256: string;
  recordCount: number;
  /**
   * Server exports: how many cells a spreadsheet program would run as formulas (a cell starting with =, +,
   * -, @ or a tab, or a quoted cell starting with CR or LF). The file keeps them verbatim, as the server sent.
   */
  formulaCells?: number;
  /** The name the server gave the file (Content-Disposition), when it gave one. */
  serverFileName?: string;
  extension: { id: string; version: string };
  exportedAt: Instant;
}

export function instant(epochMs: number): Instant {
  return { iso: new Date(epochMs).toISOString(), epochMs };
}

export interface ManifestInput {
  file: string;
  site: { url: string; label: string };
  start: number;
  end: number;
  searchString?: string;
  format: ExportFileFormat;
  requestedFormat?: ExportFileFormat;
  source: 'server' | 'shown' | 'events';
  filters?: ManifestFilters;
  digest: ExportDigest;
  serverFileName?: string;
  extension: { id: string; version: string };
  exportedAt: number;
}

export function buildManifest(input: ManifestInput): ExportManifest {
  const manifest: ExportManifest = {
    kind: MANIFEST_KIND,
    manifestVersion: MANIFEST_VERSION,
    file: input.file,
    site: { url: input.site.url, label: input.site.label },
    query: {
      start: instant(input.start),
      end: instant(input.end),
      searchString: input.searchString ? input.searchString : null,
      format: input.format,
      source: input.source,
    },
    bytes: input.digest.bytes,
    sha256: input.digest.sha256,
    recordCount: input.digest.records,
    ...(input.source === 'server' && input.digest.formulaCells !== undefined ? { formulaCells: input.digest.formulaCells } : {}),
    extension: { ...input.extension },
    exportedAt: instant(input.exportedAt),
  };
  if (input.filters && Object.values(input.filters).some((v) => Array.isArray(v) && v.length > 0)) manifest.query.filters = input.filters;
  if (input.requestedFormat !== undefined && input.requestedFormat !== input.format) manifest.query.requestedFormat = input.requestedFormat;
  if (input.serverFileName !== undefined) manifest.serverFileName = input.serverFileName;
  return manifest;
}

export function manifestText(manifest: ExportManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export class ManifestProblem extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function instantOf(v: unknown, where: string): Instant {
  if (!isObject(v) || typeof v.iso !== 'string' || typeof v.epochMs !== 'number' || !Number.isSafeInteger(v.epochMs)) {
    throw new ManifestProblem(`${where} is not a time`);
  }
  if (Date.parse(v.iso) !== v.epochMs) throw new ManifestProblem(`${where}: the ISO time and the epoch milliseconds differ`);
  return { iso: v.iso, epochMs: v.epochMs };
}

function stringOf(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new ManifestProblem(`${where} is missing`);
  return v;
}

function countOf(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ManifestProblem(`${where} is not a count`);
  return v;
}

function stringList(v: unknown, where: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new ManifestProblem(`${where} is not a list of strings`);
  return v as string[];
}

/** Reads a manifest strictly (it comes from disk and may have been edited). */
export function parseManifest(text: string): ExportManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw new ManifestProblem('the manifest is not valid JSON');
  }
  if (!isObject(raw) || raw.kind !== MANIFEST_KIND) throw new ManifestProblem('this is not a Confluence Audit export manifest');
  if (raw.manifestVersion !== MANIFEST_VERSION) throw new ManifestProblem(`manifest version ${String(raw.manifestVersion)} is not supported`);
  const site = raw.site;
  const query = raw.query;
  const extension = raw.extension;
  if (!isObject(site) || !isObject(query) || !isObject(extension)) throw new ManifestProblem('the manifest lacks its site, query or extension');
  const format = query.format;
  if (format !== 'csv' && format !== 'zip' && format !== 'jsonl') throw new ManifestProblem('the manifest names an unknown format');
  const source = query.source;
  if (source !== 'server' && source !== 'shown' && source !== 'events') throw new ManifestProblem('the manifest names an unknown source');
  const sha256 = stringOf(raw.sha256, 'sha256').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ManifestProblem('sha256 is not a SHA-256 digest');
  const searchString = query.searchString;
  if (searchString !== null && typeof searchString !== 'string') throw new ManifestProblem('query.searchString is not a string');
  const manifest: ExportManifest = {
    kind: MANIFEST_KIND,
    manifestVersion: MANIFEST_VERSION,
    file: stringOf(raw.file, 'file'),
    site: { url: stringOf(site.url, 'site.url'), label: stringOf(site.label, 'site.label') },
    query: { start: instantOf(query.start, 'query.start'), end: instantOf(query.end, 'query.end'), searchString, format, source },
    bytes: countOf(raw.bytes, 'bytes'),
    sha256,
    recordCount: countOf(raw.recordCount, 'recordCount'),
    extension: { id: stringOf(extension.id, 'extension.id'), version: stringOf(extension.version, 'extension.version') },
    exportedAt: instantOf(raw.exportedAt, 'exportedAt'),
  };
  const requested = query.requestedFormat;
  if (requested !== undefined) {
    if (requested !== 'csv' && requested !== 'zip' && requested !== 'jsonl') throw new ManifestProblem('the manifest names an unknown requested format');
    manifest.query.requestedFormat = requested;
  }
  if (raw.serverFileName !== undefined) manifest.serverFileName = stringOf(raw.serverFileName, 'serverFileName');
  if (query.filters !== undefined) {
    if (!isObject(query.filters)) throw new ManifestProblem('query.filters is not an object');
    const f = query.filters;
    manifest.query.filters = {
      categories: stringList(f.categories, 'query.filters.categories'),
      authors: stringList(f.authors, 'query.filters.authors'),
      remoteAddresses: stringList(f.remoteAddresses, 'query.filters.remoteAddresses'),
    };
  }
  return manifest;
}

export interface Verdict {
  intact: boolean;
  /** One sentence per difference; empty when intact. */
  differences: string[];
}

/** Compares a recomputed digest with the manifest. */
export function compareDigest(manifest: ExportManifest, actual: ExportDigest): Verdict {
  const differences: string[] = [];
  if (actual.bytes !== manifest.bytes) differences.push(`size is ${actual.bytes} bytes, the manifest says ${manifest.bytes}`);
  if (actual.sha256 !== manifest.sha256) differences.push(`SHA-256 is ${actual.sha256}, the manifest says ${manifest.sha256}`);
  if (actual.records !== manifest.recordCount) differences.push(`it holds ${actual.records} records, the manifest says ${manifest.recordCount}`);
  return { intact: differences.length === 0, differences };
}
