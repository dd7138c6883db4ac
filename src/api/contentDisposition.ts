// The file name a server gives an export in Content-Disposition (RFC 6266: filename*=UTF-8''… preferred over
// filename="…"). Server strings are hostile: only a base name is kept (no folders), on one line, without
// control or bidi characters, at most 200 characters; anything else gives undefined.
const MAX_NAME = 200;

function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}

function clean(name: string): string | undefined {
  const base = name.split(/[\\/]/).pop() ?? '';
  const safe = base.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '').trim();
  if (safe === '' || safe === '.' || safe === '..') return undefined;
  return safe.length > MAX_NAME ? safe.slice(0, MAX_NAME) : safe;
}

export function contentDispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^;]*)/i.exec(header);
  if (extended) {
    const m = /^([\w-]+)'[^']*'(.*)$/.exec(extended[1].trim());
    if (m && m[1].toLowerCase() === 'utf-8') {
      try {
        const name = clean(decodeURIComponent(m[2]));
        if (name) return name;
      } catch {
        // A broken percent-encoding: fall back to the plain filename parameter.
      }
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(header);
  return plain ? clean(unquote(plain[1])) : undefined;
}
