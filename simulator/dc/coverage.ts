// Data Center advanced auditing's coverage: a level per product area (atlassian-audit's CoverageArea
// and EffectiveCoverageLevel). Areas set to OFF log nothing, so no events may mean "not logged".
export const COVERAGE_AREAS = [
  'AUDIT_LOG', 'ECOSYSTEM', 'END_USER_ACTIVITY', 'GLOBAL_CONFIG_AND_ADMINISTRATION',
  'LOCAL_CONFIG_AND_ADMINISTRATION', 'PERMISSIONS', 'SECURITY', 'USER_MANAGEMENT',
] as const;
export type CoverageArea = (typeof COVERAGE_AREAS)[number];
export const COVERAGE_LEVELS = ['OFF', 'BASE', 'ADVANCED', 'FULL'] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];

/** A fresh Data Center install: everything at BASE except end-user activity, which is off. */
export function defaultCoverage(): Record<CoverageArea, CoverageLevel> {
  const levels = Object.fromEntries(COVERAGE_AREAS.map((a) => [a, 'BASE'])) as Record<CoverageArea, CoverageLevel>;
  levels.END_USER_ACTIVITY = 'OFF';
  return levels;
}

/** The area a record's category falls in (Confluence's AuditCategories grouped as advanced auditing does). */
export function areaOfCategory(category: string): CoverageArea {
  const c = category.toLowerCase();
  if (/permission/.test(c)) return 'PERMISSIONS';
  if (/user|group/.test(c)) return 'USER_MANAGEMENT';
  if (/security|auth|login/.test(c)) return 'SECURITY';
  if (/space/.test(c)) return 'LOCAL_CONFIG_AND_ADMINISTRATION';
  if (/page|blog|attachment|comment|content|import|export/.test(c)) return 'END_USER_ACTIVITY';
  if (/app|plugin|marketplace/.test(c)) return 'ECOSYSTEM';
  if (/audit/.test(c)) return 'AUDIT_LOG';
  return 'GLOBAL_CONFIG_AND_ADMINISTRATION';
}
