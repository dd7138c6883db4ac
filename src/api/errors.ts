// The one error type the client throws. `message` is the sentence shown to the user; `kind` drives the UI
// (sign-in node for unauthorized, retry button for retryable kinds, ...).

export const AUDIT_ERROR_KINDS = [
  'unauthorized', 'forbidden', 'notFound', 'notConfluence', 'rateLimited', 'server', 'timeout', 'dns',
  'certificate', 'proxy', 'proxyAuth', 'network', 'cancelled', 'badRequest', 'badResponse', 'tooLarge',
  'invalidUrl', 'redirect',
] as const;
export type AuditErrorKind = (typeof AUDIT_ERROR_KINDS)[number];

/** Kinds worth offering "Retry" for: transient conditions, not configuration problems. */
const TRANSIENT_KINDS: ReadonlySet<AuditErrorKind> = new Set<AuditErrorKind>(['rateLimited', 'server', 'timeout', 'network']);

export interface AuditErrorDetails {
  status?: number;
  retryAfterMs?: number;
  serverMessage?: string;
  retryable?: boolean;
  /** Node/undici error code behind a transport failure (e.g. ECONNRESET), for logs and retry decisions. */
  code?: string;
  cause?: unknown;
}

export class AuditError extends Error {
  readonly kind: AuditErrorKind;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly serverMessage?: string;
  readonly retryable: boolean;
  readonly code?: string;

  constructor(kind: AuditErrorKind, message: string, details: AuditErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'AuditError';
    this.kind = kind;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.serverMessage = details.serverMessage;
    this.code = details.code;
    this.retryable = details.retryable ?? TRANSIENT_KINDS.has(kind);
  }
}

export function isAuditError(e: unknown, kind?: AuditErrorKind): e is AuditError {
  return e instanceof AuditError && (kind === undefined || e.kind === kind);
}

export function cancelledError(cause?: unknown): AuditError {
  return new AuditError('cancelled', 'The request was cancelled.', { cause, retryable: false });
}

/** Any failure as an AuditError: the client's own pass through, anything else (a bug) becomes a network error that names it. */
export function toAuditError(error: unknown): AuditError {
  if (error instanceof AuditError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AuditError('network', `Unexpected error: ${message}`);
}
