// Advanced auditing's coverage as the view says it: areas set to Off log nothing, so an empty window there
// may mean "not logged" rather than "nothing happened". Read-only: the extension never changes coverage.
import type { DcCoverage } from '../../api/dc';

/** "END_USER_ACTIVITY" → "End user activity". */
export function areaName(area: string): string {
  const words = area.toLowerCase().replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function offAreas(coverage: DcCoverage | undefined): string[] {
  if (!coverage) return [];
  return Object.entries(coverage.levelByArea).filter(([, level]) => level === 'off').map(([area]) => areaName(area)).sort();
}

export function coverageText(coverage: DcCoverage | undefined): string {
  const off = offAreas(coverage);
  return off.length === 0 ? '' : `Not logged (coverage Off): ${off.join(', ')}. No records there may mean not logged.`;
}
