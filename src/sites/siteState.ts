// A site's authentication state as the tree, the status bar and the panels show it. No vscode import.

export type SiteState =
  | { kind: 'unknown' }
  | { kind: 'ok'; lastRefresh?: number }
  | { kind: 'tokenRequired' }
  | { kind: 'tokenRejected'; message: string }
  | { kind: 'notAdmin'; message: string };

/** Short words for a site's state, or undefined when there is nothing to say. */
export function describeSiteState(kind: SiteState['kind']): string | undefined {
  switch (kind) {
    case 'tokenRequired':
      return 'token required';
    case 'tokenRejected':
      return 'token rejected';
    case 'notAdmin':
      return 'no audit log access';
    default:
      return undefined;
  }
}
