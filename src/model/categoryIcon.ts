// A codicon per Confluence audit category ("Event type"), so records can be told apart at a glance.

const EXACT: ReadonlyMap<string, string> = new Map([
  ['permissions', 'shield'],
  ['users and groups', 'organization'],
  ['global config and administration', 'settings-gear'],
  ['apps', 'extensions'],
  ['space', 'folder'],
  ['pages', 'file'],
  ['content', 'file'],
  ['security', 'lock'],
  ['import/export', 'export'],
]);

// Categories vary between Cloud and Data Center versions ('Add-ons', 'Spaces', 'Blog posts', 'Attachments'),
// so unknown names fall back to keywords, most specific first.
const KEYWORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bpermission/, 'shield'],
  [/\bsecurity\b|\bauth/, 'lock'],
  [/\buser|\bgroup/, 'organization'],
  [/\bimport|\bexport/, 'export'],
  [/\bapps?\b|\badd-?ons?\b|\bplugins?\b|\bmarketplace\b/, 'extensions'],
  [/\bspaces?\b/, 'folder'],
  [/\bpages?\b|\bcontent\b|\bblog|\battachments?\b|\bcomments?\b/, 'file'],
  [/\bconfig|\badministration\b|\bsettings?\b/, 'settings-gear'],
];

export const DEFAULT_CATEGORY_ICON = 'history';

/** The codicon id (without '$(…)') for a category; 'history' when unknown. */
export function categoryIconId(category: string): string {
  const key = (typeof category === 'string' ? category : '').trim().toLowerCase();
  const exact = EXACT.get(key);
  if (exact) return exact;
  for (const [pattern, icon] of KEYWORDS) {
    if (pattern.test(key)) return icon;
  }
  return DEFAULT_CATEGORY_ICON;
}
