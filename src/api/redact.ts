// Removes secrets from any text that may reach a log, an error message or the UI.

const MASK = '[redacted]';
/** Shorter strings would mangle ordinary words; real tokens are far longer. */
const MIN_SECRET_LENGTH = 6;
const secrets = new Set<string>();
/** Longest first, so a secret that contains another is masked whole. */
let ordered: string[] = [];

/** Registers a secret (token, password, their Basic encodings) to be masked wherever it appears. */
export function registerSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    return;
  }
  secrets.add(secret);
  // A secret may also travel URL-encoded (query strings, proxy userinfo).
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) {
    secrets.add(encoded);
  }
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Header lines or header-like fragments: "Authorization: x", "authorization=x", JSON "authorization":"x".
  [/((?:proxy-)?authorization["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi, `$1${MASK}`],
  [/((?:set-)?cookie["']?\s*[:=]\s*["']?)[^"'\r\n}]+/gi, `$1${MASK}`],
  // Bare scheme + credential, e.g. inside an error message.
  [/\b(Basic|Bearer)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${MASK}`],
  // Secret-looking query or form parameters.
  [/([?&;](?:[a-z_]*token|access_token|api[_-]?key|apikey|password|passwd|pwd|secret|sig|signature|jwt|code)=)[^&#\s"']*/gi, `$1${MASK}`],
  // URL userinfo: scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]*@/gi, `$1${MASK}@`],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of ordered) {
    if (out.includes(secret)) {
      out = out.split(secret).join(MASK);
    }
  }
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}
