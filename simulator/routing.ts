// Maps a request path to what it addresses: one of the audit operations under one of the three
// mounts (Cloud site /wiki, Data Center /confluence, gateway /ex/confluence/<cloudId>/wiki),
// the tenant_info endpoint, or nothing.
import type { Flavour } from './auth';

export type AuditOperation = 'audit' | 'since' | 'export' | 'retention' | 'dcEvents' | 'dcCoverage';

export interface ApiRoute {
  kind: 'api';
  flavour: Flavour;
  operation: AuditOperation;
  /** Path after the context, e.g. '/rest/api/audit/since' (what `_links.next` is relative to). */
  relativePath: string;
  /** '/wiki' or '/confluence'. */
  context: '/wiki' | '/confluence';
}

export type Route =
  | ApiRoute
  | { kind: 'tenantInfo' }
  | { kind: 'gatewayUnknownSite' }
  | { kind: 'notFound'; flavour: Flavour };

const OPERATIONS: Record<string, AuditOperation> = {
  '/rest/api/audit': 'audit',
  '/rest/api/audit/since': 'since',
  '/rest/api/audit/export': 'export',
  '/rest/api/audit/retention': 'retention',
};

/** Data Center advanced auditing (7.5+): only under the Data Center context. */
const DATA_CENTER_OPERATIONS: Record<string, AuditOperation> = {
  '/rest/auditing/1.0/events': 'dcEvents',
  '/rest/auditing/1.0/configuration/coverage': 'dcCoverage',
};

const GATEWAY_PREFIX = '/ex/confluence/';

export function resolveRoute(pathname: string, cloudId: string): Route {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '/_edge/tenant_info') {
    return { kind: 'tenantInfo' };
  }
  if (path.startsWith(GATEWAY_PREFIX)) {
    const rest = path.slice(GATEWAY_PREFIX.length);
    const slash = rest.indexOf('/');
    const id = slash < 0 ? rest : rest.slice(0, slash);
    if (id !== cloudId) {
      return { kind: 'gatewayUnknownSite' };
    }
    return apiRoute(slash < 0 ? '' : rest.slice(slash), '/wiki', 'gateway');
  }
  if (path.startsWith('/confluence/') || path === '/confluence') {
    return apiRoute(path.slice('/confluence'.length), '/confluence', 'datacenter');
  }
  return apiRoute(path, '/wiki', 'cloud');
}

function apiRoute(path: string, context: '/wiki' | '/confluence', flavour: Flavour): Route {
  const prefix = context === '/confluence' ? '' : '/wiki';
  if (!path.startsWith(prefix)) {
    return { kind: 'notFound', flavour };
  }
  const relativePath = path.slice(prefix.length);
  const operation = OPERATIONS[relativePath] ?? (flavour === 'datacenter' ? DATA_CENTER_OPERATIONS[relativePath] : undefined);
  if (!operation) {
    return { kind: 'notFound', flavour };
  }
  return { kind: 'api', flavour, operation, relativePath, context };
}
