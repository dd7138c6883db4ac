// "Verify Export…" on an evidence bundle: every file in the ZIP is inflated, hashed and compared with the
// bundle's manifest, and each file that changed, is missing, is not in the manifest or cannot be read is named.
// The manifest is checked against its own SHA-256 first, so a change to it is named too. Nothing is
// extracted to disk; the ZIP reader's limits (entries, sizes, compression ratio, CRC-32) apply.
import { createHash } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { ExportFileError } from '../read/csvRows';
import { listZipEntries, readZipEntry, type RandomAccess, type ZipEntry, type ZipLimits } from '../read/zipReader';
import { BUNDLE_MANIFEST, BundleManifestProblem, parseBundleManifest, selfDigestProblem, type BundleManifest } from './bundleManifest';

/** A bundle is small; a hostile ZIP handed to Verify must not exhaust memory either. */
export const BUNDLE_ZIP_LIMITS: ZipLimits = { maxEntries: 64, maxEntryBytes: 1024 ** 3, maxRatio: 1000 };
const MANIFEST_MAX_BYTES = 1024 * 1024;

export type BundleDifferenceKind = 'changed' | 'missing' | 'extra' | 'unreadable';

export interface BundleDifference {
  /** The file's name in the bundle. */
  file: string;
  kind: BundleDifferenceKind;
  /** One sentence that names the file. */
  message: string;
}

export interface BundleVerdict {
  intact: boolean;
  differences: BundleDifference[];
  /** The manifest as read (undefined when it could not be read at all). */
  manifest: BundleManifest | undefined;
  /** Files checked against the manifest, the manifest included. */
  checked: number;
}

async function hashEntry(file: RandomAccess, entry: ZipEntry, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of readZipEntry(file, entry, BUNDLE_ZIP_LIMITS, signal)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

async function entryText(file: RandomAccess, entry: ZipEntry): Promise<string> {
  if (entry.size > MANIFEST_MAX_BYTES) throw new ExportFileError(`${entry.name} is larger than a manifest is`);
  const parts: Uint8Array[] = [];
  for await (const chunk of readZipEntry(file, entry, BUNDLE_ZIP_LIMITS)) parts.push(chunk);
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts));
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message.replace(/^not a usable ZIP export: /, '') : String(e);
}

/** The bundle's entries, or undefined when the ZIP is not a bundle (no manifest.json at its top). */
export async function bundleEntries(file: RandomAccess): Promise<ZipEntry[] | undefined> {
  const entries = await listZipEntries(file, BUNDLE_ZIP_LIMITS);
  return entries.some((e) => e.name === BUNDLE_MANIFEST) ? entries : undefined;
}

/** Checks every file of a bundle whose entries bundleEntries listed. */
export async function verifyBundle(file: RandomAccess, entries: readonly ZipEntry[], signal?: AbortSignal): Promise<BundleVerdict> {
  const differences: BundleDifference[] = [];
  const files = entries.filter((e) => !e.name.endsWith('/'));
  const manifestEntries = files.filter((e) => e.name === BUNDLE_MANIFEST);
  let manifest: BundleManifest | undefined;
  try {
    if (manifestEntries.length !== 1) throw new BundleManifestProblem('the archive holds it more than once');
    const text = await entryText(file, manifestEntries[0]);
    const self = selfDigestProblem(text);
    if (self !== undefined) differences.push({ file: BUNDLE_MANIFEST, kind: 'changed', message: `${BUNDLE_MANIFEST} changed: ${self}` });
    manifest = parseBundleManifest(text);
  } catch (e) {
    if (differences.length === 0) differences.push({ file: BUNDLE_MANIFEST, kind: 'unreadable', message: `${BUNDLE_MANIFEST} cannot be read: ${reason(e)}` });
    return { intact: false, differences, manifest: undefined, checked: 1 };
  }
  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  const seen = new Set<string>([BUNDLE_MANIFEST]);
  for (const entry of files) {
    if (entry.name === BUNDLE_MANIFEST) continue;
    const expected = listed.get(entry.name);
    if (!expected || seen.has(entry.name)) {
      differences.push({ file: entry.name, kind: 'extra', message: seen.has(entry.name) ? `${entry.name} is in the archive twice` : `${entry.name} is not in the manifest` });
      continue;
    }
    seen.add(entry.name);
    try {
      const actual = await hashEntry(file, entry, signal);
      if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes) {
        const size = actual.bytes !== expected.bytes ? `, ${actual.bytes} bytes where the manifest says ${expected.bytes}` : '';
        differences.push({ file: entry.name, kind: 'changed', message: `${entry.name} changed: SHA-256 ${actual.sha256}, the manifest says ${expected.sha256}${size}` });
      }
    } catch (e) {
      if (!(e instanceof ExportFileError)) throw e;
      differences.push({ file: entry.name, kind: 'unreadable', message: `${entry.name} changed: it cannot be read from the archive (${reason(e)})` });
    }
  }
  for (const expected of manifest.files) {
    if (!seen.has(expected.name)) differences.push({ file: expected.name, kind: 'missing', message: `${expected.name} is missing` });
  }
  return { intact: differences.length === 0, differences, manifest, checked: seen.size };
}
