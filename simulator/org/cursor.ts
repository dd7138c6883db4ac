// Opaque cursors: base64url JSON of a position plus the query it belongs to, so a cursor alone
// continues the same query (as Atlassian's cursors do). A cursor that does not decode is a 400.

export interface StreamCursor {
  kind: 'stream';
  /** The last seq handed out (asc: continue above it; desc: below it). */
  seq: number;
  from?: number;
  to?: number;
  order: 'asc' | 'desc';
  limit: number;
}

export interface SearchCursor {
  kind: 'search';
  /** The last event handed out: continue with older ones (time desc, id desc). */
  time: number;
  id: string;
  filters: SearchFilters;
  limit: number;
}

export interface SearchFilters {
  from?: number;
  to?: number;
  q?: string;
  action?: string;
  actors: string[];
  ips: string[];
}

export interface ListCursor {
  kind: 'list';
  offset: number;
}

export type Cursor = StreamCursor | SearchCursor | ListCursor;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function decodeCursor<K extends Cursor['kind']>(text: string, kind: K): Extract<Cursor, { kind: K }> | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind) {
      return value as Extract<Cursor, { kind: K }>;
    }
  } catch {
    // Not base64url JSON: the caller answers 400.
  }
  return undefined;
}
