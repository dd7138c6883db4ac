// NO_PROXY matching, in the common curl / Go / undici dialect:
// '*' (everything), 'host' (the host and its subdomains), '.suffix' or '*.suffix' (subdomains and the
// suffix itself), any of these with ':port' to restrict to one port. IPs match literally; no CIDR ranges.

interface Entry {
  host: string;
  port?: number;
}

export interface NoProxyRule {
  all: boolean;
  entries: Entry[];
}

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'https:': 443 };

function parseEntry(item: string): Entry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
  if (bracketed !== null) {
    return { host: bracketed[1], port: bracketed[2] === undefined ? undefined : Number(bracketed[2]) };
  }
  if ((item.match(/:/g) ?? []).length > 1) {
    return { host: item }; // a bare IPv6 address cannot carry a port
  }
  const m = /^(.+?)(?::(\d+))?$/.exec(item);
  const host = (m?.[1] ?? item).replace(/^\*?\./, '');
  return { host, port: m?.[2] === undefined ? undefined : Number(m[2]) };
}

export function parseNoProxy(values: ReadonlyArray<string>): NoProxyRule {
  const entries: Entry[] = [];
  let all = false;
  for (const value of values) {
    for (const raw of value.split(/[\s,]+/)) {
      const item = raw.trim().toLowerCase();
      if (item === '') {
        continue;
      }
      if (item === '*') {
        all = true;
        continue;
      }
      entries.push(parseEntry(item));
    }
  }
  return { all, entries };
}

/** Whether a request to `url` must bypass the proxy. */
export function bypassesProxy(rule: NoProxyRule, url: URL): boolean {
  if (rule.all) {
    return true;
  }
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port === '' ? DEFAULT_PORT[url.protocol] ?? 0 : Number(url.port);
  return rule.entries.some((e) => (e.port === undefined || e.port === port) && (host === e.host || host.endsWith(`.${e.host}`)));
}
