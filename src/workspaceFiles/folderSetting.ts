// The export folder setting, checked before anything is written. Workspace settings come from the
// repository that is open, so they are not trusted to choose where files go: only a relative folder
// inside the workspace folder is accepted, never an absolute path, a drive, `..` or the `.git` folder.

export const DEFAULT_EXPORT_FOLDER = 'audit-exports';

export type FolderVerdict = { ok: true; segments: string[] } | { ok: false; reason: string };

export function exportFolderSegments(setting: unknown): FolderVerdict {
  const text = typeof setting === 'string' ? setting.trim() : DEFAULT_EXPORT_FOLDER;
  if (text === '' || text === '.' || text === './') return { ok: true, segments: [] };
  if (/^[/\\]/.test(text) || /^[A-Za-z]:/.test(text) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('~')) {
    return { ok: false, reason: `"${text}" is not a folder inside the workspace: use a relative path such as ${DEFAULT_EXPORT_FOLDER}` };
  }
  const segments = text.split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  for (const segment of segments) {
    if (segment === '..') return { ok: false, reason: `"${text}" climbs out of the workspace (..)` };
    if (segment.toLowerCase() === '.git') return { ok: false, reason: `"${text}" is inside the .git folder` };
    if (hasControlCharacter(segment) || /[<>:"|?*]/.test(segment)) return { ok: false, reason: `"${text}" contains characters not allowed in folder names` };
  }
  return { ok: true, segments };
}

/** Whether `inner` is `outer` or lies below it (both absolute, already resolved, same separator rules). */
export function isInside(outer: string, inner: string, separator = '/'): boolean {
  const o = outer.endsWith(separator) ? outer : outer + separator;
  return inner === outer || inner.startsWith(o);
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
