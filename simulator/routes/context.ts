// What a route handler gets: the parsed request and the simulator state it may read or change.
import type { RetentionPeriod } from '../../src/api/types';
import type { ApiRoute } from '../routing';
import type { AuditStore } from '../store';
import type { JsonReply } from '../errors';
import type { StreamWriter } from '../reply';
import type { CoverageArea, CoverageLevel } from '../dc/coverage';

export interface RouteContext {
  route: ApiRoute;
  query: URLSearchParams;
  /** `_links.base`: the site URL plus the context, e.g. http://127.0.0.1:4000/wiki */
  linksBase: string;
  store: AuditStore;
  /** Server clock at the time of the request. */
  now: number;
  /** Largest `limit` honoured now (maxPageSize, or a fault's page cap). */
  maxPageSize: number;
  /** Data Center's silent anonymous user: sees an empty audit log. */
  anonymous: boolean;
  /** `set` also purges the records older than the new period. */
  retention: { get(): RetentionPeriod; set(p: RetentionPeriod): void };
  /** Counts export rows for the simulator's stats. */
  onExportRow: () => void;
  onDrainWait: () => void;
  /** Data Center advanced auditing: present (7.5+) or not (5.10–7.4), and its coverage levels. */
  dataCenter: { advancedAuditing: boolean; coverage(): Record<CoverageArea, CoverageLevel> };
}

export interface StreamReply {
  status: number;
  headers: Record<string, string>;
  produce: (writer: StreamWriter) => Promise<void>;
}

export type RouteResult = JsonReply | StreamReply;

export function isStreamReply(result: RouteResult): result is StreamReply {
  return 'produce' in result;
}
