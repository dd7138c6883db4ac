// A small HTTP client for the simulator tests, on node:http(s) so that every detail (chunk timing,
// promised vs received length, socket errors) stays observable.
import * as http from 'node:http';
import * as https from 'node:https';
import type { SimulatorAccount } from '../../../simulator';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** Date.now() when the response headers and the first / last body bytes arrived. */
  headersAt: number;
  firstChunkAt: number;
  endAt: number;
  chunks: number;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  ca?: string | Buffer;
}

export function basic(account: SimulatorAccount, user: string = account.email): string {
  return `Basic ${Buffer.from(`${user}:${account.apiToken}`).toString('base64')}`;
}

export function bearer(account: SimulatorAccount): string {
  return `Bearer ${account.pat}`;
}

/** Resolves with the whole response; rejects on socket errors (reset, truncation). */
export function request(url: string, options: RequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    const req = lib.request(target, { method: options.method ?? 'GET', headers: options.headers, ca: options.ca, agent: false }, (res) => {
      const headersAt = Date.now();
      const parts: Buffer[] = [];
      let firstChunkAt = 0;
      res.on('data', (chunk: Buffer) => {
        firstChunkAt ||= Date.now();
        parts.push(chunk);
      });
      res.on('error', reject);
      res.on('aborted', () => reject(new Error('aborted')));
      res.on('end', () => {
        const body = Buffer.concat(parts);
        resolve({
          status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8'),
          headersAt, firstChunkAt: firstChunkAt || Date.now(), endAt: Date.now(), chunks: parts.length,
        });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** GET with an Authorization header, parsing JSON. */
export async function getJson(url: string, authorization?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown }> {
  const res = await request(url, { headers: authorization ? { authorization } : {} });
  return { status: res.status, headers: res.headers, body: res.text ? (JSON.parse(res.text) as unknown) : undefined };
}

export async function sendJson(method: string, url: string, authorization: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await request(url, {
    method,
    headers: { authorization, 'content-type': 'application/json', 'x-atlassian-token': 'no-check', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.text ? (JSON.parse(res.text) as unknown) : undefined };
}

/** A page of AuditRecordArray as the tests read it. */
export interface Page {
  results: { creationDate: number; summary: string; [key: string]: unknown }[];
  start: number;
  limit: number;
  size: number;
  _links: Record<string, string>;
}

export function asPage(body: unknown): Page {
  return body as Page;
}

/** Polls `condition` every few ms until true, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}
