// The root rule, in one place: a lone configured source (one site) shows its windows at the root, since its
// row would add nothing; otherwise every source has a row. An opened export always keeps its row, which
// names the file and closes it.
import type { AuditSource } from '../sources/source';

export function windowsAtRoot(sources: readonly Pick<AuditSource, 'lifetime'>[]): boolean {
  return sources.length === 1 && sources[0].lifetime === 'configured';
}
