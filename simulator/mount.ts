// A request handler for a whole path prefix beside the audit API (the organization API): it gets
// the request after logging and redirects, and runs its own pipeline.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogEntry } from './core';

export interface Mount {
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, url: URL, signal: AbortSignal): Promise<void>;
}
