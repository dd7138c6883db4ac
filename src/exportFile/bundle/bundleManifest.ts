// The manifest inside an evidence bundle (issue 15 §4): the size and SHA-256 of every other file in the ZIP,
// and a SHA-256 of the manifest itself (its text with that value written as 64 zeros), so that a change to
// any file, the manifest included, is named by "Verify Export…". Like the export manifest it is not a
// signature: keep the bundle's SHA-256 somewhere its holder cannot change to make tampering detectable.
import { createHash } from 'node:crypto';
import { instant, type Instant } from '../manifest';

export const BUNDLE_KIND = 'confluence-audit-evidence-bundle';
export const BUNDLE_MANIFEST_VERSION = 1;
/** The manifest's name in the ZIP; a ZIP holding it is read as a bundle. */
export const BUNDLE_MANIFEST = 'manifest.json';

export interface BundleFileDigest {
  name: string;
  bytes: number;
  sha256: string;
}

export interface BundleManifest {
  kind: typeof BUNDLE_KIND;
  manifestVersion: typeof BUNDLE_MANIFEST_VERSION;
  /** What the bundle holds, e.g. 'Case "incident-42"'. */
  title: string;
  createdAt: Instant;
  extension: { id: string; version: string };
  /** Every file of the bundle but the manifest, by name. */
  files: BundleFileDigest[];
}

const ZEROS = '0'.repeat(64);
const SELF_DIGEST = /"manifestSha256": "([0-9a-f]{64})"/g;

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function buildBundleManifest(title: string, files: readonly { name: string; bytes: Uint8Array }[], extension: { id: string; version: string }, createdAt: number): BundleManifest {
  return {
    kind: BUNDLE_KIND,
    manifestVersion: BUNDLE_MANIFEST_VERSION,
    title,
    createdAt: instant(createdAt),
    extension: { ...extension },
    files: files.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: sha256(f.bytes) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

/** The manifest's text, its own SHA-256 filled in last. */
export function bundleManifestText(manifest: BundleManifest): string {
  const draft = `${JSON.stringify({ ...manifest, manifestSha256: ZEROS }, null, 2)}\n`;
  return draft.replace(`"manifestSha256": "${ZEROS}"`, `"manifestSha256": "${sha256(draft)}"`);
}

/** Whether the manifest's text is as it was written: its own SHA-256 matches; a sentence when it does not. */
export function selfDigestProblem(text: string): string | undefined {
  const found = [...text.matchAll(SELF_DIGEST)];
  if (found.length !== 1) return 'its own SHA-256 ("manifestSha256") is missing or appears more than once';
  const recorded = found[0][1];
  const actual = sha256(text.replace(found[0][0], `"manifestSha256": "${ZEROS}"`));
  return actual === recorded ? undefined : `its own SHA-256 is ${actual}, it records ${recorded}`;
}

export class BundleManifestProblem extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const MAX_FILES = 64;

/** Reads the manifest strictly (it comes out of a file anyone could have changed). */
export function parseBundleManifest(text: string): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw new BundleManifestProblem('it is not valid JSON');
  }
  if (!isObject(raw) || raw.kind !== BUNDLE_KIND) throw new BundleManifestProblem('it is not the manifest of a Confluence Audit evidence bundle');
  if (raw.manifestVersion !== BUNDLE_MANIFEST_VERSION) throw new BundleManifestProblem(`manifest version ${String(raw.manifestVersion)} is not supported`);
  const { title, createdAt, extension, files } = raw;
  if (typeof title !== 'string' || title.length > 500) throw new BundleManifestProblem('its title is missing');
  if (!isObject(createdAt) || typeof createdAt.iso !== 'string' || typeof createdAt.epochMs !== 'number' || Date.parse(createdAt.iso) !== createdAt.epochMs) {
    throw new BundleManifestProblem('its creation time is not a time');
  }
  if (!isObject(extension) || typeof extension.id !== 'string' || typeof extension.version !== 'string') throw new BundleManifestProblem('it does not say which extension wrote it');
  if (!Array.isArray(files) || files.length > MAX_FILES) throw new BundleManifestProblem('its list of files is missing or too long');
  const digests = files.map((f, i): BundleFileDigest => {
    if (!isObject(f) || typeof f.name !== 'string' || f.name.length === 0 || f.name.length > 200) throw new BundleManifestProblem(`files[${i}] has no name`);
    if (typeof f.bytes !== 'number' || !Number.isSafeInteger(f.bytes) || f.bytes < 0) throw new BundleManifestProblem(`files[${i}] has no size`);
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) throw new BundleManifestProblem(`files[${i}] has no SHA-256`);
    return { name: f.name, bytes: f.bytes, sha256: f.sha256 };
  });
  if (new Set(digests.map((d) => d.name)).size !== digests.length) throw new BundleManifestProblem('it lists a file twice');
  return { kind: BUNDLE_KIND, manifestVersion: BUNDLE_MANIFEST_VERSION, title, createdAt: { iso: createdAt.iso, epochMs: createdAt.epochMs }, extension: { id: extension.id, version: extension.version }, files: digests };
}
