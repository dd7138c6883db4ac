// A real HTTP CONNECT proxy on 127.0.0.1 for the proxy tests: tunnels to the requested host:port,
// optionally demanding Proxy-Authorization (407 otherwise). It records every CONNECT target.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxy {
  url: string;
  port: number;
  /** "host:port" of every CONNECT request, in order. */
  readonly connects: string[];
  /** Proxy-Authorization header values received (for checking the client sent them). */
  readonly proxyAuthorizations: Array<string | undefined>;
  stop(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** When set, CONNECT without `Proxy-Authorization: Basic base64(user:pass)` gets 407. */
  credentials?: { user: string; pass: string };
  /** Drop every CONNECT without answering (a misbehaving proxy). */
  dropConnects?: boolean;
  /** Accept every CONNECT and never answer (a stuck proxy). */
  silent?: boolean;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const connects: string[] = [];
  const proxyAuthorizations: Array<string | undefined> = [];
  const sockets = new Set<Socket>();
  const expected = options.credentials && `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.pass}`).toString('base64')}`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' }).end('This test proxy only tunnels (CONNECT).');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    connects.push(target);
    proxyAuthorizations.push(req.headers['proxy-authorization']);
    if (options.silent === true) {
      return;
    }
    if (options.dropConnects === true) {
      client.destroy();
      return;
    }
    if (expected !== undefined && req.headers['proxy-authorization'] !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const m = /^([^:]+|\[[^\]]+\]):(\d+)$/.exec(target);
    if (m === null) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(Number(m[2]), m[1].replace(/^\[|\]$/g, ''));
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    let established = false;
    upstream.once('connect', () => {
      established = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        upstream.write(head);
      }
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!established && client.writable) {
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      } else {
        client.destroy();
      }
    });
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    proxyAuthorizations,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) {
          s.destroy();
        }
      }),
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
