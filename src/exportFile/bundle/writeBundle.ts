// An evidence bundle as bytes: the files, then the manifest with every file's size and SHA-256, in one ZIP
// (deflate). Written with fflate, which the extension already ships to inflate exports: a bundle is a few
// files of at most some tens of megabytes, so it is built in memory, with fixed times (the export's).
import { zipSync, type Zippable } from 'fflate';
import { unsafeNameReason } from '../read/zipReader';
import { BUNDLE_MANIFEST, buildBundleManifest, bundleManifestText, type BundleManifest } from './bundleManifest';

export interface BundleFile {
  /** A plain name (no folders): the ZIP entry's name. */
  name: string;
  bytes: Uint8Array;
}

export interface WrittenBundle {
  zip: Uint8Array;
  manifest: BundleManifest;
}

export function writeBundle(title: string, files: readonly BundleFile[], extension: { id: string; version: string }, createdAt: number): WrittenBundle {
  const names = new Set<string>();
  for (const file of files) {
    if (file.name === BUNDLE_MANIFEST || names.has(file.name) || file.name.includes('/') || unsafeNameReason(file.name) !== undefined) throw new Error(`a bundle cannot hold a file named ${JSON.stringify(file.name)}`);
    names.add(file.name);
  }
  const manifest = buildBundleManifest(title, files, extension, createdAt);
  const entries: Zippable = {};
  // ZIP times are DOS times (from 1980): an export's own time always is one.
  const attributes = { mtime: new Date(createdAt), level: 6 as const };
  for (const file of files) entries[file.name] = [file.bytes, attributes];
  entries[BUNDLE_MANIFEST] = [Buffer.from(bundleManifestText(manifest), 'utf8'), attributes];
  return { zip: zipSync(entries), manifest };
}
