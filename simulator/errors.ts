// Error bodies in the shapes real servers send: Confluence's own (site and Data Center) and the
// api.atlassian.com gateway's.

export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ConfluenceErrorOptions {
  key?: string;
  authorized?: boolean;
  valid?: boolean;
  headers?: Record<string, string>;
}

/** `{statusCode, data: {authorized, valid, errors: [{message: {key, args, translation}}], successful}, message}` */
export function confluenceError(status: number, message: string, options: ConfluenceErrorOptions = {}): JsonReply {
  const authorized = options.authorized ?? (status !== 401 && status !== 403);
  return {
    status,
    headers: options.headers,
    body: {
      statusCode: status,
      data: {
        authorized,
        valid: options.valid ?? status !== 400,
        errors: [{ message: { key: options.key ?? defaultKey(status), args: [], translation: message } }],
        successful: false,
      },
      message,
    },
  };
}

/** `{code, message}` as api.atlassian.com answers. */
export function gatewayError(status: number, message: string, headers?: Record<string, string>): JsonReply {
  return { status, headers, body: { code: status, message } };
}

function defaultKey(status: number): string {
  switch (status) {
    case 400: return 'com.atlassian.confluence.api.service.exceptions.BadRequestException';
    case 401: return 'com.atlassian.confluence.api.service.exceptions.NotAuthenticatedException';
    case 403: return 'com.atlassian.confluence.api.service.exceptions.PermissionException';
    case 404: return 'com.atlassian.confluence.api.service.exceptions.NotFoundException';
    case 429: return 'com.atlassian.confluence.api.service.exceptions.RateLimitException';
    default: return 'com.atlassian.confluence.api.service.exceptions.ServiceException';
  }
}
